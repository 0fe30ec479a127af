package transcribe

import (
	"slices"
	"strings"
)

// The official SDK's source (--sdk) is a second source: it names the
// operation and the body, settles blank mandatory cells, types bare arrays
// and fills value lists the page does not give. The page stays the source
// of truth: where the two disagree the page's fact is kept and the
// disagreement is a warning with the page line and an x-doc-note.

// sdkName returns the operation name the SDK gives the page's route, with
// a note when the page's title names another.
func (b *builder) sdkName(titleName string) {
	b.opID = b.sdk.Operation
	b.note(&b.opNotes, max(b.d.TitleLine, b.d.URILine), "operationId %s is the official SDK's name for %s %s (%s)", b.opID, b.sdk.Method, b.sdk.Path, b.sdkSource())
	if titleName != "" && titleName != b.opID {
		b.note(&b.opNotes, b.d.TitleLine, "the page's title names the operation %s, the official SDK %s; the SDK's name is used", titleName, b.opID)
	}
	if b.ev.Operation != "" && b.ev.Operation != b.opID {
		b.note(&b.opNotes, max(b.ev.BodyLine, b.d.URILine), "the page's SDK sample calls %s, the official SDK's source names the operation %s", b.ev.Operation, b.opID)
	}
}

func (b *builder) sdkSource() string {
	d := strings.ReplaceAll(b.sdk.Dir, "\\", "/")
	if i := strings.Index(d, "/services/"); i >= 0 {
		d = d[i+1:]
	}
	return "SDK " + d
}

// reconcile compares a page schema with the SDK model it stands for, and
// the objects reached from it, once each.
func (b *builder) reconcile(s *schema, m *SDKModel, done map[string]bool) {
	if s == nil || m == nil || done[s.Name] {
		return
	}
	done[s.Name] = true
	if s.Name != m.Name {
		s.Notes = append(s.Notes, sprintf("The official SDK models this object as %s.", m.Name))
	}
	onPage := map[string]bool{}
	for _, f := range s.Fields {
		onPage[f.Name] = true
		sf, ok := m.Field(f.Name)
		if !ok {
			if alt, found := m.fieldLike(f.Name); found {
				b.note(&f.Notes, f.Line, "the page names %s.%s, the official SDK's %s sends it as %s; the page's name is kept (check which one the service accepts)", s.Name, f.Name, m.Name, alt.JSON)
				onPage[alt.JSON] = true
				b.reconcileField(s, f, alt)
				if ref := refOf(&f.Type); ref != nil {
					b.reconcile(b.byName[*ref], b.sdk.Model(alt.Type.ref()), done)
				}
				continue
			}
			b.note(&f.Notes, f.Line, "%s.%s is on the page but not in the official SDK's %s (%s)", s.Name, f.Name, m.Name, b.sdkSource())
			continue
		}
		b.reconcileField(s, f, sf)
		if ref := refOf(&f.Type); ref != nil {
			b.reconcile(b.byName[*ref], b.sdk.Model(sf.Type.ref()), done)
		}
	}
	var missing []string
	for _, sf := range m.Fields {
		if !onPage[sf.JSON] {
			missing = append(missing, sf.JSON)
		}
	}
	if len(missing) > 0 {
		b.note(&s.Notes, s.Line, "the official SDK's %s has members the page's table of %s does not list: %s", m.Name, s.Name, strings.Join(missing, ", "))
	}
}

// reconcileField settles or reports one field against its SDK member.
func (b *builder) reconcileField(s *schema, f *field, sf SDKField) {
	path := s.Name + "." + f.Name
	if !s.Response {
		switch f.ReqFrom {
		case "blank":
			f.Required, f.ReqFrom = sf.Required, "sdk"
			b.note(&f.Notes, f.Line, "mandatory column is blank for %s; %s per the official SDK (%s member)", path, reqWord(sf.Required), valueOrPointer(sf.Required))
		case "page", "sample", "prose":
			if f.Required != sf.Required {
				b.note(&f.Notes, f.Line, "the page makes %s %s, the official SDK %s (%s member); the page is kept", path, reqWord(f.Required), reqWord(sf.Required), valueOrPointer(sf.Required))
			}
		}
	}
	b.reconcileType(path, f, &f.Type, sf.Type)
	if f.Lost && len(f.Enum) == 0 && f.F.Min == nil && f.F.Max == nil && sf.Doc != "" {
		b.lostFromDoc(path, f, sf)
	}
}

