package transcribe

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// enumItem is one value of a documented value list.
type enumItem struct {
	Value, Label string
}

// facts are what a description cell states beyond its text.
type facts struct {
	Desc         string
	Enum         []enumItem
	EnumExamples []enumItem // "example values": not a closed list
	Min, Max     *float64
	MinLen       *int
	MaxLen       *int
	Default      string // raw default text, "" when none
	HasDefault   bool
	Only         string // "only X is supported"
	Notes        []string
}

// descParts splits a description into its labelled parts (explain,
// constraint, range, default); unlabelled text goes to explain.
func descParts(desc []line) map[string][]line {
	parts := map[string][]line{}
	cur := "explain"
	for _, l := range desc {
		s := strings.TrimSpace(l.S)
		// English pipe pages put "** Label**: text" parts on one line.
		for _, seg := range splitStarParts(s) {
			if seg.label != "" {
				cur = seg.label
			}
			if t := strings.TrimSpace(seg.text); t != "" {
				parts[cur] = append(parts[cur], line{N: l.N, S: t})
			}
		}
	}
	return parts
}

type segment struct{ label, text string }

var (
	reStar = regexp.MustCompile(`\*\*\s*([^*]+?)\s*\*\*\s*[:：]?`)
	// reZhInline finds the Chinese part labels, at a line's start or
	// inline as pipe captures print them ("参数解释: x 约束限制: y").
	reZhInline = regexp.MustCompile(`(?:^|\s)(参数解释|约束限制|取值范围|默认取值)\s*(?:[:：]|$)`)
)

// partLabel maps a printed part label to its key.
func partLabel(s string) string {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "parameter description", "参数解释", "description", "definition":
		return "explain"
	case "restrictions", "constraints", "约束限制":
		return "constraint"
	case "value range", "range", "取值范围":
		return "range"
	case "default value", "default", "默认取值":
		return "default"
	}
	return ""
}

// descLabels are the part labels that stand alone on a line in cell
// layouts ("Definition", "Range", "参数解释:").
var descLabels = map[string]bool{
	"Definition": true, "Constraints": true, "Range": true, "Default Value": true,
	"Default value": true, "Value range": true, "Value Range": true,
	"Parameter description": true, "Restrictions": true,
	"参数解释": true, "约束限制": true, "取值范围": true, "默认取值": true,
}

func splitStarParts(s string) []segment {
	if lab := partLabel(strings.TrimRight(s, ":：")); lab != "" && descLabels[strings.TrimRight(s, ":：")] {
		return []segment{{label: lab}}
	}
	locs := reStar.FindAllStringSubmatchIndex(s, -1)
	if locs == nil {
		locs = reZhInline.FindAllStringSubmatchIndex(s, -1)
	}
	if locs == nil {
		return []segment{{text: s}}
	}
	var out []segment
	if locs[0][0] > 0 {
		out = append(out, segment{text: s[:locs[0][0]]})
	}
	for i, loc := range locs {
		end := len(s)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		lab := partLabel(s[loc[2]:loc[3]])
		if lab == "" {
			lab = "explain"
		}
		out = append(out, segment{label: lab, text: s[loc[1]:end]})
	}
	return out
}

