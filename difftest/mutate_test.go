package difftest

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// slot is one place in a document where a mutation can apply.
type slot struct {
	schema *openapi3.Schema // nil: no schema applies (an unknown member)
	val    *jv
	set    func(*jv)
	depth  int
}

// slots lists every value in v with the schema that applies to it.
func slots(v *jv, s *openapi3.Schema, set func(*jv), depth int, out []slot) []slot {
	out = append(out, slot{schema: s, val: v, set: set, depth: depth})
	switch v.kind {
	case 'o':
		for i := range v.obj {
			m := &v.obj[i]
			var ps *openapi3.Schema
			if s != nil {
				if ref := s.Properties[m.key]; ref != nil {
					ps = ref.Value
				}
			}
			out = slots(m.val, ps, func(x *jv) { m.val = x }, depth+1, out)
		}
	case 'a':
		var is *openapi3.Schema
		if s != nil && s.Items != nil {
			is = s.Items.Value
		}
		for i := range v.arr {
			out = slots(v.arr[i], is, func(x *jv) { v.arr[i] = x }, depth+1, out)
		}
	}
	return out
}

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

// valid returns a value that satisfies s (s must be one of our specs'
// schemas: no patterns, no composition).
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

// mutate applies one to three mutations to v and returns their names.
func (g *gen) mutate(v *jv, s *openapi3.Schema) []string {
	n := 1
	switch r := g.rng.Float64(); {
	case r > 0.85:
		n = 3
	case r > 0.6:
		n = 2
	}
	var names []string
	for range n {
		names = append(names, g.mutateOnce(v, s))
	}
	return names
}

// mutateOnce applies one mutation at a random place in v.
func (g *gen) mutateOnce(v *jv, s *openapi3.Schema) string {
	all := slots(v, s, func(*jv) {}, 0, nil)[1:]
	if len(all) == 0 || g.chance(0.1) {
		return g.mutateObject(v, s)
	}
	sl := all[g.pick(len(all))]
	if sl.val.kind == 'o' && g.chance(0.6) {
		return fmt.Sprintf("d%d ", sl.depth) + g.mutateObject(sl.val, sl.schema)
	}
	if sl.val.kind == 'a' && g.chance(0.5) {
		return fmt.Sprintf("d%d ", sl.depth) + g.mutateArray(sl, sl.schema)
	}
	return fmt.Sprintf("d%d ", sl.depth) + g.mutateValue(sl)
}

// mutateValue replaces the value at sl.
func (g *gen) mutateValue(sl slot) string {
	s := sl.schema
	switch g.pick(6) {
	case 0:
		sl.set(null())
		return "null"
	case 1:
		sl.set(wrongTypes[g.pick(len(wrongTypes))]())
		return "wrong type"
	}
	if s == nil {
		sl.set(g.any(sl.depth))
		return "any"
	}
	switch {
	case len(s.Enum) > 0:
		sl.set(g.enumProbe(s))
		return "enum"
	case s.Type.Is("integer"), s.Type.Is("number"):
		sl.set(numv(g.numberProbe(s)))
		return "number"
	case s.Type.Is("string"):
		sl.set(g.stringProbe(s))
		return "string"
	}
	sl.set(g.valid(s, sl.depth))
	return "valid"
}

func (g *gen) numberProbe(s *openapi3.Schema) string {
	var cands []string
	for _, b := range []*float64{s.Min, s.Max} {
		if b == nil {
			continue
		}
		x := *b
		for _, d := range []float64{-1, 0, 1, -0.5, 0.5} {
			cands = append(cands, strconv.FormatFloat(x+d, 'f', -1, 64))
		}
		cands = append(cands, strconv.FormatFloat(x, 'f', 1, 64), strconv.FormatFloat(x, 'e', -1, 64))
	}
	if g.chance(0.5) && len(cands) > 0 {
		return cands[g.pick(len(cands))]
	}
	if g.chance(0.2) {
		return strconv.FormatFloat(math.Trunc(g.rng.NormFloat64()*1e6), 'f', -1, 64)
	}
	for {
		lit := numberLits[g.pick(len(numberLits))]
		if !knownNumberDifference(s, lit) {
			return lit
		}
	}
}

