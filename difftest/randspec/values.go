package randspec

import (
	"encoding/json"
	"fmt"
	"math/big"
	"slices"
	"strings"
)

// Valid returns a value meant to satisfy s. It is built from the schema's
// constraints; where they cannot all be met it may not, and the test's
// oracle decides either way.
func (g *Gen) Valid(s *Schema) any {
	if s.Nullable && g.chance(0.1) {
		return nil
	}
	if s.Enum != nil {
		return s.Enum[g.pick(len(s.Enum))]
	}
	switch s.Type {
	case "object":
		return g.validObject(s)
	case "array":
		return g.validArray(s)
	case "string":
		return g.validString(s)
	case "integer", "number":
		return g.validNumber(s)
	}
	return g.chance(0.5)
}

func (g *Gen) validObject(s *Schema) any {
	m := map[string]any{}
	for _, p := range s.Props {
		if slices.Contains(s.Required, p.Name) || g.chance(0.6) {
			m[p.Name] = g.Valid(p.Schema)
		}
	}
	if s.Addl != nil {
		n := g.pick(3)
		if s.MinProps != nil {
			n = max(n, *s.MinProps)
		}
		if s.MaxProps != nil {
			n = min(n, *s.MaxProps)
		}
		for i := range n {
			m[fmt.Sprintf("k%d", i)] = g.Valid(s.Addl)
		}
	}
	if s.AddlTrue && g.chance(0.5) {
		m["extra"] = "free"
	}
	return m
}

func (g *Gen) validArray(s *Schema) any {
	n := g.pick(3)
	if s.MinItems != nil {
		n = max(n, *s.MinItems)
	}
	if s.MaxItems != nil {
		n = min(n, *s.MaxItems)
	}
	out := []any{}
	seen := map[string]bool{}
	for tries := 0; len(out) < n && tries < 20; tries++ {
		v := g.Valid(s.Items)
		key := canonical(v)
		if s.Unique && seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, v)
	}
	return out
}

// formatValues are strings valid for each checked format.
var formatValues = map[string][]string{
	"date-time": {"2021-03-04T05:06:07Z", "2024-02-29T23:59:59.5+08:00"},
	"date":      {"2021-03-04", "2024-02-29"},
	"uuid":      {"123e4567-e89b-12d3-a456-426614174000", "00000000-0000-0000-0000-000000000000"},
	"email":     {"a@b.co", "first.last@example.com"},
	"ipv4":      {"192.168.0.1", "0.0.0.0"},
	"ipv6":      {"::1", "2001:db8::8a2e:370:7334"},
	"uri":       {"https://example.com/x?y=1", "urn:isbn:0451450523"},
	"byte":      {"aGVsbG8=", ""},
}

func (g *Gen) validString(s *Schema) any {
	if vs, ok := formatValues[s.Format]; ok {
		return vs[g.pick(len(vs))]
	}
	if vs, ok := patterns[s.Pattern]; ok {
		return vs[g.pick(len(vs))]
	}
	lo, hi := 0, 8
	if s.MinLen != nil {
		lo = *s.MinLen
	}
	if s.MaxLen != nil {
		hi = *s.MaxLen
	}
	if hi < lo {
		hi = lo
	}
	n := lo + g.pick(hi-lo+1)
	alphabet := []rune("abcxyzé名0 ")
	var b strings.Builder
	for range n {
		b.WriteRune(alphabet[g.pick(len(alphabet))])
	}
	return b.String()
}

// validNumber picks a number between the bounds, on multipleOf when set.
func (g *Gen) validNumber(s *Schema) any {
	lo, hi := big.NewRat(-20, 1), big.NewRat(20, 1)
	if s.Min != nil {
		lo = rat(*s.Min)
	}
	if s.Max != nil {
		hi = rat(*s.Max)
	}
	if s.Min == nil && s.Max != nil {
		lo = new(big.Rat).Sub(hi, big.NewRat(20, 1))
	}
	if s.Max == nil && s.Min != nil {
		hi = new(big.Rat).Add(lo, big.NewRat(20, 1))
	}
	step := big.NewRat(1, 4)
	if s.Type == "integer" {
		step = big.NewRat(1, 1)
	}
	if s.MultipleOf != nil {
		step = rat(*s.MultipleOf)
	}
	// candidates: multiples of step from ceil(lo/step) upwards
	k := new(big.Rat).Quo(lo, step)
	first := ceilRat(k)
	span := new(big.Rat).Sub(hi, lo)
	steps := new(big.Rat).Quo(span, step)
	maxK := floorInt(steps)
	if maxK > 8 {
		maxK = 8
	}
	if maxK < 0 {
		maxK = 0
	}
	v := new(big.Rat).Mul(new(big.Rat).SetInt(new(big.Int).Add(first, big.NewInt(int64(g.pick(maxK+1))))), step)
	return json.Number(ratString(v))
}

