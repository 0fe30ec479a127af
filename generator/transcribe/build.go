package transcribe

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// field is one property or parameter of the spec being built.
type field struct {
	Name     string
	Line     int
	In       string // path, query, header for parameters; "" for properties
	Required bool
	Type     typeRef
	Unknown  string // the type cell when it could not be read
	F        facts
	Format   string // format override (password)
	Enum     []string
	Varnames []string
	Labels   []string
	Default  *jv
	Example  *jv
	Notes    []string
	// ReqFrom says what decided Required: "page" (the mandatory cell),
	// "sample" (the page's SDK sample), "default" (nothing: optional) or
	// "sdk" (the official SDK's source).
	ReqFrom string
	// Nullable is set when the page's example sends null for the field.
	Nullable bool
	// Lost is set when the capture dropped the field's list (values or
	// ranges): its description cell ends on a lone "|".
	Lost bool
}

// schema is one named component schema.
type schema struct {
	Name     string
	Line     int
	Desc     string
	Fields   []*field
	Nullable bool
	Notes    []string
	Response bool // a response body or an object reached from one
}

// response is one documented status.
type response struct {
	Status  string
	Desc    string
	Schema  string
	Example *jv
	// ExampleBad is set when the example contradicts the table.
	ExampleBad bool
	Line       int
}

// builder holds the spec while it is built.
type builder struct {
	opts   Options
	d      *doc
	ev     sdkEvidence
	sdk    *SDKOp // the official SDK's operation, with --sdk
	warn   func(int, string, ...any)
	opID   string
	params []*field
	body   string
	bodyEx *jv
	// bodyExBad is set when the request example contradicts the tables;
	// bad counts such contradictions.
	bodyExBad bool
	bad       int
	schemas   []*schema
	byName    map[string]*schema
	resps     []*response
	opNotes   []string
	info      []string
	tokenLen  string // the page's X-Auth-Token length, for the scheme
}

// note records a decision: a warning on the page and a note in the spec.
func (b *builder) note(notes *[]string, line int, format string, args ...any) {
	b.warn(line, format, args...)
	*notes = append(*notes, sprintf(format, args...))
}

// group is the tables of the request or of one response status.
type group struct {
	root   *table
	nested []*table // in page order
}

// classify sorts the tables into parameters, the request group and one
// group per response status.
func (b *builder) classify() (params []*table, req *group, resps map[string]*group, order []string) {
	req = &group{}
	resps = map[string]*group{}
	for _, t := range b.d.Tables {
		c := strings.ToLower(t.Caption)
		switch {
		case t.Sec == secURI || strings.Contains(c, "path") || strings.Contains(c, "路径") || strings.Contains(c, "query") || strings.Contains(c, "查询"):
			params = append(params, t)
		case t.Sec == secRequest && (strings.Contains(c, "header") || t.Caption == "" && req.root == nil && looksLikeHeaders(t)):
			params = append(params, t)
		case t.Sec == secRequest:
			if req.root == nil && !isObjectCaption(t.Caption) {
				req.root = t
			} else {
				req.nested = append(req.nested, t)
			}
		case t.Sec == secResponse:
			if t.Status == "" {
				t.Status = "200"
				if !slices.Contains(order, "200") {
					b.note(&b.opNotes, t.Line, "the response table at line %d has no status line; status 200 is assumed", t.Line)
				}
			}
			g := resps[t.Status]
			if g == nil {
				g = &group{}
				resps[t.Status] = g
				order = append(order, t.Status)
			}
			if strings.Contains(c, "header") {
				b.warn(t.Line, "response header table %q is not transcribed", t.Caption)
				continue
			}
			if g.root == nil && !isObjectCaption(t.Caption) {
				g.root = t
			} else {
				g.nested = append(g.nested, t)
			}
		default:
			b.warn(t.Line, "table %q is outside the URI, request and response sections; ignored", t.Caption)
		}
	}
	return params, req, resps, order
}

// isObjectCaption tells a caption that names an object (ProductInfo)
// from one that describes a table ("Request body parameters", "请求参数",
// "Data structure of the nics field").
func isObjectCaption(c string) bool {
	return c != "" && reIdent.MatchString(c)
}

