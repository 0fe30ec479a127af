package transcribe

import (
	"regexp"
	"slices"
	"strings"
)

// row is one parameter row of a table.
type row struct {
	Line     int
	Name     string
	Mand     string // the mandatory cell as printed, "" when blank or absent
	Type     string
	TypeLine int
	Range    string // a value-range column cell, when the table has one
	Desc     []line
	// NoTypeCol is set when the table has no type column (the type is
	// then taken as String).
	NoTypeCol bool
	// LostList is set when a pipe cell's closing "|" stands on a line of
	// its own: the capture dropped whatever list was there.
	LostList bool
}

// table is one parameter table with the context it appeared in.
type table struct {
	Line       int // first header line
	Caption    string
	Num        string // caption number ("3" for "Table 3" or "表3")
	Sec        section
	Status     string // response status for tables under "Status code: N"
	HasMandCol bool
	Rows       []*row
}

// example is a JSON example found under an example heading.
type example struct {
	Sec    section
	Status string
	Line   int
	Raw    string
}

// statusEntry is one row of the status-code table.
type statusEntry struct {
	Code, Desc string
	Line       int
}

// doc is the scanned page.
type doc struct {
	Layout       layout
	Title        string
	TitleLine    int
	Updated      string
	Function     string
	Method, Path string
	URILine      int
	Tables       []*table
	Examples     []*example
	SDK          []line
	Statuses     []statusEntry
	warn         func(line int, format string, args ...any)
}

// scan walks the page once and collects its parts.
func scan(lines []line, warn func(int, string, ...any)) *doc {
	d := &doc{Layout: detectLayout(lines), warn: warn}
	for _, l := range lines {
		if m := reUpdated.FindStringSubmatch(l.S); m != nil {
			d.Updated = m[1]
			break
		}
	}
	start, title, tl := pageStart(lines)
	d.Title, d.TitleLine = title, tl
	sec, status := secNone, ""
	for i := start; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i].S)
		if t == "" {
			continue
		}
		if s, ok := headingOf(t, sec); ok {
			sec, status = s, ""
			if sec == secEnd {
				break
			}
			continue
		}
		if m := reStatus.FindStringSubmatch(t); m != nil && sec != secSDK {
			status = m[1]
			continue
		}
		switch sec {
		case secFunction:
			if d.Function == "" {
				d.Function = t
			}
		case secURI, secRequest, secResponse:
			if m := reURI.FindStringSubmatch(t); m != nil && d.Method == "" {
				d.Method, d.Path, d.URILine = m[1], m[2], lines[i].N
				if q := strings.IndexByte(d.Path, '?'); q >= 0 {
					d.warn(lines[i].N, "query string %q dropped from the path; query parameters come from the tables", d.Path[q:])
					d.Path = d.Path[:q]
				}
				continue
			}
			if next, ok := d.scanTables(lines, i, sec, status); ok {
				i = next - 1
			}
		case secExampleRequest, secExampleResponse:
			if m := reHTTPStatus.FindStringSubmatch(t); m != nil && sec == secExampleResponse {
				status = m[1]
				continue
			}
			if jsonStart(lines[i].S) >= 0 {
				i = d.scanJSON(lines, i, sec, status) - 1
			}
		case secSDK:
			d.SDK = append(d.SDK, lines[i])
		case secStatusCodes:
			i = d.scanStatus(lines, i)
		}
	}
	return d
}

// reCode matches a status-code cell.
var reCode = regexp.MustCompile(`^\d{3}$`)

// scanStatus reads one "code, description" pair of the status-code table
// starting at lines[i] and returns the index of its last line.
func (d *doc) scanStatus(lines []line, i int) int {
	if cells := rowCells(lines[i].S); len(cells) >= 2 && reCode.MatchString(cells[0]) {
		// One "| 200 | OK |" row per line.
		d.Statuses = append(d.Statuses, statusEntry{Code: cells[0], Desc: cells[1], Line: lines[i].N})
		return i
	}
	code := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(lines[i].S), "|"))
	if !reCode.MatchString(code) {
		return i
	}
	e := statusEntry{Code: code, Line: lines[i].N}
	for j := i + 1; j < len(lines); j++ {
		if s := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(lines[j].S), "|")); s != "" {
			e.Desc, i = s, j
			break
		}
	}
	d.Statuses = append(d.Statuses, e)
	return i
}

// scanTables reads the table(s) starting at lines[i], if any, and returns
// the index after them.
func (d *doc) scanTables(lines []line, i int, sec section, status string) (int, bool) {
	if d.Layout == layoutPipes {
		return d.scanPipes(lines, i, sec, status)
	}
	return d.scanCells(lines, i, sec, status)
}

// nextNonBlank returns the index of the next non-blank line at or after i.
func nextNonBlank(lines []line, i int) int {
	for i < len(lines) && strings.TrimSpace(lines[i].S) == "" {
		i++
	}
	return i
}

