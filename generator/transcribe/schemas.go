package transcribe

import (
	"regexp"
	"slices"
	"strings"
)

// matcher places the nested-object tables of one group: captioned tables
// by their caption, uncaptioned ones by position in a depth-first walk of
// the "X object" mentions, each match checked against the example.
type matcher struct {
	captioned map[string]*table
	queue     []*table
	response  bool
}

func newMatcher(g *group, response bool) *matcher {
	m := &matcher{captioned: map[string]*table{}, response: response}
	for _, t := range g.nested {
		if len(t.Rows) == 0 {
			continue // reported as truncated when scanned
		}
		if t.Caption != "" {
			if _, dup := m.captioned[t.Caption]; !dup {
				m.captioned[t.Caption] = t
				continue
			}
		}
		m.queue = append(m.queue, t)
	}
	return m
}

// buildGroup builds the root table of a group as schema name and returns
// the schema.
func (b *builder) buildGroup(g *group, name string, ex *jv, response bool) *schema {
	m := newMatcher(g, response)
	s := b.buildObject(m, g.root, name, ex)
	for _, t := range m.queue {
		b.note(&b.info, t.Line, "table at line %d (fields %s) matches no object mention; not transcribed (orphan table)", t.Line, rowNames(t))
	}
	for _, c := range sortedKeys(m.captioned) {
		t := m.captioned[c]
		name := c
		if !isObjectCaption(name) {
			name = identCamel(c)
		}
		b.note(&b.info, t.Line, "table %q is referenced by no field (orphan table); transcribed as the unreferenced schema %s", c, name)
		b.buildObject(m, t, name, nil)
	}
	return s
}

func rowNames(t *table) string {
	var ns []string
	for _, r := range t.Rows {
		ns = append(ns, r.Name)
	}
	return strings.Join(ns, ", ")
}

// buildObject builds a table as schema name, registering it before its
// children so components read parent first.
func (b *builder) buildObject(m *matcher, t *table, name string, ex *jv) *schema {
	s := &schema{Name: name, Line: t.Line, Response: m.response}
	b.register(s)
	seen := map[string]bool{}
	for _, r := range t.Rows {
		if !usableName(r.Name) {
			b.warn(r.Line, "row at line %d has no usable parameter name (%q); ignored", r.Line, short(r.Name))
			continue
		}
		if seen[normField(r.Name)] {
			b.note(&s.Notes, r.Line, "the table of %s lists %s twice (or a name that makes the same Go name); the row at line %d is ignored", name, r.Name, r.Line)
			continue
		}
		seen[normField(r.Name)] = true
		fex := ex.get(r.Name)
		if r.Type == "" {
			if !b.lostType(r, fex) {
				continue
			}
		}
		f := b.buildField(r, fex, name, t.HasMandCol)
		if m.response {
			f.Required = false
		}
		if ref := refOf(&f.Type); ref != nil {
			if t := m.seeTable(r, *ref); t != nil {
				*ref = b.buildObject(m, t, *ref, childExample(fex)).Name
			} else {
				*ref = b.resolve(m, *ref, childExample(fex), r)
			}
		} else if free := freeObject(&f.Type); free != nil {
			if t := m.seeTable(r, ""); t != nil {
				name := t.Caption
				if !isObjectCaption(name) {
					name = camel(r.Name)
					f.Notes = append(f.Notes, sprintf("The page types %s as %q and points to table %s; the object is named %s here.", r.Name, r.Type, t.Num, name))
				}
				free.Ref = b.buildObject(m, t, name, childExample(fex)).Name
			}
		}
		s.Fields = append(s.Fields, f)
	}
	return b.dedupe(s)
}

// reWord splits a caption into words.
var reWord = regexp.MustCompile(`[A-Za-z0-9_]+`)

// reSeeTable finds a cross-reference to a numbered table in a description
// ("For details, see Table 4.", "具体请参见表2").
var reSeeTable = regexp.MustCompile(`(?:Table|表)\s*(\d+)`)

// seeTable returns the nested table a row's description points to, unless
// the mention is already matched by a caption of its own name.
func (m *matcher) seeTable(r *row, name string) *table {
	if _, ok := m.captioned[name]; ok && name != "" {
		return nil
	}
	for _, l := range r.Desc {
		for _, mm := range reSeeTable.FindAllStringSubmatch(l.S, -1) {
			if t := m.take(mm[1]); t != nil {
				return t
			}
		}
	}
	// "Table 4 Data structure of the nics field": a caption naming the
	// field.
	for _, c := range sortedKeys(m.captioned) {
		if !isObjectCaption(c) && slices.Contains(reWord.FindAllString(c, -1), r.Name) {
			t := m.captioned[c]
			delete(m.captioned, c)
			return t
		}
	}
	return nil
}

