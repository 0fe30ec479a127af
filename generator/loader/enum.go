package loader

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/hwcorder/ordergen/generator/model"
)

// enum fills s.Enum from v's enum, x-enum-varnames and x-enum-descriptions.
// Constant names are completed by resolveNames once the type has a name;
// here each value gets its suffix.
func (c *converter) enum(v *openapi3.Schema, s *model.Schema, ptr string) {
	names := c.stringList(v.Extensions, "x-enum-varnames", ptr)
	descs := c.stringList(v.Extensions, "x-enum-descriptions", ptr)
	if len(v.Enum) == 0 {
		for _, x := range []string{"x-enum-varnames", "x-enum-descriptions"} {
			if v.Extensions[x] != nil {
				c.errorf(join(ptr, x), "%s without enum", x)
			}
		}
		return
	}
	names = c.sameLength(names, len(v.Enum), join(ptr, "x-enum-varnames"))
	descs = c.sameLength(descs, len(v.Enum), join(ptr, "x-enum-descriptions"))
	var suffixes []string
	for i, raw := range v.Enum {
		vptr := join(ptr, "enum", itoa(i))
		if raw == nil {
			// null in an enum admits null, which nullable decides alone
			// (without nullable a validator still rejects it): it is no
			// constant.
			if len(v.Enum) == 1 {
				c.unsupported(vptr, "an enum whose only value is null", "use nullable: true without an enum")
			}
			continue
		}
		val, ok := enumValue(jsonValue(raw), s.Kind)
		suffix := valueSuffix(val, i)
		f, isNum := jsonValue(raw).(float64)
		switch {
		case s.Kind == model.KindInteger && (beyondExact(c.ix, vptr) || !ok && isNum && f == math.Trunc(f)):
			c.unsupported(vptr, "an integer enum value beyond ±2^53", "validators compare JSON numbers as float64, which cannot tell such values apart; use a string enum")
			if e, found := c.ix.nodes[vptr]; found {
				suffix = strings.Replace(e.node.Value, "-", "Minus", 1) // the rounded value may repeat another's
			}
		case !ok:
			c.errorf(vptr, "enum value %s is not of type %s", jsonText(raw), s.Kind)
		}
		ev := model.EnumValue{Value: val}
		if descs != nil {
			ev.Description = descs[i]
		}
		if names != nil {
			suffix = model.GoName(names[i])
			if suffix == "" {
				c.errorf(join(ptr, "x-enum-varnames", itoa(i)), "x-enum-varnames entry %q does not make a Go name", names[i])
				suffix = valueSuffix(val, i)
			}
		}
		suffixes = append(suffixes, suffix)
		s.Enum = append(s.Enum, ev)
	}
	c.enumSuffixes[s] = suffixes
}

// sameLength reports list (from extension at ptr) when its length is not n.
func (c *converter) sameLength(list []string, n int, ptr string) []string {
	if list != nil && len(list) != n {
		c.errorf(ptr, "%s length %d differs from enum length %d", ptr[strings.LastIndexByte(ptr, '/')+1:], len(list), n)
		return nil
	}
	return list
}

// stringList reads extension name of ext as a list of strings.
func (c *converter) stringList(ext map[string]any, name, ptr string) []string {
	raw, ok := ext[name]
	if !ok {
		return nil
	}
	list, ok := raw.([]any)
	out := make([]string, len(list))
	for i, x := range list {
		s, isStr := x.(string)
		ok = ok && isStr
		out[i] = s
	}
	if !ok {
		c.errorf(join(ptr, name), "%s must be a list of strings", name)
		return nil
	}
	return out
}

// beyondExact reports whether the number written at ptr is an integer
// of magnitude 2^53 or more, where float64 (and so the decoded document,
// and kin-openapi's comparison) no longer tells neighbours apart: 2^53+1
// decodes as 2^53, which the decoded value alone cannot show. It reads the
// YAML text.
func beyondExact(ix *index, ptr string) bool {
	e, ok := ix.nodes[ptr]
	if !ok || e.node.ShortTag() != "!!int" {
		return false
	}
	v, ok := new(big.Int).SetString(strings.ReplaceAll(e.node.Value, "_", ""), 0)
	return ok && v.CmpAbs(big.NewInt(1<<53)) >= 0
}

// enumValue converts a decoded JSON value to the Go type the model uses for
// kind: int64, float64, string or bool (nil for null).
func enumValue(v any, kind model.Kind) (any, bool) {
	if v == nil {
		return nil, true
	}
	switch kind {
	case model.KindInteger:
		f, ok := v.(float64)
		if !ok || f != math.Trunc(f) || math.Abs(f) >= 1<<53 {
			return v, false
		}
		return int64(f), true
	case model.KindNumber:
		_, ok := v.(float64)
		return v, ok
	case model.KindString:
		_, ok := v.(string)
		return v, ok
	case model.KindBoolean:
		_, ok := v.(bool)
		return v, ok
	}
	return v, false
}

// valueSuffix derives a constant-name suffix from an enum value when
// x-enum-varnames gives none: 2 -> "2", -1 -> "Minus1", 1.5 -> "1Point5",
// "pay_per_use" -> "PayPerUse", "" -> "Empty"; a value that yields no
// identifier falls back to "Value" + its index.
func valueSuffix(v any, i int) string {
	switch x := v.(type) {
	case nil:
		return "Null"
	case bool:
		if x {
			return "True"
		}
		return "False"
	case int64:
		return strings.Replace(strconv.FormatInt(x, 10), "-", "Minus", 1)
	case float64:
		s := strconv.FormatFloat(x, 'f', -1, 64)
		return strings.NewReplacer("-", "Minus", ".", "Point").Replace(s)
	case string:
		if x == "" {
			return "Empty"
		}
		g := model.GoName(x)
		if g == "" {
			return "Value" + itoa(i)
		}
		if r := firstAlnum(x); unicode.IsDigit(r) {
			g = g[1:] // drop GoName's "N": the type name comes first
		}
		return g
	}
	return fmt.Sprintf("Value%d", i)
}

func firstAlnum(s string) rune {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
	}
	return 0
}

func itoa(i int) string { return strconv.Itoa(i) }