// scanCells reads one captioned (or header-led) table in a cell layout.
func (d *doc) scanCells(lines []line, i int, sec section, status string) (int, bool) {
	t := strings.TrimSpace(lines[i].S)
	tab := &table{Sec: sec, Status: status, Line: lines[i].N}
	j := i
	if m := reCaption.FindStringSubmatch(t); m != nil {
		tab.Caption = strings.TrimSpace(m[3])
		tab.Num = m[1] + m[2]
		j = nextNonBlank(lines, i+1)
	} else if role(t) != "name" {
		return i, false
	}
	var cols []string
	for j < len(lines) && headerWords[strings.TrimSpace(lines[j].S)] {
		cols = append(cols, role(lines[j].S))
		j = nextNonBlank(lines, j+1)
	}
	if len(cols) == 0 {
		d.warn(lines[i].N, "caption %q is not followed by a table header; table skipped", t)
		return j, true
	}
	for _, c := range cols {
		tab.HasMandCol = tab.HasMandCol || c == "mandatory"
	}
	var cur *row
	mandSeen := false
	for j < len(lines) {
		s := strings.TrimSpace(lines[j].S)
		if s == "" {
			j++
			continue
		}
		if isMarker(s, sec) {
			break
		}
		if r, next, ok := cellRowStart(lines, j, cols); ok && (r.Mand != "" || !mandSeen) {
			mandSeen = mandSeen || r.Mand != ""
			if cur != nil && cur.Type == "" {
				d.warn(cur.Line, "row %q has no type cell (truncated table?)", cur.Name)
			}
			cur = r
			tab.Rows = append(tab.Rows, cur)
			j = next
			continue
		}
		if cur == nil {
			d.warn(lines[j].N, "unexpected text %q before the first row of the table at line %d", short(s), tab.Line)
		} else {
			cur.Desc = append(cur.Desc, line{N: lines[j].N, S: s})
		}
		j++
	}
	if cur != nil && cur.Type == "" {
		d.warn(cur.Line, "row %q has no type cell (truncated table?)", cur.Name)
	}
	if len(tab.Rows) == 0 {
		d.warn(tab.Line, "table %q has a header but no rows (truncated table?)", tab.Caption)
	}
	d.Tables = append(d.Tables, tab)
	return j, true
}

// cellRowStart recognises the start of a row in a cell layout: a name,
// then the middle columns in header order (a mandatory cell, possibly
// blank; a type; a value-range cell), then the description lines.
func cellRowStart(lines []line, j int, cols []string) (*row, int, bool) {
	name := strings.TrimSpace(lines[j].S)
	if !isFieldName(name) {
		return nil, j, false
	}
	r := &row{Line: lines[j].N, Name: name}
	k := j + 1
	cell := func() (string, int, bool) {
		n := nextNonBlank(lines, k)
		if n >= len(lines) || isMarker(lines[n].S, secNone) {
			return "", n, false
		}
		return strings.TrimSpace(lines[n].S), n, true
	}
	hasType := slices.Contains(cols, "type")
	mand, typed := false, false
	for _, c := range cols {
		switch c {
		case "mandatory":
			if s, n, ok := cell(); ok && isMandatory(s) {
				r.Mand, k, mand = s, n+1, true
			}
		case "type":
			s, n, ok := cell()
			_, known := parseType(s)
			switch {
			case ok && (known || mand || isTypeLike(s) && followedByLabel(lines, n)):
				r.Type, r.TypeLine, k, typed = s, lines[n].N, n+1, true
			case !mand:
				return nil, j, false
			default:
				return r, k, true // truncated: no type cell
			}
		case "range":
			if !mand && !typed {
				return nil, j, false
			}
			if s, n, ok := cell(); ok {
				r.Range, k = s, n+1
			}
		}
	}
	if !mand && !typed {
		return nil, j, false
	}
	if !hasType {
		r.Type, r.TypeLine = "String", r.Line
		r.NoTypeCol = true
	}
	return r, k, true
}

// followedByLabel tells whether the line after lines[n] is a description
// part label (参数解释, Definition), the sign that lines[n] was a type cell.
func followedByLabel(lines []line, n int) bool {
	k := nextNonBlank(lines, n+1)
	if k >= len(lines) {
		return false
	}
	s := strings.TrimSpace(lines[k].S)
	return descLabels[strings.TrimRight(s, ":：")] || reZhInline.MatchString(s)
}

// scanJSON reads a brace-balanced JSON value starting on lines[i] and
// returns the index after it.
func (d *doc) scanJSON(lines []line, i int, sec section, status string) int {
	first := jsonStart(lines[i].S)
	var b strings.Builder
	depth, inStr, esc := 0, false, false
	for j := i; j < len(lines); j++ {
		s := lines[j].S
		if j == i {
			s = s[first:]
		}
		for k := 0; k < len(s); k++ {
			c := s[k]
			b.WriteByte(c)
			switch {
			case esc:
				esc = false
			case inStr && c == '\\':
				esc = true
			case c == '"':
				inStr = !inStr
			case !inStr && (c == '{' || c == '['):
				depth++
			case !inStr && (c == '}' || c == ']'):
				depth--
				if depth == 0 {
					d.Examples = append(d.Examples, &example{Sec: sec, Status: status, Line: lines[i].N, Raw: b.String()})
					return j + 1
				}
			}
		}
		b.WriteByte('\n')
	}
	d.warn(lines[i].N, "example JSON is not closed before the end of the page; ignored")
	return len(lines)
}

// jsonStart finds where a JSON object starts on a line: a "{" followed by
// a quote, a closing brace or the end of the line (so "{project_id}" in a
// path does not count).
func jsonStart(s string) int {
	for k := 0; k < len(s); k++ {
		if s[k] != '{' {
			continue
		}
		rest := strings.TrimSpace(s[k+1:])
		if rest == "" || rest[0] == '"' || rest[0] == '}' {
			return k
		}
	}
	return -1
}

// short trims a text for a message.
func short(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "..."
	}
	return s
}

// rowCells splits a one-line pipe row ("| a | b |", "a | b |") into its
// trimmed cells.
func rowCells(s string) []string {
	s = strings.TrimSpace(s)
	if strings.Count(s, "|") < 2 {
		return nil
	}
	parts := strings.Split(strings.Trim(s, "|"), "|")
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = strings.TrimSpace(p)
	}
	return out
}