// take removes and returns the unused nested table with caption number n.
func (m *matcher) take(n string) *table {
	for _, c := range sortedKeys(m.captioned) {
		if t := m.captioned[c]; t.Num == n {
			delete(m.captioned, c)
			return t
		}
	}
	for i, t := range m.queue {
		if t.Num == n && t.Num != "" {
			m.queue = slices.Delete(m.queue, i, i+1)
			return t
		}
	}
	return nil
}

// freeObject returns the object type without a name inside a type ("Object",
// "Array of objects"), if any.
func freeObject(t *typeRef) *typeRef {
	switch {
	case t.Kind == "object" && t.Ref == "" && !t.Map:
		return t
	case t.Kind == "array" && t.Items != nil:
		return freeObject(t.Items)
	}
	return nil
}

// camel turns a field name into a schema name: product_infos ->
// ProductInfos.
func camel(s string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == '_' || r == '-' || r == '.' }) {
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	return b.String()
}

// refOf returns the named-object reference inside a type, if any.
func refOf(t *typeRef) *string {
	switch {
	case t.Kind == "object" && t.Ref != "":
		return &t.Ref
	case t.Items != nil:
		return refOf(t.Items)
	}
	return nil
}

// childExample returns the object an example gives for a nested type: the
// value itself, or the first object of an array.
func childExample(v *jv) *jv {
	if v == nil {
		return nil
	}
	if v.Kind == "array" {
		for _, e := range v.Arr {
			if e.Kind == "object" {
				return e
			}
		}
		return nil
	}
	return v
}

// resolve finds the table for a mention of object x and builds it.
func (b *builder) resolve(m *matcher, x string, ex *jv, r *row) string {
	if t, ok := m.captioned[x]; ok {
		delete(m.captioned, x)
		return b.buildObject(m, t, x, ex).Name
	}
	if c := m.similarCaption(x); c != "" {
		t := m.captioned[c]
		delete(m.captioned, c)
		s := b.buildObject(m, t, x, ex)
		b.note(&s.Notes, t.Line, "no table is captioned %s; the table captioned %q (line %d) is taken for it, the names being alike", x, c, t.Line)
		return s.Name
	}
	if len(m.queue) > 0 {
		t := m.queue[0]
		switch {
		case ex == nil || ex.Kind != "object" || len(ex.Keys) == 0:
			m.queue = m.queue[1:]
			_, known := b.byName[x]
			s := b.buildObject(m, t, x, ex)
			if !known {
				b.note(&s.Notes, t.Line, "uncaptioned table at line %d taken as %s by position (depth-first order of the object mentions); no example confirms it", t.Line, x)
			}
			return s.Name
		case covers(t, ex):
			m.queue = m.queue[1:]
			s := b.buildObject(m, t, x, ex)
			s.Notes = append(s.Notes, sprintf("Uncaptioned table at page line %d matched to %s by position and confirmed by the example's fields.", t.Line, x))
			return s.Name
		}
		b.warn(r.Line, "next uncaptioned table (line %d) lacks fields the example gives for %s (%s); not matched", t.Line, x, strings.Join(ex.Keys, ", "))
	}
	if s, ok := b.byName[x]; ok {
		b.note(&s.Notes, r.Line, "no table for %s at line %d; the %s defined earlier on the page is assumed", x, r.Line, x)
		return s.Name
	}
	return b.tableless(x, ex, r)
}

// similarCaption returns the one unused object caption that contains x or
// is contained in it, ignoring case (ResourceTag, ResourceTagInfo).
func (m *matcher) similarCaption(x string) string {
	var found []string
	lx := strings.ToLower(x)
	for _, c := range sortedKeys(m.captioned) {
		lc := strings.ToLower(c)
		if isObjectCaption(c) && (strings.Contains(lc, lx) || strings.Contains(lx, lc)) {
			found = append(found, c)
		}
	}
	if len(found) == 1 {
		return found[0]
	}
	return ""
}

// covers tells whether a table has every field the example gives.
func covers(t *table, ex *jv) bool {
	names := map[string]bool{}
	for _, r := range t.Rows {
		names[r.Name] = true
	}
	for _, k := range ex.Keys {
		if !names[k] {
			return false
		}
	}
	return true
}

// tableless builds a mentioned object that has no table, from the example
// when it has one.
func (b *builder) tableless(x string, ex *jv, r *row) string {
	s := &schema{Name: x, Line: r.Line}
	b.register(s)
	if ex == nil || ex.Kind != "object" || len(ex.Keys) == 0 {
		b.note(&s.Notes, r.Line, "%s is mentioned but the page has no table for it and no example; left as a free-form object", x)
		return x
	}
	for _, k := range ex.Keys {
		v := ex.Obj[k]
		f := &field{Name: k, Line: r.Line, Type: typeRef{Kind: jsonKind(v)}, Example: scalarOnly(v)}
		s.Fields = append(s.Fields, f)
	}
	b.note(&s.Notes, r.Line, "%s is mentioned but the page has no table for it; its fields (%s) are taken from the example, typed from their values and optional", x, strings.Join(ex.Keys, ", "))
	return x
}