var reIdent = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// looksLikeHeaders tells an uncaptioned header-parameter table by its
// names: one of them is X-Auth-Token, Content-Type or another X- header.
func looksLikeHeaders(t *table) bool {
	for _, r := range t.Rows {
		n := strings.ToLower(r.Name)
		if n == "content-type" || n == "authorization" || strings.HasPrefix(n, "x-") {
			return true
		}
	}
	return false
}

// paramKind names where a parameter table's rows go.
func paramKind(t *table, path string) string {
	c := strings.ToLower(t.Caption)
	switch {
	case strings.Contains(c, "path") || strings.Contains(c, "路径"):
		return "path"
	case strings.Contains(c, "query") || strings.Contains(c, "查询"):
		return "query"
	case strings.Contains(c, "header"):
		return "header"
	case t.Sec == secRequest:
		return "header"
	}
	for _, r := range t.Rows {
		if !strings.Contains(path, "{"+r.Name+"}") {
			return "query"
		}
	}
	return "path"
}

// buildParams turns the parameter tables into parameters.
func (b *builder) buildParams(tables []*table) {
	seen := map[string]bool{}
	for _, t := range tables {
		in := paramKind(t, b.d.Path)
		for _, r := range t.Rows {
			if r.Type == "" {
				continue // reported as truncated when scanned
			}
			if !usableName(r.Name) || seen[normField(r.Name)] {
				b.warn(r.Line, "parameter row at line %d has no usable or a repeated name (%q); ignored", r.Line, short(r.Name))
				continue
			}
			if in == "header" && strings.EqualFold(r.Name, "X-Auth-Token") {
				b.note(&b.opNotes, r.Line, "X-Auth-Token is the \"token\" security scheme (AK/SK signing is the alternative), not a header parameter")
				if f := b.buildField(r, nil, "", false); f.F.MaxLen != nil {
					b.tokenLen = sprintf(" The page allows %d-%d characters.", deref(f.F.MinLen), *f.F.MaxLen)
				}
				continue
			}
			f := b.buildField(r, nil, "", t.HasMandCol)
			f.In = in
			switch inPath := strings.Contains(b.d.Path, "{"+r.Name+"}"); {
			case inPath && in != "path":
				f.In = "path"
				b.note(&f.Notes, r.Line, "%s is in the path template but listed in a %s table; taken as a path parameter", r.Name, in)
			case !inPath && in == "path":
				f.In = "query"
				b.note(&f.Notes, r.Line, "%s is listed as a path parameter but is not in the path template; taken as a query parameter", r.Name)
			}
			if f.In == "path" && (f.Unknown != "" || f.Type.Kind == "array" || f.Type.Kind == "object") {
				b.note(&f.Notes, r.Line, "path parameter %s is typed %q on the page; a path segment is taken as a string", r.Name, r.Type)
				f.Type, f.Unknown = typeRef{Kind: "string"}, ""
			}
			if refOf(&f.Type) != nil || freeObject(&f.Type) != nil || f.Type.Map {
				b.note(&f.Notes, r.Line, "%s parameter %s is typed %q on the page; a parameter carries no object, so it is taken as a string", f.In, r.Name, r.Type)
				f.Type = typeRef{Kind: "string"}
			}
			in := f.In
			if in == "header" && strings.EqualFold(r.Name, "Content-Type") {
				b.note(&f.Notes, r.Line, "Content-Type kept as a header parameter as the page lists it; OpenAPI 3.0.3 tools ignore a header parameter with this name, the body's media type is what counts")
			}
			if in == "path" {
				if !f.Required && r.Mand != "" {
					b.note(&f.Notes, r.Line, "path parameter %s is marked optional on the page; path parameters are always required", r.Name)
				}
				f.Required = true
			} else if r.Mand == "" && t.HasMandCol && b.sdk != nil {
				f.ReqFrom = "blank"
			} else if r.Mand == "" && t.HasMandCol {
				b.note(&f.Notes, r.Line, "mandatory column is blank for %s parameter %s and no SDK sample sets it; taken as optional", in, r.Name)
			}
			seen[normField(r.Name)] = true
			b.params = append(b.params, f)
		}
	}
	for _, seg := range strings.Split(b.d.Path, "/") {
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			name := seg[1 : len(seg)-1]
			if !seen[normField(name)] {
				f := &field{Name: name, In: "path", Required: true, Type: typeRef{Kind: "string"}, Line: b.d.URILine}
				b.note(&f.Notes, b.d.URILine, "path parameter %s has no row in any table; typed as string", name)
				b.params = append(b.params, f)
			}
		}
	}
}