var (
	reBullet     = regexp.MustCompile(`^[•·\-*]\s*(.*)$`)
	reItem       = regexp.MustCompile(`^\s*(-?[0-9]+|[A-Za-z][A-Za-z0-9_.\-]*)\s*[:：]\s*(.+?)\s*[.。;；]?\s*$`)
	reTrigger    = regexp.MustCompile(`(?i)(?:the options are(?: as follows)?|the value can be(?: one of the following)?|possible values(?: are)?|valid values(?: are)?|enumerated values(?: are)?|enumeration values|the values are|value options|options|values|枚举值|可选值|取值为|取值如下)\s*[:：]\s*(.*)$`)
	reExamples   = regexp.MustCompile(`(?i)(?:the example values are(?: as follows)?|example values|枚举值举例如下|举例如下|示例值如下|取值举例)\s*[:：]\s*(.*)$`)
	reIntRange   = regexp.MustCompile(`(?:^|[^\w.\-])(-?\d+)\s*(?:-|~|to|至|到)\s*(-?\d+)(?:$|[^\w.\-]|\.(?:\s|$))`)
	reBetween    = regexp.MustCompile(`(?i)between\s+(-?\d+)\s+and\s+(-?\d+)`)
	reMinWord    = regexp.MustCompile(`(?i)(?:minimum(?: value)?|min\.?|最小值)\s*(?:is|为|是|[:：])?\s*(-?\d+)`)
	reMaxWord    = regexp.MustCompile(`(?i)(?:maximum(?: value)?|max\.?|最大值)\s*(?:is|为|是|[:：])?\s*(-?\d+)`)
	reBracket    = regexp.MustCompile(`\[\s*(-?\d+)\s*,\s*(-?\d+)\s*\]`)
	reLenEN      = regexp.MustCompile(`(?i)(\d+)\s*(?:-|~|to)\s*(\d+)\s*characters`)
	reLenZH      = regexp.MustCompile(`(?:字符长度|长度为?|长度范围)\s*(?:为)?\s*(\d+)\s*(?:-|~|至|到)\s*(\d+)`)
	reMaxLenEN   = regexp.MustCompile(`(?i)(?:a maximum of|up to|at most|no more than)\s+(\d+)\s+characters`)
	reMaxLenZH   = regexp.MustCompile(`(?:(?:最多|不超过|最大)\s*(\d+)\s*(?:个)?字符|最大长度\s*[:：为]?\s*(\d+))`)
	reMaxLenEN2  = regexp.MustCompile(`(?i)max(?:imum)? length\s*(?:is|[:：])?\s*(\d+)`)
	reGreater    = regexp.MustCompile(`(?i)(?:greater than|larger than|大于)\s*(or equal to\s*|等于\s*)?(-?\d+)`)
	reLess       = regexp.MustCompile(`(?i)(?:less than|smaller than|小于)\s*(or equal to\s*|等于\s*)?(-?\d+)`)
	reDefaultEN  = regexp.MustCompile(`(?i)(?:the )?default(?: value)?(?: is|\s*[:：])\s*"?([^\s",;。，]+)`)
	reDefaultZH  = regexp.MustCompile(`默认(?:值)?(?:为|是|[:：])\s*([^\s,，。;；(（]+)`)
	reFixed      = regexp.MustCompile(`(?i)(?:the value is fixed (?:at|to|as)|fixed value\s*[:：]?|固定为|固定值为?\s*[:：]?)\s*["“]?([A-Za-z0-9][\w.\-]*)`)
	reOnly       = regexp.MustCompile(`[Oo]nly\s+(one|\d+|[A-Z][A-Z0-9_]*)\b[^.。]*?(?:is|are)\s+supported`)
	reNone       = regexp.MustCompile(`^(?:不涉及|无|N/A|n/a|None|none|-)[.。]?$`)
	reSentenceEN = regexp.MustCompile(`^(.+?[.!?])(?:\s|$)`)
)

// readFacts extracts the facts of one description for a field of type t.
// It reports what it cannot place through warn and adds a note for it.
func readFacts(desc []line, t typeRef, warn func(int, string, ...any)) facts {
	var f facts
	parts := descParts(desc)
	f.Desc = firstSentence(parts["explain"])
	all := append(append(append([]line{}, parts["explain"]...), parts["constraint"]...), parts["range"]...)
	line0 := 0
	if len(desc) > 0 {
		line0 = desc[0].N
	}
	note := func(l int, format string, args ...any) {
		warn(l, format, args...)
		f.Notes = append(f.Notes, fmt.Sprintf(format, args...))
	}
	for i := range all {
		all[i].S = reThousands.ReplaceAllString(all[i].S, "$1$2")
	}
	f.readEnum(all, parts["range"], t, note)
	f.readRange(all, parts["range"], t, line0, note)
	f.readDefault(all, parts["default"], note)
	if m := findIn(all, reOnly); m != nil && len(f.Enum) == 0 {
		f.Only = m[1]
	} else if m := findIn(all, reFixed); m != nil && len(f.Enum) == 0 {
		f.Only = strings.TrimRight(m[1], ".")
	}
	return f
}

