package transcribe

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// enumItem is one value of a documented value list.
type enumItem struct {
	Value, Label string
}

var (
	reBullet   = regexp.MustCompile(`^[•·\-*]\s*(.*)$`)
	reItem     = regexp.MustCompile(`^\s*(-?[0-9]+|[A-Za-z][A-Za-z0-9_.\-]*)\s*[:：]\s*(.+?)\s*[.。;；]?\s*$`)
	reTrigger  = regexp.MustCompile(`(?i)(?:the options are(?: as follows)?|(?:an |the )?enumerated values? (?:is|are)(?: as follows)?|enum(?:eration)?(?: values?)?|the value can be(?: one of the following)?|possible values(?: are)?|valid values(?: are)?|enumerated values(?: are)?|enumeration values|the values are|value options|options|values|枚举值|可选值|取值为|取值如下)\s*[:：]\s*(.*)$`)
	reExamples = regexp.MustCompile(`(?i)(?:the example values are(?: as follows)?|example values|枚举值举例如下|举例如下|示例值如下|取值举例|例如|for example|e\.g\.)\s*[:：]\s*(.*)$`)
	reFixed    = regexp.MustCompile(`(?i)(?:the value is fixed (?:at|to|as)|fixed value\s*[:：]?|固定为|固定值为?\s*[:：]?|固定填写?为?|只能(?:填写?|为|是))\s*["“'‘「]?([A-Za-z0-9][\w.\-]*)`)
	reOnly     = regexp.MustCompile(`[Oo]nly\s+(one|\d+|[A-Z][A-Z0-9_]*)\b[^.。]*?(?:is|are)\s+supported|(?:只|仅)支持(?:订购|购买|填写|创建|选择)?\s*(\d+)\s*[个套台次份]`)
)

// noteFunc reports a decision: a warning and an x-doc-note.
type noteFunc func(line int, format string, args ...any)

// readEnum reads the value lists the pages use: "The options are as
// follows: 0: a; 1: b.", bullet lists "• v :label", inline "- v: label"
// lists, a 取值范围 part made of "v：label" lines, and a bare
// "2: month; 3: year" run. "The example values are ..." lists are not
// enums. The readers are tried in that order; the first that finds a
// list (or a reason to have none) wins.
func (f *facts) readEnum(all, rng []line, note noteFunc) {
	if f.exampleList(all, note) {
		return
	}
	readers := []func([]line, []line, noteFunc) ([]enumItem, bool){
		bulletList, triggerList, inlineList, rangeLines, numberRun, pairRun, zhRun, lineRun,
	}
	for _, read := range readers {
		if items, done := read(all, rng, note); done {
			f.Enum = items
			return
		}
	}
}

// exampleList reads "The example values are as follows: ..." lists, which
// name examples and so make no enum.
func (f *facts) exampleList(all []line, note noteFunc) bool {
	for i, l := range all {
		m := reExamples.FindStringSubmatch(l.S)
		if m == nil {
			continue
		}
		items := splitItems(m[1])
		if len(items) == 0 {
			items, _ = itemLines(all[i+1:])
		}
		f.EnumExamples = items
		if len(items) == 0 {
			note(l.N, "the description gives examples, not a closed list of values (none captured); no enum")
			return true
		}
		note(l.N, "values listed as examples (%s) are not a closed list; no enum", joinValues(items))
		return true
	}
	return false
}

// bulletList reads "• v: label" lines; a list with an unreadable bullet
// makes no enum.
func bulletList(all, _ []line, note noteFunc) ([]enumItem, bool) {
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
		} else if b := reBare.FindStringSubmatch(strings.TrimSpace(m[1])); b != nil && reValueLike.MatchString(b[1]) || b != nil && slices.ContainsFunc(bullets, func(it enumItem) bool { return it.Value == b[1] }) {
			// A bare value ("• createReplication"), as an "Enumeration
			// values:" list repeats the values labelled above it.
			bullets = append(bullets, enumItem{Value: b[1]})
		} else if strings.HasPrefix(s, "•") || strings.HasPrefix(s, "·") {
			bad = append(bad, l)
		}
	}
	bullets = mergeItems(bullets)
	if len(bullets) == 0 {
		return nil, false
	}
	if len(bad) > 0 {
		for _, l := range bad {
			note(l.N, "bullet %q in a value list is not a \"value: meaning\" item", short(l.S))
		}
		note(bad[0].N, "the value list (%s) has items that could not be read; no enum", joinValues(bullets))
		return nil, true
	}
	return bullets, true
}

// triggerList reads the list after "The options are as follows:",
// "Options:" and the like, on the same line or the following ones.
func triggerList(all, _ []line, note noteFunc) ([]enumItem, bool) {
	for i, l := range all {
		m := reTrigger.FindStringSubmatch(l.S)
		if m == nil {
			continue
		}
		items := splitItems(m[1])
		if len(items) == 0 && strings.TrimSpace(m[1]) != "" {
			items = bareValues(m[1])
		}
		if len(items) == 0 && strings.TrimSpace(m[1]) == "" {
			items, _ = itemLines(all[i+1:])
			if len(items) == 0 {
				items = bareLines(all[i+1:])
			}
		}
		if len(items) == 0 {
			note(l.N, "the description announces a list of values but the page lists none that can be read; no enum")
		}
		return items, true
	}
	return nil, false
}