// lostFromDoc fills what the capture dropped from a field's cell (a list
// of values, a range) from the official SDK's doc comment of the member,
// read with the page's own phrasings.
func (b *builder) lostFromDoc(path string, f *field, sf SDKField) {
	quiet := func(int, string, ...any) {}
	ff := readFacts([]line{{N: f.Line, S: sf.Doc}}, f.Type, quiet)
	switch {
	case len(ff.Enum) > 0 && (f.Type.Kind == "integer" || f.Type.Kind == "string"):
		f.F.Enum = ff.Enum
		b.enum(f, &row{Line: f.Line, Name: f.Name}, func(int, string, ...any) {})
		if len(f.Enum) > 0 {
			b.note(&f.Notes, f.Line, "the capture dropped the list of %s; its values (%s) are taken from the official SDK's doc comment of %s", path, strings.Join(f.Enum, ", "), sf.Go)
		}
	case ff.Min != nil || ff.Max != nil:
		if f.Type.Kind == "integer" || f.Type.Kind == "number" || f.Type.Kind == "array" {
			f.F.Min, f.F.Max = ff.Min, ff.Max
			b.note(&f.Notes, f.Line, "the capture dropped the list of %s; its range (%s to %s) is taken from the official SDK's doc comment of %s", path, boundText(f.F.Min), boundText(f.F.Max), sf.Go)
		}
	}
}

// reconcileType compares a type (and, for arrays, its items).
func (b *builder) reconcileType(path string, f *field, t *typeRef, st SDKType) {
	switch {
	case st.Kind == "":
		return // the SDK leaves it untyped (interface{})
	case f.Unknown != "" && t == &f.Type:
		if nt, ok := typeFromSDK(st); ok {
			b.note(&f.Notes, f.Line, "unknown type %q for %s; typed %s as in the official SDK", f.Unknown, path, st)
			f.Type, f.Unknown = nt, ""
		}
		return
	case t.Kind == "array" && t.Items == nil && st.Kind == "array" && st.Items != nil:
		if nt, ok := typeFromSDK(*st.Items); ok {
			t.Items = &nt
			b.note(&f.Notes, f.Line, "the page types %s as a bare array; items are %s as in the official SDK", path, st.Items)
		}
		return
	case t.Kind == "array" && t.Items == nil:
		b.note(&f.Notes, f.Line, "the page types %s as a bare array and the official SDK does not tell the items (%s); items are typed string so that the spec loads, check the published page", path, st)
		return
	}
	if t.Kind != st.Kind || t.Map != st.Map {
		b.note(&f.Notes, f.Line, "the page types %s as %s, the official SDK as %s; the page is kept", path, typeText(*t), st)
		return
	}
	if t.Kind == "array" && t.Items != nil && st.Items != nil {
		b.reconcileType(path+"[]", f, t.Items, *st.Items)
		return
	}
	if t.Format != "" && st.Format != "" && t.Format != st.Format && st.Format != "date-time" {
		b.note(&f.Notes, f.Line, "the page gives %s the format %s, the official SDK %s; the page is kept", path, t.Format, st.Format)
	}
	if len(st.Enum) == 0 || t != &f.Type {
		return
	}
	switch {
	case len(f.Enum) == 0 && t.Kind != "boolean":
		items := make([]enumItem, len(st.Enum))
		for i, v := range st.Enum {
			items[i] = enumItem{Value: v}
		}
		f.Enum, f.Labels = slices.Clone(st.Enum), nil
		f.Varnames = varNames(items, t.Kind == "string")
		b.note(&f.Notes, f.Line, "the page lists no values for %s; the official SDK's enum (%s) is taken", path, strings.Join(st.Enum, ", "))
	case !sameSet(f.Enum, st.Enum):
		b.note(&f.Notes, f.Line, "the page lists the values %s for %s, the official SDK %s; the page is kept", strings.Join(f.Enum, ", "), path, strings.Join(st.Enum, ", "))
	}
}