func jsonKind(v *jv) string {
	switch v.Kind {
	case "number":
		if strings.ContainsAny(v.Str, ".eE") {
			return "number"
		}
		return "integer"
	case "bool":
		return "boolean"
	case "null", "array":
		return "string"
	}
	return v.Kind
}

// register adds a schema under its name.
func (b *builder) register(s *schema) {
	if _, dup := b.byName[s.Name]; dup {
		base := s.Name
		for i := 2; ; i++ {
			s.Name = sprintf("%s%d", base, i)
			if _, dup := b.byName[s.Name]; !dup {
				break
			}
		}
		s.Notes = append(s.Notes, sprintf("Renamed from %s, which another table already defines differently.", base))
	}
	b.byName[s.Name] = s
	b.schemas = append(b.schemas, s)
}

// dedupe drops a schema that was renamed only to find it equal to the one
// it was renamed from (the same object printed twice).
func (b *builder) dedupe(s *schema) *schema {
	for _, o := range b.schemas {
		if o == s || !strings.HasPrefix(s.Name, o.Name) || signature(o) != signature(s) {
			continue
		}
		if strings.TrimLeft(strings.TrimPrefix(s.Name, o.Name), "0123456789") == "" {
			b.drop(s)
			return o
		}
	}
	for _, o := range b.schemas {
		if o != s && strings.HasPrefix(s.Name, o.Name) && strings.TrimLeft(strings.TrimPrefix(s.Name, o.Name), "0123456789") == "" {
			b.warn(s.Line, "table for %s differs from the earlier table of that name; kept as %s", o.Name, s.Name)
		}
	}
	return s
}

func (b *builder) drop(s *schema) {
	delete(b.byName, s.Name)
	b.schemas = slices.DeleteFunc(b.schemas, func(o *schema) bool { return o == s })
}

// signature renders the facts of a schema for comparison.
func signature(s *schema) string {
	var sb strings.Builder
	for _, f := range s.Fields {
		sb.WriteString(sprintf("%s|%v|%s|%s|%s|%v;", f.Name, f.Required, typeText(f.Type), f.Unknown, strings.Join(f.Enum, ","), rangeText(f)))
	}
	return sb.String()
}

func typeText(t typeRef) string {
	s := t.Kind + "/" + t.Format + "/" + t.Ref
	if t.Items != nil {
		s += "[" + typeText(*t.Items) + "]"
	}
	return s
}

func rangeText(f *field) string {
	var parts []string
	if f.F.Min != nil {
		parts = append(parts, fmtNum(*f.F.Min))
	}
	if f.F.Max != nil {
		parts = append(parts, fmtNum(*f.F.Max))
	}
	if f.F.MinLen != nil {
		parts = append(parts, sprintf("l%d", *f.F.MinLen))
	}
	if f.F.MaxLen != nil {
		parts = append(parts, sprintf("L%d", *f.F.MaxLen))
	}
	return strings.Join(parts, ",")
}

// lostType settles the type of a row whose type cell the capture lost:
// from the page's example (an object or a list of objects is matched to
// the next nested table like any "X object"), else left for the official
// SDK (with --sdk) or untyped. It returns false when the row is better
// dropped: no description either (a truncated table).
func (b *builder) lostType(r *row, ex *jv) bool {
	switch {
	case ex != nil && ex.Kind == "object":
		r.Type = camel(r.Name) + " object"
	case ex != nil && ex.Kind == "array" && len(ex.Arr) > 0 && ex.Arr[0].Kind == "object":
		r.Type = "Array of " + camel(r.Name) + " objects"
	case ex != nil && ex.Kind != "null":
		r.Type = map[string]string{"integer": "Integer", "number": "Number", "boolean": "Boolean", "string": "String"}[jsonKind(ex)]
		if ex.Kind == "array" {
			r.Type = "Array"
		}
	case len(r.Desc) == 0 && b.sdk == nil:
		return false
	default:
		r.Type = "?"
		return true
	}
	r.TypeLine = r.Line
	b.warn(r.Line, "row %q has no type cell; typed %s from the page's example", r.Name, r.Type)
	return true
}

// usableName tells whether a row's name can name a property: it has a
// letter and looks like a parameter name.
func usableName(n string) bool {
	return strings.ContainsFunc(n, func(r rune) bool { return r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') }) && isFieldName(n) && !strings.HasSuffix(n, ".")
}
