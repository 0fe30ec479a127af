package transcribe

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

var (
	reIntRange  = regexp.MustCompile(`(?:^|[^\w.\-])(-?\d+)\s*(?:-|~|to|至|到)\s*(-?\d+)(?:$|[^\w.\-]|\.(?:\s|$))`)
	reBetween   = regexp.MustCompile(`(?i)between\s+(-?\d+)\s+and\s+(-?\d+)`)
	reMinWord   = regexp.MustCompile(`(?i)(?:minimum(?: value)?|min\.?|最小值)\s*(?:is|为|是|[:：])?\s*(-?\d+)`)
	reMaxWord   = regexp.MustCompile(`(?i)(?:maximum(?: value)?|max\.?|最大值)\s*(?:is|为|是|[:：])?\s*(-?\d+)`)
	reBracket   = regexp.MustCompile(`[\[［]\s*(-?\d+)\s*[,，]\s*(-?\d+)\s*[\]］]`)
	reLenEN     = regexp.MustCompile(`(?i)(\d+)\s*(?:-|~|to)\s*(\d+)\s*characters`)
	reLenZH     = regexp.MustCompile(`(?:字符长度|长度限制|长度为?|长度范围)\s*[:：]?\s*(?:为)?\s*\[?\s*(\d+)\s*(?:-|~|～|至|到|,|，)\s*(\d+)`)
	reLenBrEN   = regexp.MustCompile(`(?i)length\s*(?:range)?\s*[:：]?\s*[\[(]\s*(\d+)\s*[,\-~]\s*(\d+)\s*[\])]`)
	reMinLenZH  = regexp.MustCompile(`(?i)(?:最小长度|长度(?:大于等于|不小于|至少)|min(?:imum)? length)\s*(?:is|为|[:：])?\s*(\d+)`)
	reMaxItems  = regexp.MustCompile(`(?:最多(?:包含|支持|可(?:以)?(?:填写?|选择?|传入?|携带)?|传入|填写)?\s*(\d+)\s*(?:个|条|项)|数组长度\s*[:：]?\s*(\d+)\s*$)`)
	reMaxLenEN  = regexp.MustCompile(`(?i)(?:a maximum of|up to|at most|no more than)\s+(\d+)\s+characters`)
	reMaxLenZH  = regexp.MustCompile(`(?:(?:最多|不超过|最大)\s*(\d+)\s*(?:个)?字符|最大长度\s*[:：为]?\s*(\d+)|长度(?:小于等于|不超过|不大于|最大为?)\s*(\d+))`)
	reMaxLenEN2 = regexp.MustCompile(`(?i)max(?:imum)? length\s*(?:is|[:：])?\s*(\d+)`)
	reGreater   = regexp.MustCompile(`(?i)(?:greater than|larger than|大于)\s*(or equal to\s*|等于\s*)?(-?\d+)`)
	reLess      = regexp.MustCompile(`(?i)(?:less than|smaller than|小于)\s*(or equal to\s*|等于\s*)?(-?\d+)`)
)

// reRangeWord announces a value range in prose.
var reRangeWord = regexp.MustCompile(`(?i)value range|取值范围|range of values|ranges? from`)

// reLenCell matches a bare range in a string's value-range cell.
var reLenCell = regexp.MustCompile(`^\[?\s*(\d+)\s*[-~,，]\s*(\d+)\s*\]?$`)

// reThousands matches a thousands separator inside a number (32,768).
var reThousands = regexp.MustCompile(`(\d),(\d{3})\b`)

// readRange reads numeric ranges, array item counts and string lengths.
func (f *facts) readRange(all, rng []line, t typeRef, note noteFunc) {
	switch t.Kind {
	case "string":
		f.readLength(all, rng)
		f.stringRange(all, rng, note)
	case "integer", "number", "array":
		f.readNumbers(all, t, note)
	}
}

// readLength reads a string's length: a value-range cell "[1-64]", "32 to
// 64 characters", "字符长度1-256位", "a maximum of 64 characters".
func (f *facts) readLength(all, rng []line) {
	set := func(lo, hi string) {
		l, _ := strconv.Atoi(lo)
		h, _ := strconv.Atoi(hi)
		f.MinLen, f.MaxLen = &l, &h
	}
	for _, l := range rng {
		if m := reLenCell.FindStringSubmatch(strings.TrimSpace(l.S)); m != nil {
			set(m[1], m[2])
			return
		}
	}
	for _, re := range []*regexp.Regexp{reLenBrEN, reLenEN, reLenZH} {
		if m := findIn(all, re); m != nil {
			set(m[1], m[2])
			return
		}
	}
	if m := findIn(all, reMinLenZH); m != nil {
		lo, _ := strconv.Atoi(m[1])
		f.MinLen = &lo
	}
	for _, re := range []*regexp.Regexp{reMaxLenEN, reMaxLenZH, reMaxLenEN2} {
		if m := findIn(all, re); m != nil {
			hi, _ := strconv.Atoi(firstNonEmpty(m[1:]))
			f.MaxLen = &hi
			return
		}
	}
}