// knownNumberDifference reports whether lit in a member of schema s is one
// of the documented differences (docs/bench-validate.md): an integral
// number too large for int64 in an integer without format int32, which
// kin-openapi accepts (an unformatted integer may have any size; format
// int64 admits 2^63 as float64(MaxInt64)) and Go's int64 cannot hold; or a
// number beyond float32 range for format float, which kin-openapi checks
// as a float64 and the generated float32 field cannot hold.
func knownNumberDifference(s *openapi3.Schema, lit string) bool {
	f, err := strconv.ParseFloat(lit, 64)
	if err != nil {
		return false
	}
	switch {
	case s.Type.Is("integer"):
		return s.Format != "int32" && math.Abs(f) >= 1<<63-1024
	case s.Type.Is("number"):
		return s.Format == "float" && math.Abs(f) > math.MaxFloat32
	}
	return false
}

func (g *gen) stringProbe(s *openapi3.Schema) *jv {
	var lens []int
	for _, n := range []int{int(s.MinLength) - 1, int(s.MinLength), int(s.MinLength) + 1} {
		if n >= 0 {
			lens = append(lens, n)
		}
	}
	if s.MaxLength != nil {
		m := int(*s.MaxLength)
		lens = append(lens, m-1, m, m+1)
	}
	switch g.pick(5) {
	case 0:
		return &jv{kind: 's', raw: "\"\xff\xfeab\""} // invalid UTF-8: each byte decodes as U+FFFD
	case 1:
		v := str(g.text(lens[g.pick(len(lens))]))
		if v.str != "" && g.chance(0.5) {
			v.raw = escapeAll(v.str)
		}
		return v
	case 2:
		return &jv{kind: 's', raw: `"\ud800x"`} // lone surrogate: one U+FFFD
	}
	return str(g.text(lens[g.pick(len(lens))]))
}

func (g *gen) enumProbe(s *openapi3.Schema) *jv {
	e := s.Enum[g.pick(len(s.Enum))]
	switch x := e.(type) {
	case string:
		switch g.pick(7) {
		case 0:
			return str(strings.ToLower(x))
		case 1:
			return str(strings.ToUpper(x))
		case 2:
			return str(x + " ")
		case 3:
			return &jv{kind: 's', str: x, raw: escapeAll(x)}
		case 4:
			return str("")
		case 5:
			return str(strings.Replace(x, "s", "ſ", 1))
		}
		return str(x)
	}
	f, ok := jsonNumberAsFloat(e)
	if !ok {
		return g.any(0)
	}
	cands := []string{
		strconv.FormatFloat(f, 'f', -1, 64), strconv.FormatFloat(f+1, 'f', -1, 64),
		strconv.FormatFloat(f-1, 'f', -1, 64), strconv.FormatFloat(f, 'f', 1, 64),
		strconv.FormatFloat(f, 'e', -1, 64), strconv.FormatFloat(f+0.5, 'f', -1, 64),
		"7", "4", "-1",
	}
	return numv(cands[g.pick(len(cands))])
}

// mutateArray changes the items of the array at sl.
func (g *gen) mutateArray(sl slot, s *openapi3.Schema) string {
	v := sl.val
	var is *openapi3.Schema
	if s != nil && s.Items != nil {
		is = s.Items.Value
	}
	switch g.pick(7) {
	case 0:
		v.arr = []*jv{}
		return "empty array"
	case 1:
		v.arr = slices.Insert(v.arr, g.pick(len(v.arr)+1), null())
		return "null item"
	case 2:
		v.arr = append(v.arr, wrongTypes[g.pick(len(wrongTypes))]())
		return "wrong-type item"
	case 3:
		v.arr = append(v.arr, g.valid(is, sl.depth+1))
		return "extra item"
	case 4:
		for _, x := range slices.Clone(v.arr) {
			v.arr = append(v.arr, x.clone())
		}
		return "duplicated items"
	case 5:
		v.arr = append(v.arr, g.broken(is, sl.depth+1))
		return "broken item"
	}
	n := 5
	if s != nil && s.MaxItems != nil {
		n = int(*s.MaxItems) + 1
	}
	for len(v.arr) < n {
		v.arr = append(v.arr, g.valid(is, sl.depth+1))
	}
	return "many items"
}

