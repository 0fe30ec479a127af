package peers

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// The benchmarks are only a comparison if the three impls do the same
// work. These tests check that they all accept each example and all refuse
// every violation of the body's constraints that can be made from the
// example and its schema: each required member removed, each enum member
// replaced by a non-member, each bounded number and string pushed one
// past its bound, each bounded array given one item too few or too many,
// each member given a value of the wrong JSON type, at every depth.

func TestExamplesAccepted(t *testing.T) {
	for _, bd := range bodies(t) {
		for _, im := range bd.impls {
			if err := im.decodeVal(bd.example); err != nil {
				t.Errorf("%s/%s: example refused: %v\n%s", bd.service, im.name, err, bd.example)
			}
		}
	}
}

func TestViolationsRefused(t *testing.T) {
	for _, bd := range bodies(t) {
		root := decodeNumbers(t, bd.example)
		muts := violations(bd.schema, root, nil)
		if len(muts) < 5 {
			t.Errorf("%s: only %d violations made from the example; the generator of violations is broken", bd.service, len(muts))
		}
		t.Logf("%s: %d violations", bd.service, len(muts))
		for _, m := range muts {
			data := marshalMutation(t, root, m)
			for _, im := range bd.impls {
				if err := im.decodeVal(data); err == nil {
					t.Errorf("%s/%s: accepts %s:\n%s", bd.service, im.name, m.what, data)
				}
			}
		}
	}
}

// TestSyntaxRefused checks that every impl refuses the example cut short
// at each byte and the example followed by a second value, so that none
// of them is faster for skipping the checks of JSON syntax.
func TestSyntaxRefused(t *testing.T) {
	for _, bd := range bodies(t) {
		bad := [][]byte{append(append([]byte(nil), bd.example...), " {}"...)}
		for i := range len(bd.example) - 1 {
			bad = append(bad, bd.example[:i+1])
		}
		for _, im := range bd.impls {
			for _, data := range bad {
				if err := im.decodeVal(data); err == nil {
					t.Errorf("%s/%s: accepts %q", bd.service, im.name, data)
				}
			}
		}
	}
}

