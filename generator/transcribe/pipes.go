package transcribe

import "strings"

// pipeCell is one cell of a pipe-layout table.
type pipeCell struct {
	text string
	line int
	// ownLine is set when the cell's closing "|" stood alone on a line.
	ownLine bool
}

// pipeScanner reads pipe-layout tables: cells end with "|", a cell's text
// may run over several lines, a "---|---|" separator turns the cells
// before it into the header of a new table.
type pipeScanner struct {
	d        *doc
	sec      section
	status   string
	cells    []pipeCell
	pending  []string // text of a cell not yet closed
	pendLine int
	tab      *table
	cols     []string
	// caption and num are the last "Table N Name" / "表N名称" caption
	// seen, for the next table (Markdown sources caption their pipe
	// tables).
	caption, num string
}

// scanPipes reads a run of pipe-layout tables starting at lines[i] and
// returns the index after it.
func (d *doc) scanPipes(lines []line, i int, sec section, status string) (int, bool) {
	p := &pipeScanner{d: d, sec: sec, status: status}
	j := i
	for ; j < len(lines); j++ {
		s := strings.TrimSpace(lines[j].S)
		if s == "" {
			continue
		}
		if !p.line(s, lines[j].N) {
			break
		}
	}
	if len(p.pending) > 0 {
		d.warn(p.pendLine, "text %q is not closed by a cell separator", short(strings.Join(p.pending, " ")))
	}
	p.endTable()
	return j, j > i
}

// line reads one non-blank line; it returns false at a line that ends the
// run (a heading, caption or status line).
func (p *pipeScanner) line(s string, n int) bool {
	switch {
	case reSeparator.MatchString(s):
		p.separator(len(reDashes.FindAllString(s, -1)), n)
	case s == "|":
		// A lone "|" closes a cell whose text ran over lines (a list the
		// capture dropped, 002's layout), or opens a row (markdown-style
		// captures); only the first carries a cell.
		if len(p.pending) > 0 {
			p.cells = append(p.cells, pipeCell{text: strings.Join(p.pending, "\n"), line: p.pendLine, ownLine: true})
			p.pending = nil
		}
	case !strings.Contains(s, "|") && reCaption.MatchString(s) && len(p.pending) == 0:
		m := reCaption.FindStringSubmatch(s)
		p.caption, p.num = strings.TrimSpace(m[3]), m[1]+m[2]
	case !strings.Contains(s, "|"):
		if isMarker(s, p.sec) {
			return false
		}
		if len(p.pending) == 0 {
			p.pendLine = n
		}
		p.pending = append(p.pending, s)
	default:
		p.cellsOn(s, n)
	}
	return true
}

// cellsOn reads the cells on one line: "a |", "a | b | c |", "| a | b |";
// text after the last "|" starts the next cell.
func (p *pipeScanner) cellsOn(s string, n int) {
	parts := strings.Split(strings.TrimPrefix(s, "|"), "|")
	for _, part := range parts[:len(parts)-1] {
		text := strings.TrimSpace(part)
		if len(p.pending) > 0 {
			if text != "" {
				p.pending = append(p.pending, text)
			}
			text = strings.Join(p.pending, "\n")
			p.pending = nil
		} else {
			p.pendLine = n
		}
		p.cells = append(p.cells, pipeCell{text: text, line: p.pendLine})
	}
	if last := strings.TrimSpace(parts[len(parts)-1]); last != "" {
		p.pendLine = n
		p.pending = append(p.pending, last)
	}
}

// separator starts a new table whose header is the last k cells.
func (p *pipeScanner) separator(k, n int) {
	if len(p.cells) < k {
		p.d.warn(n, "table separator without a %d-cell header; ignored", k)
		return
	}
	header := p.cells[len(p.cells)-k:]
	p.cells = p.cells[:len(p.cells)-k]
	p.endTable()
	p.tab = &table{Sec: p.sec, Status: p.status, Line: header[0].line, Caption: p.caption, Num: p.num}
	p.caption, p.num = "", ""
	p.cols = nil
	for _, h := range header {
		p.cols = append(p.cols, role(h.text))
		p.tab.HasMandCol = p.tab.HasMandCol || role(h.text) == "mandatory"
	}
}

// endTable turns the collected cells into rows of the current table and
// adds it to the page.
func (p *pipeScanner) endTable() {
	if p.tab == nil {
		if len(p.cells) > 0 {
			p.d.warn(p.cells[0].line, "%d cells outside any table; ignored", len(p.cells))
		}
		p.cells = nil
		return
	}
	p.tab.Rows = append(p.tab.Rows, alignRows(p.cols, p.cells, p.tab.Line, p.d.warn)...)
	p.cells = nil
	if len(p.tab.Rows) == 0 {
		p.d.warn(p.tab.Line, "table has a header but no rows (truncated table?)")
	}
	p.d.Tables = append(p.d.Tables, p.tab)
	p.tab = nil
}

// pipeRow maps one row's cells to their columns.
func pipeRow(cols []string, cells []pipeCell) *row {
	r := &row{Line: cells[0].line}
	for c, role := range cols {
		v := cells[c]
		switch role {
		case "name":
			r.Name = v.text
		case "mandatory":
			r.Mand = v.text
		case "type":
			r.Type, r.TypeLine = v.text, v.line
		case "range":
			r.Range = v.text
		case "description":
			for i, s := range strings.Split(v.text, "\n") {
				r.Desc = append(r.Desc, line{N: v.line + i, S: s})
			}
			r.LostList = v.ownLine
		}
	}
	return r
}