// mutateObject changes the members of object v.
func (g *gen) mutateObject(v *jv, s *openapi3.Schema) string {
	if v.kind != 'o' {
		return "none"
	}
	var props []string
	var required []string
	if s != nil {
		props = sortedKeys(s.Properties)
		required = s.Required
	}
	propSchema := func(name string) *openapi3.Schema {
		if s == nil || s.Properties[name] == nil {
			return nil
		}
		return s.Properties[name].Value
	}
	value := func(name string) *jv {
		if g.chance(0.5) {
			return g.valid(propSchema(name), 3)
		}
		return g.broken(propSchema(name), 3)
	}
	insert := func(m member) { v.obj = slices.Insert(v.obj, g.pick(len(v.obj)+1), m) }
	switch g.pick(9) {
	case 0:
		if len(v.obj) > 0 {
			i := g.pick(len(v.obj))
			v.obj = slices.Delete(v.obj, i, i+1)
			return "drop member"
		}
	case 1:
		if len(required) > 0 {
			name := required[g.pick(len(required))]
			v.obj = slices.DeleteFunc(v.obj, func(m member) bool { return m.key == name })
			return "drop required"
		}
	case 2:
		v.obj = []member{}
		return "empty object"
	case 3:
		keys := []string{"x_extra", "", "a/b~c", "__proto__", g.text(3)}
		insert(member{key: keys[g.pick(len(keys))], val: g.any(2)})
		return "unknown member"
	case 4, 5:
		if len(props) > 0 {
			name := props[g.pick(len(props))]
			key := g.caseVariant(name)
			m := member{key: key, val: value(name)}
			if g.chance(0.3) {
				m.rawKey = escapeAll(key)
			}
			insert(m)
			return "case variant key"
		}
	case 6:
		if len(v.obj) > 0 {
			orig := v.obj[g.pick(len(v.obj))]
			insert(member{key: orig.key, val: value(orig.key)})
			return "duplicate key"
		}
	case 7:
		if len(v.obj) > 0 {
			m := &v.obj[g.pick(len(v.obj))]
			if m.key != "" {
				if g.chance(0.5) {
					m.rawKey = escapeAll(m.key)
				} else {
					m.rawKey = escapeOne(m.key, g.pick(runes(m.key)))
				}
				return "escaped key"
			}
		}
	}
	if len(props) > 0 {
		name := props[g.pick(len(props))]
		v.obj = slices.DeleteFunc(v.obj, func(m member) bool { return m.key == name })
		insert(member{key: name, val: value(name)})
		return "set member"
	}
	return "none"
}

// caseVariant returns name spelled so that only a case-insensitive match
// finds it.
func (g *gen) caseVariant(name string) string {
	switch g.pick(5) {
	case 0:
		return strings.ToUpper(name)
	case 1:
		parts := strings.Split(name, "_")
		for i, p := range parts {
			if p != "" {
				parts[i] = strings.ToUpper(p[:1]) + p[1:]
			}
		}
		if v := strings.Join(parts, "_"); v != name {
			return v
		}
	case 2:
		if strings.ContainsAny(name, "kK") {
			return strings.NewReplacer("k", "\u212a", "K", "\u212a").Replace(name) // Kelvin sign folds to k
		}
	case 3:
		if strings.Contains(name, "s") {
			return strings.Replace(name, "s", "ſ", 1) // long s folds to s
		}
	}
	if name == "" {
		return "X"
	}
	i := g.pick(len(name))
	b := []byte(name)
	switch c := b[i]; {
	case 'a' <= c && c <= 'z':
		b[i] = c - 'a' + 'A'
	case 'A' <= c && c <= 'Z':
		b[i] = c - 'A' + 'a'
	default:
		return strings.ToUpper(name)
	}
	return string(b)
}