// typeFromSDK turns an SDK type into a page type: scalars and named
// objects the page also has.
func typeFromSDK(st SDKType) (typeRef, bool) {
	switch st.Kind {
	case "string", "integer", "number", "boolean":
		f := st.Format
		if f == "date-time" {
			f = ""
		}
		return typeRef{Kind: st.Kind, Format: f}, true
	case "array":
		if st.Items == nil {
			return typeRef{Kind: "array"}, true
		}
		it, ok := typeFromSDK(*st.Items)
		return typeRef{Kind: "array", Items: &it}, ok
	case "object":
		if st.Ref == "" && !st.Map {
			return typeRef{Kind: "object"}, true
		}
	}
	return typeRef{}, false
}

func sameSet(a, b []string) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y)
}

func reqWord(r bool) string {
	if r {
		return "required"
	}
	return "optional"
}

func valueOrPointer(r bool) string {
	if r {
		return "a value"
	}
	return "a pointer"
}

// reconcileParams compares the query and header parameters with the SDK
// request's members.
func (b *builder) reconcileParams() {
	for _, f := range b.params {
		if f.In == "path" {
			continue
		}
		sf, ok := b.sdk.Params[f.Name]
		if !ok {
			if f.In == "query" {
				b.note(&f.Notes, f.Line, "query parameter %s is on the page but not in the official SDK's request (%s)", f.Name, b.sdkSource())
			}
			continue
		}
		if f.ReqFrom == "blank" {
			f.Required, f.ReqFrom = sf.Required, "sdk"
			b.note(&f.Notes, f.Line, "mandatory column is blank for %s parameter %s; %s per the official SDK", f.In, f.Name, reqWord(sf.Required))
		}
		b.reconcileType(f.In+" parameter "+f.Name, f, &f.Type, sf.Type)
	}
}

// blankLeft notes the blank mandatory cells no source settled.
func (b *builder) blankLeft() {
	for _, s := range b.schemas {
		for _, f := range s.Fields {
			if f.ReqFrom == "blank" {
				f.ReqFrom = "default"
				b.note(&f.Notes, f.Line, "mandatory column is blank for %s and neither an SDK sample nor the official SDK's model settles it; taken as optional", f.Name)
			}
		}
	}
	for _, f := range b.params {
		if f.ReqFrom == "blank" {
			f.ReqFrom = "default"
			b.note(&f.Notes, f.Line, "mandatory column is blank for %s parameter %s and the official SDK has no such member; taken as optional", f.In, f.Name)
		}
	}
}

// fieldLike finds the member whose JSON name differs from name only in
// case style (productInfos, product_infos).
func (m *SDKModel) fieldLike(name string) (SDKField, bool) {
	if m == nil {
		return SDKField{}, false
	}
	for _, f := range m.Fields {
		if normField(f.JSON) == normField(name) {
			return f, true
		}
	}
	return SDKField{}, false
}

func boundText(v *float64) string {
	if v == nil {
		return "unbounded"
	}
	return fmtNum(*v)
}

// ValuesIn returns the closed list of values a description states, read
// with the page phrasings the transcriber knows ("- 2：月 - 3：年",
// "The options are: ..."), for a field of JSON type kind; nil when it
// states none. The corpus measure uses it on the SDK's doc comments.
func ValuesIn(text, kind string) []string {
	ff := readFacts([]line{{N: 1, S: text}}, typeRef{Kind: kind}, func(int, string, ...any) {})
	var out []string
	for _, it := range ff.Enum {
		out = append(out, it.Value)
	}
	return out
}