// Boundary returns values at and just past the edges of s, and of the
// wrong type: the values where validators disagree.
func (g *Gen) Boundary(s *Schema) []any {
	out := []any{nil, true, "", json.Number("0"), map[string]any{}, []any{}}
	switch s.Type {
	case "integer", "number":
		out = append(out, json.Number("1.5"), json.Number("1.0"), json.Number("-1"),
			json.Number("1.0000000000000000001"), json.Number("2147483648"), json.Number("-2147483649"),
			json.Number("9007199254740993"), json.Number("9223372036854775807"), json.Number("-9223372036854775808"),
			json.Number("0.1"), json.Number("0.30000000000000004"), json.Number("1e-7"), "1")
		if g.f.HugeNumbers {
			out = append(out, json.Number("9223372036854775808"), json.Number("1e39"), json.Number("-1e400"),
				json.Number("3.4028235e38"))
		}
		for _, b := range []*json.Number{s.Min, s.Max} {
			if b != nil {
				r := rat(*b)
				for _, d := range []*big.Rat{big.NewRat(0, 1), big.NewRat(1, 1), big.NewRat(-1, 1), big.NewRat(1, 1000), big.NewRat(-1, 1000)} {
					out = append(out, json.Number(ratString(new(big.Rat).Add(r, d))))
				}
			}
		}
		if s.MultipleOf != nil {
			m := rat(*s.MultipleOf)
			out = append(out, json.Number(ratString(new(big.Rat).Mul(m, big.NewRat(3, 1)))),
				json.Number(ratString(new(big.Rat).Mul(m, big.NewRat(7, 2)))))
		}
		for _, e := range s.Enum {
			if n, ok := e.(json.Number); ok {
				r := rat(n)
				out = append(out, json.Number(ratString(new(big.Rat).Add(r, big.NewRat(1, 1)))))
			}
		}
	case "string":
		out = append(out, json.Number("5"), "2021-02-30T00:00:00Z", "2021-02-29", "2021-13-01", "2021-03-04T25:00:00Z",
			"2021-03-04T05:06:07", "123e4567e89b12d3a456426614174000", "123E4567-E89B-12D3-A456-426614174000",
			"not-an-email", "a@", "256.1.1.1", "01.2.3.4", "::g", "1::2::3", "not a uri", "/relative", "a b c", "é", "名前名前",
			"abc", "ABC", "12", "x")
		for _, n := range []*int{s.MinLen, s.MaxLen} {
			if n != nil {
				for _, d := range []int{-1, 0, 1} {
					if k := *n + d; k >= 0 {
						out = append(out, strings.Repeat("a", k), strings.Repeat("é", k))
					}
				}
			}
		}
	case "boolean":
		out = append(out, false, "true", json.Number("1"))
	case "array":
		out = append(out, []any{nil}, map[string]any{"0": 1})
		if v, ok := g.validArray(s).([]any); ok {
			out = append(out, append(slices.Clone(v), g.Valid(s.Items)))
			if len(v) > 0 {
				out = append(out, append(slices.Clone(v), v[0]), v[1:])
			}
		}
	case "object":
		out = append(out, []any{map[string]any{}}, "{}")
		if m, ok := g.validObject(s).(map[string]any); ok {
			for _, k := range slices.Sorted(mapKeys(m)) {
				c := cloneMap(m)
				delete(c, k)
				out = append(out, c)
			}
			c := cloneMap(m)
			c["zz_extra"] = json.Number("1")
			out = append(out, c)
			c = cloneMap(m)
			c["k9"] = g.Valid(ifNil(s.Addl, &Schema{Type: "string"}))
			out = append(out, c)
			for _, p := range s.Props {
				c := cloneMap(m)
				c[p.Name] = nil
				out = append(out, c)
			}
		}
	}
	for _, e := range s.Enum {
		if str, ok := e.(string); ok {
			out = append(out, str+"x", strings.ToUpper(str))
		}
	}
	return out
}

// Mutate returns v with one value somewhere inside replaced by a boundary
// value of the schema there.
func (g *Gen) Mutate(s *Schema, v any) any {
	switch x := v.(type) {
	case map[string]any:
		var kids []Prop
		for _, p := range s.Props {
			if _, ok := x[p.Name]; ok {
				kids = append(kids, p)
			}
		}
		if s.Addl != nil {
			for k := range x {
				if strings.HasPrefix(k, "k") {
					kids = append(kids, Prop{Name: k, Schema: s.Addl})
				}
			}
			slices.SortFunc(kids, func(a, b Prop) int { return strings.Compare(a.Name, b.Name) })
		}
		if len(kids) > 0 && g.pick(len(kids)+1) > 0 {
			p := kids[g.pick(len(kids))]
			c := cloneMap(x)
			c[p.Name] = g.Mutate(p.Schema, x[p.Name])
			return c
		}
	case []any:
		if len(x) > 0 && s.Items != nil && g.pick(len(x)+1) > 0 {
			i := g.pick(len(x))
			c := slices.Clone(x)
			c[i] = g.Mutate(s.Items, x[i])
			return c
		}
	}
	b := g.Boundary(s)
	return b[g.pick(len(b))]
}

func ifNil(s, def *Schema) *Schema {
	if s == nil {
		return def
	}
	return s
}

func cloneMap(m map[string]any) map[string]any {
	c := make(map[string]any, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// canonical renders v as JSON with sorted keys, to compare values.
func canonical(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func rat(n json.Number) *big.Rat {
	r, ok := new(big.Rat).SetString(string(n))
	if !ok {
		return new(big.Rat)
	}
	return r
}

func ceilRat(r *big.Rat) *big.Int {
	q, m := new(big.Int).DivMod(r.Num(), r.Denom(), new(big.Int))
	if m.Sign() != 0 {
		q.Add(q, big.NewInt(1))
	}
	return q
}

func floorInt(r *big.Rat) int {
	q := new(big.Int).Div(r.Num(), r.Denom())
	if !q.IsInt64() || q.Int64() > 1<<20 {
		return 1 << 20
	}
	return int(q.Int64())
}

// ratString writes r as a JSON number: an integer when it is one, else a
// decimal (every rational used here has a finite decimal expansion).
func ratString(r *big.Rat) string {
	if r.IsInt() {
		return r.Num().String()
	}
	s := r.FloatString(12)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}