// inlineList reads a list written inline as " - 0: a - 1: b".
func inlineList(all, _ []line, _ noteFunc) ([]enumItem, bool) {
	for _, l := range all {
		if m := reInlineBullet.FindStringSubmatch(l.S); m != nil {
			if items := splitItems(m[1]); len(items) > 0 {
				return items, true
			}
		}
	}
	return nil, false
}

// rangeLines reads a 取值范围 part made only of "v：label" lines.
func rangeLines(_, rng []line, _ noteFunc) ([]enumItem, bool) {
	items, n := itemLines(rng)
	return items, n > 0 && n == len(rng)
}

// numberRun reads a bare run of two or more numbered items.
func numberRun(all, _ []line, _ noteFunc) ([]enumItem, bool) {
	for _, l := range all {
		starts := reNumStart.FindAllStringSubmatchIndex(l.S, -1)
		if len(starts) < 2 {
			continue
		}
		if items := splitItems(l.S[starts[0][2]:]); len(items) >= 2 {
			return items, true
		}
	}
	return nil, false
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
// allowed; a line may hold several, "a: x; b: y") and returns them with
// how many lines it read.
func itemLines(ls []line) ([]enumItem, int) {
	var out []enumItem
	n := 0
	for _, l := range ls {
		s := strings.TrimSpace(l.S)
		if m := reBullet.FindStringSubmatch(s); m != nil {
			s = m[1]
		}
		if many := splitItems(s); len(many) >= 2 && strings.ContainsAny(s, ";；") {
			out = append(out, many...)
			n++
			continue
		}
		it, ok := itemOf(s)
		if !ok {
			break
		}
		out = append(out, it)
		n++
	}
	return out, n
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
	for i, p := range pieces {
		it, ok := itemOf(p)
		if !ok && i == 0 && strings.TrimSpace(p) != "" && len(pieces) > 1 {
			// "period_type is set to 2: ...": text before the first item
			// makes the list about something else (another field, a
			// condition), so it is no value list of this field.
			return nil
		}
		if ok {
			out = append(out, it)
		}
	}
	return out
}

// stopValues are words that head a "Word: text" line without being a
// value ("Length: [2, 36]", "Default: x", "Note: ...").
var stopValues = map[string]bool{
	"length": true, "range": true, "value": true, "values": true, "default": true, "example": true, "examples": true,
	"note": true, "notes": true, "maximum": true, "minimum": true, "max": true, "min": true, "format": true,
	"unit": true, "type": true, "constraints": true, "restrictions": true, "description": true, "definition": true,
	"options": true, "remarks": true, "caution": true, "warning": true, "url": true, "http": true, "https": true,
}

// reRangeLabel is a label that is only a range ("[2, 36]", "1-64").
var reRangeLabel = regexp.MustCompile(`^[\[(]?\s*-?\d+\s*(?:,|-|~|to)\s*-?\d+\s*[\])]?[.。]?$`)

// itemOf reads one "value: label" item.
func itemOf(p string) (enumItem, bool) {
	it := reItem.FindStringSubmatch(p)
	if it == nil || stopValues[strings.ToLower(it[1])] || reRangeLabel.MatchString(strings.TrimSpace(it[2])) {
		return enumItem{}, false
	}
	return enumItem{Value: it[1], Label: strings.TrimSpace(it[2])}, true
}

// pairRun reads a line made only of two or more "v: label" items
// ("month: 月;year: 年").
func pairRun(all, _ []line, _ noteFunc) ([]enumItem, bool) {
	for _, l := range all {
		t := strings.TrimRight(strings.TrimSpace(l.S), ".。")
		if !strings.ContainsAny(t, ";；,，") {
			continue
		}
		pieces := strings.FieldsFunc(t, func(r rune) bool { return strings.ContainsRune(";；,，", r) })
		var out []enumItem
		for _, p := range pieces {
			it, ok := itemOf(p)
			if !ok {
				out = nil
				break
			}
			out = append(out, it)
		}
		if len(out) >= 2 {
			return out, true
		}
	}
	return nil, false
}

// reZhItem is one number-label item written without a colon ("0包周期",
// "2月", "1是").
var reZhItem = regexp.MustCompile(`^\s*[,，;；、]?\s*(-?\d+)\s*[:：]?\s*([\p{Han}][\p{Han}/（）()]*)`)

// zhRun reads number-label runs without colons: a line (or a 取值范围
// part) made only of items like "0包周期", "2月 3年", "1是 0否". A single
// item counts only as the whole 取值范围 part.
func zhRun(all, rng []line, _ noteFunc) ([]enumItem, bool) {
	read := func(s string) []enumItem {
		s = strings.TrimRight(strings.TrimSpace(s), ".。;；")
		var out []enumItem
		for s != "" {
			m := reZhItem.FindStringSubmatchIndex(s)
			if m == nil {
				return nil
			}
			label := s[m[4]:m[5]]
			if zhUnits[label] {
				return nil // "128个字符", "3天": a quantity, not an item
			}
			out = append(out, enumItem{Value: s[m[2]:m[3]], Label: label})
			s = strings.TrimSpace(s[m[1]:])
		}
		return out
	}
	if len(rng) == 1 {
		if items := read(rng[0].S); len(items) >= 1 {
			return items, true
		}
	}
	for _, l := range all {
		if items := read(l.S); len(items) >= 2 {
			return items, true
		}
		// "是否自动支付。1是 0否": a run after the sentence.
		t := strings.TrimRight(strings.TrimSpace(l.S), ".。;；")
		if i := strings.LastIndexAny(t, "。:："); i >= 0 {
			_, size := utf8.DecodeRuneInString(t[i:])
			if items := read(t[i+size:]); len(items) >= 2 {
				return items, true
			}
		}
	}
	return nil, false
}

// zhUnits are the measure words that follow a number without making it a
// value label.
var zhUnits = map[string]bool{"个": true, "个字符": true, "位": true, "字符": true, "次": true, "套": true, "台": true, "份": true, "秒": true, "分钟": true, "小时": true, "天": true, "条": true, "项": true, "个月": true}

// lineRun reads two or more consecutive lines that are each one "v: label"
// item, without bullets or a heading ("2: 月" / "3: 年").
func lineRun(all, _ []line, _ noteFunc) ([]enumItem, bool) {
	for i := range all {
		items, n := itemLines(all[i:])
		if n >= 2 {
			return items, true
		}
	}
	return nil, false
}

// bareValues reads the values after an enum trigger that are not
// "v: label" items: "[a, b, c]", "MONTH YEAR", "a, b".
func bareValues(s string) []enumItem {
	s = strings.TrimRight(strings.TrimSpace(s), ".。")
	bracket := strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]")
	s = strings.Trim(s, "[]")
	toks := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == '、' || r == ' ' || r == '|' })
	var out []enumItem
	for _, tok := range toks {
		tok = strings.Trim(tok, "\"'“”‘’`")
		if tok == "" || tok == "…" || tok == "..." {
			continue
		}
		if !bracket && !reValueLike.MatchString(tok) {
			return nil
		}
		out = append(out, enumItem{Value: tok})
	}
	return out
}