// buildField reads one row into a field. owner is the schema the row is
// in (nil for parameters); ex is the example value of the row, if any.
func (b *builder) buildField(r *row, ex *jv, owner string, mandCol bool) *field {
	f := &field{Name: r.Name, Line: r.Line, Example: scalarOnly(ex)}
	t, ok := parseType(r.Type)
	if !ok {
		f.Unknown = r.Type
		if r.Type == "?" {
			b.note(&f.Notes, r.Line, "the type cell of %s was lost and no example shows the value; typed %s so that the spec loads (the generator needs a type), check the published page", r.Name, unknownKind(r.Type))
		} else {
			b.note(&f.Notes, r.TypeLine, "unknown type %q for %s; typed %s so that the spec loads (the generator needs a type), check the published page", r.Type, r.Name, unknownKind(r.Type))
		}
	}
	f.Type = t
	fieldNote := func(line int, format string, args ...any) { b.note(&f.Notes, line, format, args...) }
	desc := r.Desc
	if rg := strings.TrimSpace(r.Range); rg != "" && rg != "-" {
		// The value-range column reads like a 取值范围 part.
		desc = append(slices.Clone(desc), line{N: r.Line, S: "** Value range**: " + rg})
	}
	f.F = readFacts(desc, t, b.warn)
	if r.NoTypeCol {
		fieldNote(r.Line, "the table has no type column; %s is taken as a string", r.Name)
	}
	f.Notes = append(f.Notes, f.F.Notes...)
	if r.LostList {
		f.Lost = true
		fieldNote(r.Line, "the description cell of %s ends on a line of its own: the capture may have dropped a list (values or ranges); check the published page", r.Name)
	}
	f.ReqFrom = "page"
	switch {
	case mandatoryYes[r.Mand]:
		f.Required = true
	case mandatoryNo[r.Mand]:
	case mandCol && r.Mand == "" && proseRequired(r) != "":
		f.Required = proseRequired(r) == "required"
		f.ReqFrom = "prose"
		b.note(&f.Notes, r.Line, "mandatory column is blank for %s; %s because its description says so", r.Name, proseRequired(r))
	case owner != "" && mandCol:
		f.Required = b.sdkRequired(owner, f, r)
	default:
		f.ReqFrom = "default"
	}
	if t.Kind == "array" && t.Items == nil {
		b.arrayItems(f, ex, r)
	}
	b.enum(f, r, fieldNote)
	b.only(f, r, fieldNote)
	if f.F.HasDefault {
		if v, ok := typedValue(f.F.Default, f.Type); ok {
			f.Default = v
		} else {
			fieldNote(r.Line, "default %q of %s does not fit its type; dropped", f.F.Default, r.Name)
		}
	}
	if t.Kind == "string" && strings.Contains(strings.ToLower(r.Name), "password") {
		f.Format = "password"
		f.Notes = append(f.Notes, "format password: the field carries a password (redacted when printed).")
	}
	return f
}

// sdkRequired decides requiredness for a blank mandatory cell from the
// page's SDK sample code.
func (b *builder) sdkRequired(owner string, f *field, r *row) bool {
	if sf, ok := b.ev.Fields[owner][normField(r.Name)]; ok {
		if sf.Pointer {
			f.ReqFrom = "sample"
			f.Notes = append(f.Notes, sprintf("Mandatory column blank; optional because the page's Go SDK sample (line %d) passes it by address (a pointer field).", sf.Line))
			b.warn(r.Line, "mandatory column is blank for %s; optional per the SDK sample at line %d (pointer)", r.Name, sf.Line)
			return false
		}
		f.ReqFrom = "sample"
		f.Notes = append(f.Notes, sprintf("Mandatory column blank; required because the page's Go SDK sample (line %d) sets it by value.", sf.Line))
		b.warn(r.Line, "mandatory column is blank for %s; required per the SDK sample at line %d (value)", r.Name, sf.Line)
		return true
	}
	f.ReqFrom = "default"
	if b.sdk != nil {
		f.ReqFrom = "blank" // decided from the SDK's source in reconcile
		return false
	}
	b.note(&f.Notes, r.Line, "mandatory column is blank for %s and no SDK sample sets it; taken as optional", r.Name)
	return false
}

