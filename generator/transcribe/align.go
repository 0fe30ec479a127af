package transcribe

import (
	"slices"
	"strings"
)

// alignRows turns the cells of one pipe table into rows. It does not cut
// the cells into fixed groups of the header's size: a capture may drop an
// empty cell or add one (a lone "|", a blank mandatory cell), and one
// shifted cell would shift every row after it. Instead each row starts at
// a cell that looks like a parameter name followed by a cell that fits the
// second column, and each middle cell is taken only when it looks like its
// column (a mandatory cell is Yes/No or 是/否 or blank, a type cell looks
// like a type); a column whose cell is missing is left blank with a
// warning, and cells beyond the header's count join the description.
func alignRows(cols []string, cells []pipeCell, tableLine int, warn func(int, string, ...any)) []*row {
	if len(cols) == 0 {
		return nil
	}
	fits := func(role string, c pipeCell) bool {
		t := strings.TrimSpace(c.text)
		switch role {
		case "mandatory":
			return t == "" || isMandatory(t)
		case "type":
			return t != "" && isTypeLike(t)
		case "name":
			return isFieldName(t) && !strings.HasSuffix(t, ".")
		}
		return true
	}
	// startsRow tells whether cells[k] opens a row: a name, then a cell
	// that fits the second column (or the end of the table).
	startsRow := func(k int) bool {
		if k >= len(cells) || !fits("name", cells[k]) {
			return false
		}
		if len(cols) < 2 {
			return true
		}
		if k+1 >= len(cells) {
			return false // a row has more than a name
		}
		if fits(cols[1], cells[k+1]) && cols[1] != "description" && cols[1] != "" && cols[1] != "range" {
			return true
		}
		// The second cell was dropped: the third fits the third column.
		return len(cols) > 2 && k+1 < len(cells) && cols[1] == "mandatory" && fits("type", cells[k+1])
	}
	var rows []*row
	var cur *row
	i := 0
	for i < len(cells) {
		if cols[0] != "name" || !startsRow(i) {
			c := cells[i]
			if cur == nil || cols[0] != "name" && len(cells)-i >= len(cols) {
				if cols[0] != "name" {
					// Not a parameter table (no name column): fixed groups.
					if len(cells)-i < len(cols) {
						warn(c.line, "table at line %d ends in the middle of a row (%d of %d cells); row dropped (truncated table?)", tableLine, len(cells)-i, len(cols))
						return rows
					}
					rows = append(rows, pipeRow(cols, cells[i:i+len(cols)]))
					i += len(cols)
					continue
				}
				warn(c.line, "cell %q does not start a row of the table at line %d (no parameter name followed by a %s cell); ignored", short(c.text), tableLine, cols[1])
				i++
				continue
			}
			if strings.TrimSpace(c.text) != "" {
				warn(c.line, "row %q has more cells than the table's %d columns; cell %q is joined to its description", cur.Name, len(cols), short(c.text))
				cur.Desc = append(cur.Desc, splitCell(c)...)
			}
			i++
			continue
		}
		r := &row{Line: cells[i].line, Name: strings.TrimSpace(cells[i].text)}
		j := i + 1
		for ci := 1; ci < len(cols); ci++ {
			role := cols[ci]
			last := ci == len(cols)-1
			if j >= len(cells) || (role == "description" || last) && startsRow(j) && j > i+1 {
				if role == "type" || role == "mandatory" || role == "description" {
					warn(r.Line, "row %q has no %s cell (the capture dropped it?)", r.Name, role)
				}
				continue
			}
			c := cells[j]
			switch role {
			case "mandatory":
				if !fits(role, c) {
					warn(c.line, "row %q: cell %q is not a mandatory cell (Yes/No, 是/否); the capture dropped the mandatory cell, taken as blank", r.Name, short(c.text))
					continue
				}
				r.Mand = strings.TrimSpace(c.text)
			case "type":
				if !fits(role, c) {
					if strings.TrimSpace(c.text) == "" {
						j++ // an empty type cell
					}
					warn(c.line, "row %q has no type cell (the capture dropped it?)", r.Name)
					continue
				}
				r.Type, r.TypeLine = strings.TrimSpace(c.text), c.line
			case "range":
				r.Range = strings.TrimSpace(c.text)
			case "description":
				r.Desc = append(r.Desc, splitCell(c)...)
				r.LostList = c.ownLine
			}
			j++
		}
		if !slices.Contains(cols, "type") {
			r.Type, r.TypeLine, r.NoTypeCol = "String", r.Line, true
		}
		rows = append(rows, r)
		cur = r
		i = j
	}
	return rows
}

// splitCell turns a cell's text into description lines.
func splitCell(c pipeCell) []line {
	var out []line
	for i, s := range strings.Split(c.text, "\n") {
		out = append(out, line{N: c.line + i, S: s})
	}
	return out
}
