package difftest

import (
	"math"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

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