func decodeNumbers(t *testing.T, data []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// A mutation replaces the value at path (object keys and array indexes)
// with value, or deletes it when del is set.
type mutation struct {
	what  string
	path  []any
	value any
	del   bool
}

// violations lists the mutations of v (valid against s, at path) that s
// refuses, in a fixed order.
func violations(s *openapi3.Schema, v any, path []any) []mutation {
	at := func(what string, args ...any) string {
		return fmt.Sprintf("%s at %s", fmt.Sprintf(what, args...), pointer(path))
	}
	var out []mutation
	if v == nil { // null of a nullable member: nothing to push past a bound
		return nil
	}
	if wrong, ok := wrongType(s); ok {
		out = append(out, mutation{what: at("a %T", wrong), path: path, value: wrong})
	}
	if len(s.Enum) > 0 {
		out = append(out, mutation{what: at("a non-member of the enum"), path: path, value: nonMember(s)})
	}
	switch x := v.(type) {
	case map[string]any:
		req := append([]string(nil), s.Required...)
		sort.Strings(req)
		for _, name := range req {
			if _, ok := x[name]; ok {
				out = append(out, mutation{what: at("required %q removed", name), path: append(clip(path), name), del: true})
			}
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if p := s.Properties[k]; p != nil && p.Value != nil {
				out = append(out, violations(p.Value, x[k], append(clip(path), k))...)
			}
		}
	case []any:
		if s.MinItems > 0 && len(x) > 0 {
			out = append(out, mutation{what: at("%d items (minItems %d)", s.MinItems-1, s.MinItems), path: path, value: x[:s.MinItems-1]})
		}
		if s.MaxItems != nil && len(x) > 0 {
			long := make([]any, *s.MaxItems+1)
			for i := range long {
				long[i] = x[0]
			}
			if s.UniqueItems {
				long = nil // duplicates would be refused for another reason
			}
			if long != nil {
				out = append(out, mutation{what: at("%d items (maxItems %d)", len(long), *s.MaxItems), path: path, value: long})
			}
		}
		if s.Items != nil && s.Items.Value != nil {
			for i, item := range x {
				out = append(out, violations(s.Items.Value, item, append(clip(path), i))...)
			}
		}
	case string:
		if s.MinLength > 0 {
			out = append(out, mutation{what: at("%d characters (minLength %d)", s.MinLength-1, s.MinLength), path: path, value: strings.Repeat("a", int(s.MinLength-1))})
		}
		if s.MaxLength != nil {
			out = append(out, mutation{what: at("%d characters (maxLength %d)", *s.MaxLength+1, *s.MaxLength), path: path, value: strings.Repeat("a", int(*s.MaxLength+1))})
		}
	case json.Number:
		if s.Min != nil && len(s.Enum) == 0 {
			out = append(out, mutation{what: at("below minimum %v", *s.Min), path: path, value: json.Number(strconv.FormatFloat(*s.Min-1, 'f', -1, 64))})
		}
		if s.Max != nil && len(s.Enum) == 0 {
			out = append(out, mutation{what: at("above maximum %v", *s.Max), path: path, value: json.Number(strconv.FormatFloat(*s.Max+1, 'f', -1, 64))})
		}
		if s.Type.Is(openapi3.TypeInteger) {
			out = append(out, mutation{what: at("a fraction"), path: path, value: json.Number(x.String() + ".5")})
		}
	}
	return out
}

// wrongType returns a JSON value of a type s does not allow.
func wrongType(s *openapi3.Schema) (any, bool) {
	switch {
	case s.Type.Is(openapi3.TypeString):
		return true, true
	case s.Type.Is(openapi3.TypeInteger), s.Type.Is(openapi3.TypeNumber):
		return "1", true
	case s.Type.Is(openapi3.TypeBoolean):
		return "true", true
	case s.Type.Is(openapi3.TypeObject):
		return []any{}, true
	case s.Type.Is(openapi3.TypeArray):
		return map[string]any{}, true
	}
	return nil, false
}

// nonMember returns a value of the enum's type that is none of its members.
func nonMember(s *openapi3.Schema) any {
	if s.Type.Is(openapi3.TypeString) {
		return "not-a-member-" + fmt.Sprint(len(s.Enum))
	}
	max := new(big.Float)
	for _, m := range s.Enum {
		f, _ := new(big.Float).SetString(fmt.Sprint(m))
		if f != nil && f.Cmp(max) > 0 {
			max = f
		}
	}
	n, _ := max.Int(nil)
	return json.Number(n.Add(n, big.NewInt(1)).String())
}

func clip(path []any) []any { return path[:len(path):len(path)] }

func pointer(path []any) string {
	var b strings.Builder
	b.WriteString("#")
	for _, p := range path {
		fmt.Fprintf(&b, "/%v", p)
	}
	return b.String()
}

// marshalMutation applies m to a deep copy of root and encodes it.
func marshalMutation(t *testing.T, root any, m mutation) []byte {
	t.Helper()
	cp := deepCopy(root)
	if len(m.path) == 0 {
		cp = m.value
	} else {
		parent := cp
		for _, p := range m.path[:len(m.path)-1] {
			parent = step(parent, p)
		}
		switch c := parent.(type) {
		case map[string]any:
			k := m.path[len(m.path)-1].(string)
			if m.del {
				delete(c, k)
			} else {
				c[k] = m.value
			}
		case []any:
			c[m.path[len(m.path)-1].(int)] = m.value
		}
	}
	data, err := json.Marshal(cp)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func step(v any, p any) any {
	switch c := v.(type) {
	case map[string]any:
		return c[p.(string)]
	case []any:
		return c[p.(int)]
	}
	panic(fmt.Sprintf("no %v in %T", p, v))
}

func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = deepCopy(e)
		}
		return m
	case []any:
		s := make([]any, len(x))
		for i, e := range x {
			s[i] = deepCopy(e)
		}
		return s
	}
	return v
}
