package transcribe

import (
	"fmt"
	"regexp"
	"strings"
)

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
	Deprecated   bool
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
	reDefaultEN  = regexp.MustCompile(`(?i)(?:the )?default(?: value)?(?: is|\s*[:：])\s*"?([^\s",;。，]+)`)
	reDefaultZH  = regexp.MustCompile(`默认(?:值)?(?:为|是|[:：])\s*([^\s,，。;；(（]+)`)
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
	note := noteFunc(func(l int, format string, args ...any) {
		warn(l, format, args...)
		f.Notes = append(f.Notes, fmt.Sprintf(format, args...))
	})
	for i := range all {
		all[i].S = reThousands.ReplaceAllString(all[i].S, "$1$2")
	}
	f.readEnum(all, parts["range"], note)
	f.readRange(all, parts["range"], t, note)
	f.readDefault(all, parts["default"])
	if m := findIn(all, reOnly); m != nil && len(f.Enum) == 0 {
		f.Only = firstNonEmpty(m[1:])
	} else if m := findIn(all, reFixed); m != nil && len(f.Enum) == 0 {
		f.Only = strings.TrimRight(m[1], ".")
	}
	if l, ok := lineOf(all, reConditional); ok {
		note(l, "the description makes the field mandatory only under a condition; the table's mandatory flag is kept and the condition is not enforced")
	}
	if l, ok := lineOf(all, reDeprecated); ok {
		f.Deprecated = true
		note(l, "the description says the field is deprecated; marked deprecated")
	}
	return f
}

var (
	reConditional = regexp.MustCompile(`(?i)\b(?:mandatory|required)\s+(?:when|if|only when|only if|for)\b|(?:时|情况下)(?:必填|必选|必须填写)|必填条件`)
	reDeprecated  = regexp.MustCompile(`(?i)\bdeprecated\b|\bno longer (?:used|supported)\b|已废弃|已弃用|不再使用`)
)

// lineOf returns the line of the first match of re in the lines.
func lineOf(ls []line, re *regexp.Regexp) (int, bool) {
	for _, l := range ls {
		if re.MatchString(l.S) {
			return l.N, true
		}
	}
	return 0, false
}

// reValueColon matches "value: comment".
var reValueColon = regexp.MustCompile(`^([^\s:：]+)\s*[:：]\s+\S`)

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

// readDefault reads "默认取值" parts and "The default value is X".
func (f *facts) readDefault(all, def []line) {
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