// reValueColon matches "value: comment".
var reValueColon = regexp.MustCompile(`^([^\s:：]+)\s*[:：]\s+\S`)

// reLenCell matches a bare range in a string's value-range cell.
var reLenCell = regexp.MustCompile(`^\[?\s*(\d+)\s*[-~,，]\s*(\d+)\s*\]?$`)

// reThousands matches a thousands separator inside a number (32,768).
var reThousands = regexp.MustCompile(`(\d),(\d{3})\b`)

// firstSentence returns the first sentence of a part.
func firstSentence(ls []line) string {
	if len(ls) == 0 {
		return ""
	}
	s := strings.TrimSpace(ls[0].S)
	if i := strings.Index(s, "。"); i >= 0 {
		return s[:i+len("。")]
	}
	if m := reSentenceEN.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return s
}

// findIn returns the first match of re in the lines.
func findIn(ls []line, re *regexp.Regexp) []string {
	for _, l := range ls {
		if m := re.FindStringSubmatch(l.S); m != nil {
			return m
		}
	}
	return nil
}

// readEnum reads the value lists the pages use: "The options are as
// follows: 0: a; 1: b.", bullet lists "• v :label", a 取值范围 part made
// of "v：label" lines, and a bare "2: month; 3: year" run. "The example
// values are ..." lists are not enums.
func (f *facts) readEnum(all, rng []line, t typeRef, note func(int, string, ...any)) {
	for i, l := range all {
		if m := reExamples.FindStringSubmatch(l.S); m != nil {
			items := splitItems(m[1])
			if len(items) == 0 {
				items, _ = itemLines(all[i+1:])
			}
			f.EnumExamples = items
			note(l.N, "values listed as examples (%s) are not a closed list; no enum", joinValues(items))
			return
		}
	}
	var bullets []enumItem
	var bad []line
	for _, l := range all {
		s := strings.TrimSpace(l.S)
		m := reBullet.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		if items := splitItems(m[1]); len(items) > 0 {
			bullets = append(bullets, items...)
		} else if strings.HasPrefix(s, "•") || strings.HasPrefix(s, "·") {
			bad = append(bad, l)
		}
	}
	if len(bullets) > 0 {
		if len(bad) > 0 {
			for _, l := range bad {
				note(l.N, "bullet %q in a value list is not a \"value: meaning\" item", short(l.S))
			}
			note(bad[0].N, "the value list (%s) has items that could not be read; no enum", joinValues(bullets))
			return
		}
		f.Enum = bullets
		return
	}
	for i, l := range all {
		m := reTrigger.FindStringSubmatch(l.S)
		if m == nil {
			continue
		}
		items := splitItems(m[1])
		if len(items) == 0 && strings.TrimSpace(m[1]) == "" {
			items, _ = itemLines(all[i+1:])
			if len(items) == 0 {
				items = bareLines(all[i+1:])
			}
		}
		if len(items) == 0 {
			note(l.N, "the description announces a list of values but the page lists none that can be read; no enum")
			return
		}
		f.Enum = items
		return
	}
	for _, l := range all {
		if m := reInlineBullet.FindStringSubmatch(l.S); m != nil {
			if items := splitItems(m[1]); len(items) > 0 {
				f.Enum = items
				return
			}
		}
	}
	if items, n := itemLines(rng); n > 0 && n == len(rng) {
		f.Enum = items
		return
	}
	for _, l := range all {
		starts := reNumStart.FindAllStringSubmatchIndex(l.S, -1)
		if len(starts) < 2 {
			continue
		}
		if items := splitItems(l.S[starts[0][2]:]); len(items) >= 2 {
			f.Enum = items
			return
		}
	}
}

// reInlineBullet finds a list written inline as " - 0: a - 1: b".
var reInlineBullet = regexp.MustCompile(`(?:^|\s)[-•·]\s+((?:-?\d+|[A-Za-z][\w.\-]*)\s*[:：].*)$`)