// stringRange reports a numeric range stated for a string field that is
// not a length ("取值范围: 1-100" on a String): a defect of the page, not
// a constraint the spec can carry.
func (f *facts) stringRange(all, rng []line, note noteFunc) {
	if f.MinLen != nil || f.MaxLen != nil || len(f.Enum) > 0 {
		return
	}
	for _, l := range all {
		if !slices.ContainsFunc(rng, func(r line) bool { return r.N == l.N }) && !reRangeWord.MatchString(l.S) {
			continue
		}
		for _, re := range []*regexp.Regexp{reBracket, reIntRange} {
			if m := re.FindStringSubmatch(l.S); m != nil && !strings.Contains(l.S, "字符") && !strings.Contains(strings.ToLower(l.S), "character") && !strings.Contains(strings.ToLower(l.S), "length") && !strings.Contains(l.S, "长度") {
				note(l.N, "the page gives this string field the numeric range %s-%s, which is not a length; not enforced (check whether the type should be a number)", m[1], m[2])
				return
			}
		}
	}
}

// span is one range found in a description.
type span struct {
	lo, hi float64
	line   int
}

// readNumbers reads "[1, 9]", "between 0 and 10", "1-1000" and, failing
// those, single bounds. Several different ranges (one per billing mode,
// say) become their union, with a note.
func (f *facts) readNumbers(all []line, t typeRef, note noteFunc) {
	var found []span
	for _, l := range all {
		for _, re := range []*regexp.Regexp{reBracket, reBetween, reIntRange} {
			ms := re.FindAllStringSubmatch(l.S, -1)
			for _, m := range ms {
				lo, _ := strconv.ParseFloat(m[1], 64)
				hi, _ := strconv.ParseFloat(m[2], 64)
				if lo <= hi {
					found = append(found, span{lo, hi, l.N})
				}
			}
			if len(ms) > 0 {
				break // "[1, 9]" on a line is not also read as "1-9"
			}
		}
	}
	if len(found) == 0 {
		f.readBounds(all, t)
		return
	}
	lo, hi := found[0].lo, found[0].hi
	texts := []string{fmtNum(lo) + "-" + fmtNum(hi)}
	for _, r := range found[1:] {
		if r.lo != lo || r.hi != hi {
			texts = append(texts, fmtNum(r.lo)+"-"+fmtNum(r.hi))
			lo, hi = min(lo, r.lo), max(hi, r.hi)
		}
	}
	if len(texts) > 1 {
		note(found[0].line, "the description gives more than one range (%s); the union %s-%s is used", strings.Join(texts, ", "), fmtNum(lo), fmtNum(hi))
	}
	f.Min, f.Max = &lo, &hi
}

// readBounds reads single bounds: "Maximum value: 50", "最小值为1", and for
// integers "greater than 0", "less than or equal to 10".
func (f *facts) readBounds(all []line, t typeRef) {
	if m := findIn(all, reMinWord); m != nil {
		v, _ := strconv.ParseFloat(m[1], 64)
		f.Min = &v
	}
	if m := findIn(all, reMaxWord); m != nil {
		v, _ := strconv.ParseFloat(m[1], 64)
		f.Max = &v
	}
	if t.Kind == "array" && f.Max == nil {
		if m := findIn(all, reMaxItems); m != nil {
			v, _ := strconv.ParseFloat(firstNonEmpty(m[1:]), 64)
			f.Max = &v
		}
	}
	if t.Kind != "integer" {
		return
	}
	if m := findIn(all, reGreater); m != nil {
		v, _ := strconv.ParseFloat(m[2], 64)
		if m[1] == "" {
			v++
		}
		f.Min = &v
	}
	if m := findIn(all, reLess); m != nil {
		v, _ := strconv.ParseFloat(m[2], 64)
		if m[1] == "" {
			v--
		}
		f.Max = &v
	}
}

func firstNonEmpty(ss []string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