// reValueLike is a token that reads as a value rather than a word: upper
// case, a number, or a dotted/underscored code.
var reValueLike = regexp.MustCompile(`^(?:[A-Z0-9][A-Z0-9_.\-]*|-?\d+(?:\.\d+)?|[a-z0-9]+[._\-][\w.\-]*|true|false)$`)

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

// varNames names the enum values: numbers by their labels
// ("yearly/monthly" -> yearly_monthly), strings by the English rendering
// of a known Chinese label (专业版 -> professional) or else by the part of
// the value that differs (hss.version.basic -> basic, CLOUD -> cloud).
func varNames(items []enumItem, byValue bool) []string {
	out := make([]string, len(items))
	seen := map[string]bool{}
	prefix := commonPrefix(items)
	for i, it := range items {
		n := varName(it)
		_, translated := zhLabels[cleanLabel(it.Label)]
		if v := identOf(strings.TrimPrefix(it.Value, prefix)); byValue && v != "" && !translated {
			n = v
		}
		if seen[n] || strings.HasPrefix(n, "value_") {
			n = identOf(strings.TrimPrefix(it.Value, commonPrefix(items)))
			if n == "" {
				n = identOf("value_" + it.Value)
			}
		}
		seen[n] = true
		out[i] = n
	}
	return out
}

func commonPrefix(items []enumItem) string {
	if len(items) < 2 {
		return ""
	}
	p := items[0].Value
	for _, it := range items[1:] {
		for !strings.HasPrefix(it.Value, p) {
			p = p[:len(p)-1]
		}
	}
	if i := strings.LastIndexAny(p, "._-"); i >= 0 {
		return p[:i+1]
	}
	return ""
}

// varName turns an enum label (or, failing that, its value) into an
// identifier for x-enum-varnames.
func varName(it enumItem) string {
	label := cleanLabel(it.Label)
	if v, ok := zhLabels[label]; ok {
		return v
	}
	if n := identOf(label); n != "" {
		return n
	}
	return identOf("value_" + it.Value)
}

// cleanLabel drops a label's parenthesised remark and final stop.
func cleanLabel(label string) string {
	if i := strings.IndexAny(label, "(（"); i > 0 {
		label = label[:i]
	}
	return strings.TrimRight(strings.TrimSpace(label), ".。")
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

// mergeItems keeps the first of items with the same value, taking a label
// from a later one when the first has none.
func mergeItems(items []enumItem) []enumItem {
	var out []enumItem
	for _, it := range items {
		i := slices.IndexFunc(out, func(o enumItem) bool { return o.Value == it.Value })
		switch {
		case i < 0:
			out = append(out, it)
		case out[i].Label == "":
			out[i].Label = it.Label
		}
	}
	return out
}