// reNumStart finds where a "0: label" item of a bare run starts
// ("计费模式,0:包周期计费,1:按需计费", "2: month; 3: year").
var reNumStart = regexp.MustCompile(`(?:^|[\s,，;；、(（])(-?\d+\s*[:：])\s*[^\s\d]`)

// bareLines reads leading lines that are bare values ("ON", "• OFF").
func bareLines(ls []line) []enumItem {
	var out []enumItem
	for _, l := range ls {
		m := reBare.FindStringSubmatch(strings.TrimSpace(l.S))
		if m == nil {
			break
		}
		out = append(out, enumItem{Value: m[1]})
	}
	return out
}

var reBare = regexp.MustCompile(`^(?:[•·\-]\s*)?([A-Za-z0-9][\w.\-]*?)[.。]?$`)

// itemLines reads leading lines that are "value: label" items (bullets
// allowed) and returns them with how many lines it read.
func itemLines(ls []line) ([]enumItem, int) {
	var out []enumItem
	for _, l := range ls {
		s := strings.TrimSpace(l.S)
		if m := reBullet.FindStringSubmatch(s); m != nil {
			s = m[1]
		}
		it := reItem.FindStringSubmatch(s)
		if it == nil {
			break
		}
		out = append(out, enumItem{Value: it[1], Label: strings.TrimSpace(it[2])})
	}
	return out, len(out)
}

// splitItems splits "0: a; 1: b" (or comma-separated) into items.
func splitItems(s string) []enumItem {
	s = strings.TrimSpace(s)
	seps := []string{";", "；"}
	var pieces []string
	for _, sep := range seps {
		if strings.Contains(s, sep) {
			pieces = strings.Split(strings.ReplaceAll(s, "；", ";"), ";")
			break
		}
	}
	if pieces == nil {
		pieces = splitKeep(s)
	}
	var out []enumItem
	for _, p := range pieces {
		if it := reItem.FindStringSubmatch(p); it != nil {
			out = append(out, enumItem{Value: it[1], Label: strings.TrimSpace(it[2])})
		}
	}
	return out
}

// splitKeep splits "15: a, 17: b" at commas that precede "value:".
func splitKeep(s string) []string {
	idx := reItemSep.FindAllStringSubmatchIndex(s, -1)
	var out []string
	start := 0
	for _, m := range idx {
		g := m[2]
		if g < 0 {
			g = m[4]
		}
		if m[0] == 0 {
			start = g
			continue
		}
		out = append(out, s[start:m[0]])
		start = g
	}
	return append(out, s[start:])
}

// reItemSep finds where the next "value:" item starts in a run: after a
// comma, a " - " or "•" bullet, or (for numbers only) plain space.
var reItemSep = regexp.MustCompile(`(?:[,，、]\s*|\s*(?:^|\s)[-•·]\s+)((?:-?\d+|[A-Za-z][\w.\-]*)\s*[:：])|\s+(-?\d+\s*[:：])`)

func joinValues(items []enumItem) string {
	var vs []string
	for _, it := range items {
		vs = append(vs, it.Value)
	}
	return strings.Join(vs, ", ")
}

