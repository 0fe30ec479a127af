package transcribe

import (
	"regexp"
	"strings"
)

// reItemsEN and reItemsZH find an element type stated in a description
// ("a list of strings", "字符串数组", "元素为整数").
var (
	reItemsEN = regexp.MustCompile(`(?i)\b(?:list|array|set) of (strings?|integers?|longs?|numbers?|booleans?|objects?)\b`)
	reItemsZH = regexp.MustCompile(`(字符串|整数|整型|长整型|布尔|对象)(?:类型)?(?:的)?(?:数组|列表)|元素(?:类型)?为(字符串|整数|整型|长整型|布尔|对象)`)
	zhItems   = map[string]string{"字符串": "string", "整数": "integer", "整型": "integer", "长整型": "long", "布尔": "boolean", "对象": "object"}
)

// arrayItems settles the element type of a bare "Array" cell: from the
// description, else from the example's elements; the SDK may settle it
// later (reconcile). What decided is noted; an array nothing settles keeps
// untyped items (items: {}), which the generator accepts.
func (b *builder) arrayItems(f *field, ex *jv, r *row) {
	set := func(word, from string, line int) {
		word = strings.TrimSuffix(strings.ToLower(word), "s")
		if w, ok := zhItems[word]; ok {
			word = w
		}
		t, ok := scalars[word]
		if !ok {
			return
		}
		f.Type.Items = &t
		b.note(&f.Notes, line, "the type cell of %s says only %q; items are %s, as %s", r.Name, r.Type, t.Kind, from)
	}
	for _, l := range r.Desc {
		if m := reItemsEN.FindStringSubmatch(l.S); m != nil {
			set(m[1], "the description says", l.N)
			return
		}
		if m := reItemsZH.FindStringSubmatch(l.S); m != nil {
			set(m[1]+m[2], "the description says", l.N)
			return
		}
	}
	if ex != nil && ex.Kind == "array" && len(ex.Arr) > 0 {
		k := jsonKind(ex.Arr[0])
		if ex.Arr[0].Kind == "null" || ex.Arr[0].Kind == "array" {
			k = ""
		}
		for _, e := range ex.Arr[1:] {
			if jsonKind(e) != k {
				k = ""
			}
		}
		if k != "" {
			set(k, "the page's example shows", r.Line)
			return
		}
	}
	if b.sdk != nil {
		return // reconcile reads the SDK's element type, or warns
	}
	b.note(&f.Notes, r.TypeLine, "the type cell of %s says only %q and nothing on the page tells the element type; items are typed string so that the spec loads (the generator needs a type), check the published page", r.Name, r.Type)
}
