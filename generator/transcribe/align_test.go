package transcribe

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// tableRow is one generated row of a pipe table.
type tableRow struct{ name, mand, typ, desc string }

var (
	genTypes = []string{"String", "Integer", "Long", "Boolean", "Array of strings", "Array of Item objects", "Item object", "Double"}
	genDescs = []string{"Project ID.", "Number of periods. The value ranges from 1 to 9.", "Whether it renews.", "是否自动续费", "Billing mode. The options are as follows: 0: yearly/monthly; 1: pay-per-use.", "订购周期类型,2:月,3:年", "Name of the thing, 1 to 64 characters."}
)

// renderPipes prints a table in one of the pipe layouts the pages use.
func renderPipes(layout int, header []string, rows [][]string) string {
	var b strings.Builder
	sep := strings.Repeat("---|", len(header))
	cellLines := func(cells []string, opener bool) {
		if opener {
			b.WriteString("|\n")
		}
		for _, c := range cells {
			b.WriteString(c + " |\n")
		}
	}
	switch layout {
	case 0: // B: one cell per line
		cellLines(header, false)
		b.WriteString(sep + "\n")
		for _, r := range rows {
			cellLines(r, false)
		}
	case 1: // B': a bare "|" before each row
		cellLines(header, true)
		b.WriteString("|" + sep + "\n")
		for _, r := range rows {
			cellLines(r, true)
		}
	case 2: // E: one "| a | b |" row per line
		b.WriteString("| " + strings.Join(header, " | ") + " |\n|" + sep + "\n")
		for _, r := range rows {
			b.WriteString("| " + strings.Join(r, " | ") + " |\n")
		}
	case 3: // D: padded cells
		pad := func(cells []string) {
			b.WriteString("| \n")
			for _, c := range cells {
				b.WriteString("        " + c + "  | \n      \n")
			}
		}
		pad(header)
		b.WriteString("|" + sep + "\n")
		for _, r := range rows {
			pad(r)
		}
	}
	return b.String()
}

// TestAlignProperty generates pipe tables in every pipe layout, drops the
// (blank) mandatory cell of some rows the way captures do, and checks that
// every row keeps its name, type and description: a dropped cell never
// shifts the rows after it.
func TestAlignProperty(t *testing.T) {
	header := []string{"Parameter", "Mandatory", "Type", "Description"}
	for seed := uint64(0); seed < 300; seed++ {
		rng := rand.New(rand.NewPCG(seed, 7))
		layout := int(seed % 4)
		n := 1 + rng.IntN(8)
		var want []tableRow
		var cells [][]string
		for i := 0; i < n; i++ {
			r := tableRow{
				name: fmt.Sprintf("field_%d_%c", i, 'a'+rng.IntN(26)),
				mand: []string{"Yes", "No", "是", "否", ""}[rng.IntN(5)],
				typ:  genTypes[rng.IntN(len(genTypes))],
				desc: genDescs[rng.IntN(len(genDescs))],
			}
			want = append(want, r)
			row := []string{r.name, r.mand, r.typ, r.desc}
			if r.mand == "" && rng.IntN(2) == 0 && layout != 2 {
				row = []string{r.name, r.typ, r.desc} // the capture dropped the blank cell
			}
			cells = append(cells, row)
		}
		page := "T\nFunction\nx\nURI\nPOST /v1/{project_id}/x\nRequest Parameters\n" + renderPipes(layout, header, cells) + "Response Parameters\n"
		var warns []string
		d := scan(splitLines([]byte(page)), func(l int, f string, a ...any) {
			warns = append(warns, fmt.Sprintf("%d: "+f, append([]any{l}, a...)...))
		})
		var body *table
		for _, tb := range d.Tables {
			if tb.Sec == secRequest {
				body = tb
			}
		}
		if body == nil {
			t.Fatalf("seed %d layout %d: no request table\n%s", seed, layout, page)
		}
		if len(body.Rows) != len(want) {
			t.Fatalf("seed %d layout %d: %d rows, want %d\n%s\nwarnings: %v", seed, layout, len(body.Rows), len(want), page, warns)
		}
		for i, r := range body.Rows {
			w := want[i]
			desc := make([]string, len(r.Desc))
			for k, l := range r.Desc {
				desc[k] = strings.TrimSpace(l.S)
			}
			if r.Name != w.name || r.Type != w.typ || r.Mand != w.mand || strings.Join(desc, " ") != w.desc {
				t.Fatalf("seed %d layout %d row %d: got %q/%q/%q/%q, want %q/%q/%q/%q\n%s", seed, layout, i, r.Name, r.Mand, r.Type, strings.Join(desc, " "), w.name, w.mand, w.typ, w.desc, page)
			}
		}
	}
}

// TestAlignExtraCell checks that a row with a cell too many keeps the rows
// after it, and that the extra text is reported with its line.
func TestAlignExtraCell(t *testing.T) {
	page := "T\nFunction\nx\nURI\nPOST /v1/x\nRequest Parameters\n" +
		"| Parameter | Mandatory | Type | Description |\n|---|---|---|---|\n" +
		"| a_field | Yes | String | First. | stray |\n" +
		"| b_field | No | Integer | Second. |\n" +
		"Response Parameters\n"
	var warns []string
	d := scan(splitLines([]byte(page)), func(l int, f string, a ...any) {
		warns = append(warns, fmt.Sprintf("%d: "+f, append([]any{l}, a...)...))
	})
	rows := d.Tables[0].Rows
	if len(rows) != 2 || rows[1].Name != "b_field" || rows[1].Type != "Integer" {
		t.Fatalf("rows: %+v", rows)
	}
	if len(warns) != 1 || !strings.HasPrefix(warns[0], "9: ") || !strings.Contains(warns[0], "stray") {
		t.Fatalf("warnings: %q", warns)
	}
}