// readRange reads numeric ranges and string lengths.
func (f *facts) readRange(all, rng []line, t typeRef, line0 int, note func(int, string, ...any)) {
	switch t.Kind {
	case "string":
		// A value-range cell "[1-64]" or "1-64" on a string is a length.
		for _, l := range rng {
			if m := reLenCell.FindStringSubmatch(strings.TrimSpace(l.S)); m != nil {
				lo, _ := strconv.Atoi(m[1])
				hi, _ := strconv.Atoi(m[2])
				f.MinLen, f.MaxLen = &lo, &hi
				return
			}
		}
		for _, re := range []*regexp.Regexp{reLenEN, reLenZH} {
			if m := findIn(all, re); m != nil {
				lo, _ := strconv.Atoi(m[1])
				hi, _ := strconv.Atoi(m[2])
				f.MinLen, f.MaxLen = &lo, &hi
				return
			}
		}
		for _, re := range []*regexp.Regexp{reMaxLenEN, reMaxLenZH, reMaxLenEN2} {
			if m := findIn(all, re); m != nil {
				hi, _ := strconv.Atoi(firstNonEmpty(m[1:]))
				f.MaxLen = &hi
				return
			}
		}
	case "integer", "number", "array":
		type rg struct {
			lo, hi float64
			n      int
		}
		var found []rg
		for _, l := range all {
			for _, re := range []*regexp.Regexp{reBracket, reBetween, reIntRange} {
				for _, m := range re.FindAllStringSubmatch(l.S, -1) {
					lo, _ := strconv.ParseFloat(m[1], 64)
					hi, _ := strconv.ParseFloat(m[2], 64)
					if lo <= hi {
						found = append(found, rg{lo, hi, l.N})
					}
				}
				if len(found) > 0 && re == reBracket {
					break
				}
			}
		}
		if len(found) == 0 {
			f.readBounds(all, t)
			if m := findIn(all, reMinWord); m != nil {
				v, _ := strconv.ParseFloat(m[1], 64)
				f.Min = &v
			}
			if m := findIn(all, reMaxWord); m != nil {
				v, _ := strconv.ParseFloat(m[1], 64)
				f.Max = &v
			}
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
			note(found[0].n, "the description gives more than one range (%s); the union %s-%s is used", strings.Join(texts, ", "), fmtNum(lo), fmtNum(hi))
		}
		f.Min, f.Max = &lo, &hi
	}
}

// readBounds reads "greater than N" and "less than N" for integers.
func (f *facts) readBounds(all []line, t typeRef) {
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

// readDefault reads "默认取值" parts and "The default value is X".
func (f *facts) readDefault(all, def []line, note func(int, string, ...any)) {
	if len(def) > 0 {
		s := strings.TrimSpace(def[0].S)
		if reNone.MatchString(s) {
			return
		}
		// "0,表示默认企业项目(default)。" and "0: default enterprise
		// project.": the value is before the comment.
		if i := strings.IndexAny(s, ",，(（"); i > 0 && !strings.Contains(s[:i], ";") {
			s = strings.TrimSpace(s[:i])
		}
		if m := reValueColon.FindStringSubmatch(s); m != nil {
			s = m[1]
		}
		f.Default, f.HasDefault = strings.TrimRight(s, "。."), true
		return
	}
	for _, re := range []*regexp.Regexp{reDefaultEN, reDefaultZH} {
		if m := findIn(all, re); m != nil {
			f.Default, f.HasDefault = strings.TrimRight(m[1], ".。"), true
			return
		}
	}
}

// varName turns an enum label (or, failing that, its value) into an
// identifier for x-enum-varnames.
func varName(it enumItem) string {
	label := it.Label
	if i := strings.IndexAny(label, "(（"); i > 0 {
		label = label[:i]
	}
	label = strings.TrimRight(strings.TrimSpace(label), ".。")
	if v, ok := zhLabels[label]; ok {
		return v
	}
	if n := identOf(label); n != "" {
		return n
	}
	return identOf("value_" + it.Value)
}

// identOf lower-cases s and joins its ASCII words with underscores; it
// returns "" when s has non-ASCII letters.
func identOf(s string) string {
	var b strings.Builder
	under := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r > unicode.MaxASCII:
			return ""
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if under && b.Len() > 0 {
				b.WriteByte('_')
			}
			under = false
			b.WriteRune(r)
		default:
			under = true
		}
	}
	out := b.String()
	if out != "" && unicode.IsDigit(rune(out[0])) {
		out = "v" + out
	}
	return out
}

// zhLabels renders the Chinese labels the order pages use.
var zhLabels = map[string]string{
	"月": "month", "年": "year", "天": "day", "小时": "hour",
	"包周期": "yearly_monthly", "包年/包月": "yearly_monthly", "包年包月": "yearly_monthly", "按需": "pay_per_use", "按需计费": "pay_per_use",
	"包周期计费": "yearly_monthly", "一次性计费": "one_off", "一次性": "one_off", "包年": "yearly", "包月": "monthly",
	"基础版": "basic", "专业版": "professional", "企业版": "enterprise", "旗舰版": "premium",
	"网页防篡改版": "web_tamper_protection", "容器版": "container",
	"是": "yes", "否": "no", "开启": "on", "关闭": "off",
}
