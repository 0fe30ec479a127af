package difftest

import (
	"encoding/json"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// gen makes values: valid ones from a schema, and broken ones.
type gen struct {
	rng *rand.Rand
}

var alphabet = []string{"a", "Z", "0", "é", "中", "😀", " ", "-"}

func (g *gen) text(n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(alphabet[g.rng.IntN(len(alphabet))])
	}
	return b.String()
}

func (g *gen) pick(n int) int { return g.rng.IntN(n) }

func (g *gen) chance(p float64) bool { return g.rng.Float64() < p }

// valid returns a value meant to satisfy s. It knows no composition and
// cannot invent strings for a pattern or format: for those it uses the
// schema's example, which the specs provide.
func (g *gen) valid(s *openapi3.Schema, depth int) *jv {
	if s == nil {
		return g.any(depth)
	}
	if s.Nullable && g.chance(0.1) {
		return null()
	}
	if len(s.Enum) > 0 {
		return fromAny(s.Enum[g.pick(len(s.Enum))])
	}
	if s.Example != nil && (s.Pattern != "" || s.Format == "date" || s.Format == "date-time" || s.Format == "byte" || g.chance(0.3)) {
		return fromAny(s.Example)
	}
	switch {
	case s.Type.Is("object"):
		v := &jv{kind: 'o', obj: []member{}}
		for _, name := range sortedKeys(s.Properties) {
			if slices.Contains(s.Required, name) || (depth < 4 && g.chance(0.6)) {
				v.obj = append(v.obj, member{key: name, val: g.valid(s.Properties[name].Value, depth+1)})
			}
		}
		g.rng.Shuffle(len(v.obj), func(i, j int) { v.obj[i], v.obj[j] = v.obj[j], v.obj[i] })
		return v
	case s.Type.Is("array"):
		lo := int(s.MinItems)
		hi := lo + 3
		if s.MaxItems != nil && int(*s.MaxItems) < hi {
			hi = int(*s.MaxItems)
		}
		v := &jv{kind: 'a', arr: []*jv{}}
		for range lo + g.pick(hi-lo+1) {
			var is *openapi3.Schema
			if s.Items != nil {
				is = s.Items.Value
			}
			v.arr = append(v.arr, g.valid(is, depth+1))
		}
		return v
	case s.Type.Is("string"):
		lo := int(s.MinLength)
		hi := lo + 12
		if s.MaxLength != nil && int(*s.MaxLength) < hi {
			hi = int(*s.MaxLength)
		}
		return str(g.text(lo + g.pick(hi-lo+1)))
	case s.Type.Is("integer"), s.Type.Is("number"):
		lo, hi := -1000.0, 1000.0
		if s.Min != nil {
			lo = *s.Min
		}
		if s.Max != nil {
			hi = *s.Max
		}
		if lo < hi-2000 {
			lo = hi - 2000
		}
		if hi > lo+2000 {
			hi = lo + 2000
		}
		x := lo + float64(g.pick(int(hi-lo)+1))
		if s.Type.Is("number") && x+0.25 <= hi && g.chance(0.5) {
			return numv(strconv.FormatFloat(x+0.25, 'g', -1, 64))
		}
		return numv(strconv.FormatFloat(x, 'f', -1, 64))
	case s.Type.Is("boolean"):
		return boolv(g.chance(0.5))
	}
	return g.any(depth)
}

// any returns an arbitrary small JSON value.
func (g *gen) any(depth int) *jv {
	n := 7
	if depth > 3 {
		n = 5
	}
	switch g.pick(n) {
	case 0:
		return null()
	case 1:
		return boolv(g.chance(0.5))
	case 2:
		return numv(numberLits[g.pick(len(numberLits))])
	case 3:
		return str(g.text(g.pick(4)))
	case 4:
		return wrongTypes[g.pick(len(wrongTypes))]()
	case 5:
		return &jv{kind: 'a', arr: []*jv{g.any(depth + 1)}}
	default:
		return &jv{kind: 'o', obj: []member{{key: "k", val: g.any(depth + 1)}}}
	}
}

// fromAny converts a decoded YAML/JSON value.
func fromAny(v any) *jv {
	data, err := jsonMarshal(v)
	if err != nil {
		panic(err)
	}
	x, err := parseJV(data)
	if err != nil {
		panic(err)
	}
	return x
}

// numberLits are number spellings that probe integer and range handling.
var numberLits = []string{
	"0", "-0", "1", "-1", "1.5", "1.0", "1e2", "1E0", "0.5e1", "100e-2", "-1.0",
	"2147483647", "2147483648", "-2147483648", "-2147483649", "2147483647.0",
	"2147483647.5", "2147483647.0000000001", "9007199254740993", "1e20", "-1e20",
	"1e308", "1e400", "1e-400", "0.0", "-0.0", "1.00000000000000000001",
	"2.9999999999999999999", "4294967296", "12345678901234567890123",
	"0.1", "3e0", "2.000", "5E-1", "1e19", "9.2233720368547758e18",
}

var wrongTypes = []func() *jv{
	func() *jv { return str("x") },
	func() *jv { return str("") },
	func() *jv { return str("1") },
	func() *jv { return str("true") },
	func() *jv { return numv("0") },
	func() *jv { return numv("1") },
	func() *jv { return numv("1.5") },
	func() *jv { return boolv(true) },
	func() *jv { return boolv(false) },
	func() *jv { return &jv{kind: 'o', obj: []member{}} },
	func() *jv { return &jv{kind: 'a', arr: []*jv{}} },
	func() *jv { return &jv{kind: 'a', arr: []*jv{numv("1")}} },
	func() *jv { return &jv{kind: 'a', arr: []*jv{null()}} },
	func() *jv { return &jv{kind: 'a', arr: []*jv{str("x")}} },
	func() *jv { return &jv{kind: 'o', obj: []member{{key: "a", val: numv("1")}}} },
}

// broken returns a value that is likely (not certainly) invalid for s.
func (g *gen) broken(s *openapi3.Schema, depth int) *jv {
	switch g.pick(4) {
	case 0:
		return null()
	case 1:
		return wrongTypes[g.pick(len(wrongTypes))]()
	}
	if s == nil {
		return g.any(depth)
	}
	v := g.valid(s, depth)
	root := &jv{kind: 'a', arr: []*jv{v}}
	g.mutateOnce(root, &openapi3.Schema{Type: &openapi3.Types{"array"}, Items: openapi3.NewSchemaRef("", s)})
	return root.arr[0]
}

func jsonMarshal(v any) ([]byte, error) { return json.Marshal(v) }

// jsonNumberAsFloat converts a decoded enum value to float64.
func jsonNumberAsFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case json.Number:
		f, err := strconv.ParseFloat(string(x), 64)
		return f, err == nil
	}
	return 0, false
}
