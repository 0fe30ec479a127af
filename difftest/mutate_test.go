package difftest

import (
	"fmt"
	"slices"
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
	switch g.pick(9) {
	case 0:
		if len(v.obj) > 0 {
			i := g.pick(len(v.obj))
			v.obj = slices.Delete(v.obj, i, i+1)
			return "drop member"
		}
	case 1:
		if s != nil && len(s.Required) > 0 {
			name := s.Required[g.pick(len(s.Required))]
			v.obj = slices.DeleteFunc(v.obj, func(m member) bool { return m.key == name })
			return "drop required"
		}
	case 2:
		v.obj = []member{}
		return "empty object"
	case 3:
		keys := []string{"x_extra", "", "a/b~c", "__proto__", g.text(3)}
		g.insert(v, member{key: keys[g.pick(len(keys))], val: g.any(2)})
		return "unknown member"
	case 4, 5:
		if s != nil && len(s.Properties) > 0 {
			name := g.propName(s)
			m := member{key: g.caseVariant(name), val: g.memberValue(s, name)}
			if g.chance(0.3) {
				m.rawKey = escapeAll(m.key)
			}
			g.insert(v, m)
			return "case variant key"
		}
	case 6:
		if len(v.obj) > 0 {
			orig := v.obj[g.pick(len(v.obj))]
			g.insert(v, member{key: orig.key, val: g.memberValue(s, orig.key)})
			return "duplicate key"
		}
	case 7:
		if name := g.escapeKey(v); name != "" {
			return name
		}
	}
	if s != nil && len(s.Properties) > 0 {
		name := g.propName(s)
		v.obj = slices.DeleteFunc(v.obj, func(m member) bool { return m.key == name })
		g.insert(v, member{key: name, val: g.memberValue(s, name)})
		return "set member"
	}
	return "none"
}

// insert puts m at a random position among v's members.
func (g *gen) insert(v *jv, m member) { v.obj = slices.Insert(v.obj, g.pick(len(v.obj)+1), m) }

// propName picks one of the properties of s.
func (g *gen) propName(s *openapi3.Schema) string {
	props := sortedKeys(s.Properties)
	return props[g.pick(len(props))]
}

// memberValue returns a valid or a broken value for member name of s.
func (g *gen) memberValue(s *openapi3.Schema, name string) *jv {
	var ps *openapi3.Schema
	if s != nil && s.Properties[name] != nil {
		ps = s.Properties[name].Value
	}
	if g.chance(0.5) {
		return g.valid(ps, 3)
	}
	return g.broken(ps, 3)
}

// escapeKey spells the key of a random member of v with \u escapes (all
// characters, or one), which must not change its meaning.
func (g *gen) escapeKey(v *jv) string {
	if len(v.obj) == 0 {
		return ""
	}
	m := &v.obj[g.pick(len(v.obj))]
	if m.key == "" {
		return ""
	}
	if g.chance(0.5) {
		m.rawKey = escapeAll(m.key)
	} else {
		m.rawKey = escapeOne(m.key, g.pick(runes(m.key)))
	}
	return "escaped key"
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
