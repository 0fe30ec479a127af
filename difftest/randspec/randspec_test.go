package randspec

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"math/big"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestRandomSchemas runs random documents through gen, builds the code
// and compares its verdicts with kin-openapi's. By default it runs a small
// fixed-seed batch with the known failures' constructs turned off (what
// make test runs); RANDSPEC_DOCS=n runs n documents with every construct
// (make fuzz), RANDSPEC_SEED sets the first seed, and RANDSPEC_OUT names
// a file for the minimized disagreements.
func TestRandomSchemas(t *testing.T) {
	if testing.Short() {
		t.Skip("builds generated code")
	}
	n, long := 12, false
	if s := os.Getenv("RANDSPEC_DOCS"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v <= 0 {
			t.Fatalf("RANDSPEC_DOCS=%q: want a positive number", s)
		}
		n, long = v, true
	}
	first := uint64(1)
	if s := os.Getenv("RANDSPEC_SEED"); s != "" {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("RANDSPEC_SEED=%q: %v", s, err)
		}
		first = v
	}
	f := ciFeatures()
	perSchema := 40
	if long {
		f, perSchema = AllFeatures(), 60
	}
	const batch = 40
	rep := newReport()
	known := knownRuns()
	for lo := 0; lo < n; lo += batch {
		var seeds []uint64
		for i := lo; i < min(lo+batch, n); i++ {
			seeds = append(seeds, first+uint64(i))
		}
		runBatch(t, seeds, known, f, perSchema, lo == 0, rep)
		known = nil
	}
	checkKnown(t)
	found := minimize(rep.diffs)
	t.Logf("%d documents, %d schemas, %d values compared; outcomes: %s", rep.docs, rep.schemas, rep.values, outcomeSummary(rep))
	for _, k := range slices.Sorted(maps.Keys(rep.refusals)) {
		t.Logf("refused %d×: %s", rep.refusals[k], k)
	}
	byCat := map[string]int{}
	for _, m := range found {
		byCat[m.category] += m.count
	}
	for _, k := range slices.Sorted(maps.Keys(byCat)) {
		known := ""
		if kf := knownFor(k); kf != "" {
			known = " (known failure " + kf + ")"
		}
		t.Logf("disagreements %d× on %s%s", byCat[k], k, known)
	}
	if out := os.Getenv("RANDSPEC_OUT"); out != "" {
		if err := os.WriteFile(out, formatFound(found), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, v := range rep.vet {
		key := "vet: " + buildPos.ReplaceAllString(v, "")
		if kf := knownFor(key); long && kf != "" {
			t.Logf("%s (known failure %s)", v, kf)
			continue
		}
		t.Errorf("go vet: %s", v)
	}
	for _, k := range slices.Sorted(maps.Keys(rep.failures)) {
		docs := rep.failures[k]
		d := docs[0]
		if kf := knownFor(k); long && kf != "" {
			t.Logf("%d documents: %s (known failure %s), e.g. seed %d", len(docs), k, kf, d.doc.Seed)
			continue
		}
		t.Errorf("%d documents: %s, e.g. seed %d:\n%s\n%s", len(docs), k, d.doc.Seed, d.detail, d.spec)
	}
	for _, m := range found {
		if !long || knownFor(m.category) == "" {
			t.Errorf("verdicts differ %d× on %s, e.g.:\n%s", m.count, m.category, m.text())
		}
	}
}

func outcomeSummary(rep *report) string {
	var parts []string
	for _, o := range slices.Sorted(maps.Keys(rep.outcomes)) {
		parts = append(parts, fmt.Sprintf("%s %d", outcomeNames[o], rep.outcomes[o]))
	}
	return strings.Join(parts, ", ")
}

// finding is one disagreement reduced to the schema and value where the
// two validators part.
type finding struct {
	category string
	schema   *Schema
	value    any
	ours     error
	kin      error
	seed     uint64
	count    int
}

// text renders a finding as a small spec and value.
func (m *finding) text() string {
	ours, kin := "valid", "valid"
	if m.ours != nil {
		ours = "invalid: " + m.ours.Error()
	}
	if m.kin != nil {
		kin = "invalid: " + firstLine(m.kin.Error())
	}
	return fmt.Sprintf("seed: %d\nS0: %s\nvalue: %s\nours: %s\nkin-openapi: %s\n",
		m.seed, canonical(wrap(m.schema).JSON()), canonical(m.value), ours, kin)
}

// wrap makes s the one required member v of an object, unless it is an
// object already.
func wrap(s *Schema) *Schema {
	if s.Type == "object" && !s.Nullable {
		return s
	}
	return &Schema{Type: "object", Props: []Prop{{Name: "v", Schema: s}}, Required: []string{"v"}}
}

// wrapValue is the value of wrap(s) whose member is v.
func wrapValue(s *Schema, v any) any {
	if wrap(s) == s {
		return v
	}
	return map[string]any{"v": v}
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

// minimize reduces each disagreement to the sub-schema and sub-value at
// the JSON pointer one of the validators complained about, and groups
// them by what that sub-schema is.
func minimize(diffs []*valueCase) []*finding {
	byKey := map[string]*finding{}
	for _, c := range diffs {
		s := c.run.doc.Schemas[c.comp]
		v := decodeNumbers(c.data)
		ptr := complaintPointer(c)
		sub, subv := descend(s, v, ptr)
		cat := Describe(sub) + valueTags(sub, subv)
		if m, ok := subv.(map[string]any); ok && len(m) == 0 && len(sub.Props) == 1 && sub.Type == "object" {
			cat = "object member absent: " + Describe(sub.Props[0].Schema)
		}
		key := cat + "|" + canonical(subv)
		if m, ok := byKey[key]; ok {
			m.count++
			continue
		}
		byKey[key] = &finding{category: cat, schema: sub, value: subv, ours: c.ours, kin: c.kinErr, seed: c.run.doc.Seed, count: 1}
	}
	// one example per category and verdict pair, the smallest value first
	byCat := map[string]*finding{}
	for _, k := range slices.Sorted(maps.Keys(byKey)) {
		m := byKey[k]
		ck := m.category + fmt.Sprint(m.ours == nil)
		m.value = wrapValue(m.schema, m.value)
		if first, ok := byCat[ck]; ok {
			first.count += m.count
			continue
		}
		byCat[ck] = m
	}
	out := slices.Collect(maps.Values(byCat))
	slices.SortFunc(out, func(a, b *finding) int { return strings.Compare(a.category+a.text(), b.category+b.text()) })
	return out
}

var ourPointer = regexp.MustCompile(`^(?:invalid request: (?:[0-9]+ violations \| \t?)?)?(/[^:]*|body):`)

// complaintPointer returns the JSON pointer of the first complaint:
// kin-openapi's when it rejected the value, else ours.
func complaintPointer(c *valueCase) []string {
	var se *openapi3.SchemaError
	if c.kinErr != nil && errors.As(c.kinErr, &se) {
		return se.JSONPointer()
	}
	if c.ours != nil {
		if m := ourPointer.FindStringSubmatch(c.ours.Error()); m != nil && m[1] != "body" {
			var toks []string
			for _, t := range strings.Split(m[1][1:], "/") {
				toks = append(toks, strings.NewReplacer("~1", "/", "~0", "~").Replace(t))
			}
			return toks
		}
	}
	return nil
}

// valueTags names what is special about a value where it matters to the
// category: integers beyond int64, numbers beyond float32.
func valueTags(s *Schema, v any) string {
	n, ok := v.(json.Number)
	if !ok {
		return ""
	}
	r, ok := new(big.Rat).SetString(string(n))
	if !ok {
		return ""
	}
	switch {
	case s.Type == "integer" && r.IsInt() && !r.Num().IsInt64():
		return " value-beyond-int64"
	case s.Type == "number" && s.Format == "float":
		if f, _ := r.Float64(); math.Abs(f) > math.MaxFloat32 {
			return " value-beyond-float32"
		}
	}
	return ""
}

// descend follows ptr through schema and value as far as both go.
func descend(s *Schema, v any, ptr []string) (*Schema, any) {
	for _, tok := range ptr {
		var next *Schema
		switch {
		case s.Type == "array" && s.Items != nil:
			next = s.Items
		case s.Type == "object":
			for _, p := range s.Props {
				if p.Name == tok {
					next = p.Schema
				}
			}
			if next == nil {
				next = s.Addl
			}
		}
		if next == nil {
			break
		}
		var nv any
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if nv, ok = x[tok]; !ok {
				// an absent member: keep the object, with that member only
				one := &Schema{Type: "object", Props: []Prop{{Name: tok, Schema: next}}}
				if slices.Contains(s.Required, tok) {
					one.Required = []string{tok}
				}
				return one, map[string]any{}
			}
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i >= len(x) {
				return s, v
			}
			nv = x[i]
		default:
			return s, v
		}
		s, v = next, nv
	}
	return s, v
}

// foundHeader opens the findings file.
const foundHeader = `Disagreements between the generated validators and kin-openapi found by
TestRandomSchemas (RANDSPEC_OUT), each reduced to the member where they
part, as S0 (its member v, unless it is an object) and a value. The
reduction keeps the schema and value at the pointer, not the array or map
around them: where "ours" names a pointer through an array item or a map
value (/x/k0, /x/0), the failure needs that container. The confirmed
minimal specs are those of knownFailures in known_test.go.
`

// formatFound renders the findings as a txtar archive: one file per
// finding, named by its category, for turning into golden cases.
func formatFound(found []*finding) []byte {
	var b strings.Builder
	b.WriteString(foundHeader)
	for i, m := range found {
		fmt.Fprintf(&b, "-- %02d %s (%d×) --\n%s", i, m.category, m.count, m.text())
	}
	return []byte(b.String())
}

// decodeNumbers decodes JSON keeping numbers as written.
func decodeNumbers(data []byte) any {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	_ = dec.Decode(&v) // the data was encoded by this package
	return v
}
