package loader

import (
	"math"
	"strconv"

	"github.com/hwcorder/ordergen/generator/model"
)

// contradictions refuses bounds that no value can satisfy: a lower bound
// above the upper one, for numbers, lengths, item and property counts, and
// bounds (exclusive, or on an integer, or with multipleOf) that leave
// nothing between them. Such a schema accepts no value but null, which is
// never what its author meant.
func (c *converter) contradictions(s *model.Schema, ptr string) {
	counts := []struct {
		lo   int64
		hi   *int64
		a, b string
	}{
		{s.MinLength, s.MaxLength, "minLength", "maxLength"},
		{s.MinItems, s.MaxItems, "minItems", "maxItems"},
		{s.MinProperties, s.MaxProperties, "minProperties", "maxProperties"},
	}
	for _, k := range counts {
		if k.hi != nil && k.lo > *k.hi {
			c.errorf(join(ptr, k.a), "%s %d is greater than %s %d: no value can satisfy both", k.a, k.lo, k.b, *k.hi)
		}
	}
	if s.Min == nil || s.Max == nil {
		return
	}
	lo, hi := *s.Min, *s.Max
	at := c.boundPointer(ptr, "minimum", "exclusiveMinimum")
	switch {
	case lo > hi:
		c.errorf(at, "minimum %s is greater than maximum %s: no value can satisfy both", num(lo), num(hi))
	case lo == hi && (s.ExclusiveMin || s.ExclusiveMax):
		c.errorf(at, "minimum and maximum are both %s and one is exclusive: no value can satisfy both", num(lo))
	case s.Kind == model.KindInteger:
		step := 1.0
		if m := s.MultipleOf; m != nil && *m == math.Trunc(*m) && *m > 0 {
			step = *m
		}
		first := math.Ceil(lo/step) * step
		if s.ExclusiveMin && first == lo {
			first += step
		}
		if first > hi || (s.ExclusiveMax && first == hi) {
			what := "integer"
			if step != 1 {
				what = "multiple of " + num(step)
			}
			c.errorf(at, "no %s lies between minimum %s and maximum %s%s", what, num(lo), num(hi), exclusiveNote(s))
		}
	}
}

// boundPointer returns the pointer of the keyword that set a bound: the
// 3.0 form (minimum, with a boolean exclusiveMinimum) or the number form.
func (c *converter) boundPointer(ptr, plain, exclusive string) string {
	if p := join(ptr, plain); c.ix.has(p) {
		return p
	}
	return join(ptr, exclusive)
}

func exclusiveNote(s *model.Schema) string {
	switch {
	case s.ExclusiveMin && s.ExclusiveMax:
		return ", both exclusive"
	case s.ExclusiveMin:
		return ", minimum exclusive"
	case s.ExclusiveMax:
		return ", maximum exclusive"
	}
	return ""
}

func num(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