// enum turns the documented value list into an enum of the field's type.
func (b *builder) enum(f *field, r *row, note func(int, string, ...any)) {
	if len(f.F.Enum) == 0 {
		return
	}
	if f.Type.Kind == "boolean" {
		return
	}
	var uniq []enumItem
	for _, it := range f.F.Enum {
		if slices.ContainsFunc(uniq, func(u enumItem) bool { return u.Value == it.Value }) {
			note(r.Line, "value %q is listed twice for %s; kept once", it.Value, r.Name)
			continue
		}
		uniq = append(uniq, it)
	}
	f.F.Enum = uniq
	for _, it := range f.F.Enum {
		if f.Type.Kind == "integer" {
			if _, err := strconv.ParseInt(it.Value, 10, 64); err != nil {
				note(r.Line, "value %q listed for integer %s is not an integer; no enum", it.Value, r.Name)
				f.Enum, f.Varnames, f.Labels = nil, nil, nil
				return
			}
		}
		f.Enum = append(f.Enum, it.Value)
		f.Labels = append(f.Labels, it.Label)
	}
	if !slices.ContainsFunc(f.Labels, func(l string) bool { return l != "" }) {
		f.Labels = nil
	}
	f.Varnames = varNames(f.F.Enum, f.Type.Kind == "string")
}

// only reads "only X is supported" into a one-value enum or range.
func (b *builder) only(f *field, r *row, note func(int, string, ...any)) {
	if f.F.Only == "" || len(f.Enum) > 0 {
		return
	}
	v := f.F.Only
	if v == "one" {
		v = "1"
	}
	switch f.Type.Kind {
	case "integer", "number":
		n, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return
		}
		if f.F.Min == nil {
			f.F.Min = &n
		}
		f.F.Max = &n
		note(r.Line, "the page allows only %s for %s; enforced as maximum %s", f.F.Only, r.Name, v)
	case "string":
		if _, err := strconv.Atoi(v); err == nil {
			return
		}
		f.Enum, f.Varnames = []string{v}, []string{identOf(v)}
		note(r.Line, "the page allows only %s for %s; enforced as a one-value enum", v, r.Name)
	}
}

func deref(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

// typedValue converts a text to a JSON value of the type.
func typedValue(s string, t typeRef) (*jv, bool) {
	s = strings.Trim(strings.TrimSpace(s), "\"'“”")
	switch t.Kind {
	case "boolean":
		switch strings.ToLower(s) {
		case "true":
			return &jv{Kind: "bool", Bool: true}, true
		case "false":
			return &jv{Kind: "bool", Bool: false}, true
		}
		return nil, false
	case "integer":
		if _, err := strconv.ParseInt(s, 10, 64); err != nil {
			return nil, false
		}
		return &jv{Kind: "number", Str: s}, true
	case "number":
		if _, err := strconv.ParseFloat(s, 64); err != nil {
			return nil, false
		}
		return &jv{Kind: "number", Str: s}, true
	case "string":
		return &jv{Kind: "string", Str: s}, true
	}
	return nil, false
}

// scalarOnly keeps an example value for a property only when it is a
// scalar.
func scalarOnly(v *jv) *jv {
	if v == nil || v.Kind == "object" || v.Kind == "array" || v.Kind == "null" {
		return nil
	}
	return v
}

var (
	reProseReq = regexp.MustCompile(`(?i)(?:^|[。.;；]\s*)(?:必选|必填|必传)(?:参数|字段|项)?\s*(?:[。.,，;；]|$)|(?:此|该|本)(?:参数|字段)(?:为|是)?必(?:选|填|传)|\bthis (?:parameter|field) is (?:mandatory|required)\b|^(?:mandatory|required)\.`)
	reProseOpt = regexp.MustCompile(`(?i)(?:^|[。.;；]\s*)(?:可选|非必选|非必填)(?:参数|字段|项)?\s*(?:[。.,，;；]|$)|(?:此|该|本)(?:参数|字段)(?:为|是)?(?:可选|非必选|非必填)|\bthis (?:parameter|field) is optional\b|^optional\.`)
)

// proseRequired reads requiredness stated in a description ("必选",
// "This parameter is mandatory.", "可选"), unless it is conditional.
func proseRequired(r *row) string {
	for _, l := range r.Desc {
		s := strings.TrimSpace(l.S)
		if reConditional.MatchString(s) {
			return ""
		}
		switch {
		case reProseReq.MatchString(s):
			return "required"
		case reProseOpt.MatchString(s):
			return "optional"
		}
	}
	return ""
}
