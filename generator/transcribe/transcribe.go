package transcribe

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Options steer a transcription.
type Options struct {
	// Service is the short service name (dsc, hss): info.x-service, the
	// server host label and the prefix of the error schema's name. When
	// empty it is taken from the Go SDK sample's import path
	// (services/NAME/vN); a page without one is an error.
	Service string
	// OperationID overrides the operationId; without it the page's own
	// name (title suffix " - Name" or SDK sample call) is used.
	OperationID string
	// Host overrides the server host label (default: Service).
	Host string
	// SDKDir is a services/SVC/VER directory of the official Go SDK's
	// source (github.com/huaweicloud/huaweicloud-sdk-go-v3). When set, the
	// SDK is a second source: it names the operation and the body, settles
	// blank mandatory cells, types bare arrays and fills value lists the
	// page lacks; every disagreement with the page is a warning and a note.
	SDKDir string
}

// Warning is something the transcriber could not place or had to decide;
// each also appears as an x-doc-note in the spec.
type Warning struct {
	Line int
	Msg  string
}

// Format renders w as "PAGE:LINE: warning: msg".
func (w Warning) Format(page string) string {
	return fmt.Sprintf("%s:%d: warning: %s", page, w.Line, w.Msg)
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// Transcribe turns the text of one API reference page into an OpenAPI
// 3.0.3 YAML spec. name is the page's file name, used in x-doc-source.
// The warnings are sorted by line.
func Transcribe(name string, page []byte, opts Options) ([]byte, []Warning, error) {
	var warnings []Warning
	uriLine := 1
	warn := func(line int, format string, args ...any) {
		if line <= 0 {
			line = uriLine // a decision about the page as a whole
		}
		warnings = append(warnings, Warning{Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	lines := splitLines(page)
	d := scan(lines, warn)
	uriLine = max(d.URILine, 1)
	if d.Method == "" {
		return nil, nil, fmt.Errorf("%s: no \"METHOD /path\" line after a URI heading: not an API reference page", name)
	}
	b := &builder{opts: opts, d: d, warn: warn, byName: map[string]*schema{}, ev: readSDK(d.SDK)}
	if opts.SDKDir != "" {
		op, err := ReadSDK(opts.SDKDir, d.Method, d.Path)
		switch {
		case err != nil && op == nil && !strings.Contains(err.Error(), "no operation for"):
			return nil, nil, err
		case err != nil:
			b.note(&b.opNotes, d.URILine, "the official SDK (%s) has no operation for %s %s; the page alone decides", opts.SDKDir, d.Method, d.Path)
		default:
			b.sdk = op
		}
	}
	if b.opts.Service == "" {
		if b.ev.Service == "" {
			return nil, nil, fmt.Errorf("%s: the page does not tell the service (no Go SDK sample); pass --service", name)
		}
		b.opts.Service = b.ev.Service
		b.info = append(b.info, sprintf("Service %s is taken from the SDK sample's import path.", b.ev.Service))
	}
	b.build(filepath.Base(name))
	out, err := b.emit(filepath.Base(name))
	if err != nil {
		return nil, nil, err
	}
	sort.SliceStable(warnings, func(i, j int) bool { return warnings[i].Line < warnings[j].Line })
	warnings = slices.Compact(warnings)
	return out, warnings, nil
}

var reAlnum = regexp.MustCompile(`[A-Za-z0-9]+`)

var reTitleOp = regexp.MustCompile(`(?:\s+-\s*|[^\x00-\x7F]-)([A-Z][A-Za-z0-9]+)$`)

// build assembles the spec from the scanned page.
func (b *builder) build(name string) {
	d := b.d
	titleName := ""
	if m := reTitleOp.FindStringSubmatch(d.Title); m != nil {
		titleName = m[1]
	}
	switch {
	case b.opts.OperationID != "":
		b.opID = b.opts.OperationID
	case b.sdk != nil:
		b.sdkName(titleName)
	case reTitleOp.MatchString(d.Title):
		b.opID = reTitleOp.FindStringSubmatch(d.Title)[1]
	case b.ev.Operation != "":
		b.opID = b.ev.Operation
		b.opNotes = append(b.opNotes, sprintf("operationId %s is the SDK sample's call (client.%s).", b.opID, b.opID))
	default:
		b.opID = identCamel(d.Title)
		b.note(&b.opNotes, d.TitleLine, "the page names no operation (no \" - Name\" title, no SDK sample); operationId %s is made from the title; pass --operation-id to set the SDK's name", b.opID)
	}
	if d.Updated == "" {
		b.info = append(b.info, "The page prints no update date.")
	}
	params, req, resps, order := b.classify()
	b.buildParams(params)
	if b.sdk != nil {
		b.reconcileParams()
	}
	b.buildRequest(req)
	b.buildResponses(resps, order)
	b.blankLeft()
	b.consistent()
}

// identCamel makes an identifier from a title: "Buying a Yearly/Monthly
// Instance" -> BuyingAYearlyMonthlyInstance.
func identCamel(s string) string {
	var sb strings.Builder
	for _, w := range reAlnum.FindAllString(s, -1) {
		sb.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	if sb.Len() == 0 {
		return "CreateOrder"
	}
	return sb.String()
}

// firstExample returns the parsed example of a section and status.
func (b *builder) firstExample(sec section, status string) *jv {
	for _, e := range b.d.Examples {
		if e.Sec != sec || e.Status != status {
			continue
		}
		v, err := parseJSON(e.Raw)
		if err != nil {
			b.note(&b.opNotes, e.Line, "example at line %d is not valid JSON (%v); ignored", e.Line, err)
			return nil
		}
		return v
	}
	return nil
}

// buildRequest builds the request body.
func (b *builder) buildRequest(req *group) {
	if req.root == nil {
		for _, t := range req.nested {
			b.note(&b.info, t.Line, "table %q appears without a request body table; ignored", t.Caption)
		}
		return
	}
	b.bodyEx = b.firstExample(secExampleRequest, "")
	name := b.ev.Body
	if b.sdk != nil && b.sdk.Body != "" {
		if name != "" && name != b.sdk.Body {
			b.note(&b.info, max(b.ev.BodyLine, b.d.URILine), "the page's SDK sample names the body model.%s, the official SDK %s; the SDK's name is used", name, b.sdk.Body)
		}
		name = b.sdk.Body
		b.note(&b.info, req.root.Line, "the request body is named after the official SDK's model %s", name)
	}
	if name == "" {
		name = b.opID + "RequestBody"
		b.note(&b.info, req.root.Line, "the page does not name the request body (no SDK sample); it is called %s here, the official SDK's model name may differ", name)
	}
	s := b.buildGroup(req, name, b.bodyEx, false)
	if b.sdk != nil {
		b.reconcile(s, b.sdk.Model(b.sdk.Body), map[string]bool{})
	}
	if b.ev.Body != "" && b.ev.Body == s.Name {
		s.Notes = append(s.Notes, sprintf("Named after the SDK sample's body model (model.%s, page line %d).", b.ev.Body, b.ev.BodyLine))
	}
	b.body = s.Name
	first := true
	for _, e := range b.d.Examples {
		if e.Sec != secExampleRequest {
			continue
		}
		bad := b.bad
		if v, err := parseJSON(e.Raw); err == nil {
			b.checkExample(s, v, "", e.Line)
		}
		if first && b.bad > bad && b.bodyEx != nil {
			b.bodyExBad = true
			b.opNotes = append(b.opNotes, "The page's request example contradicts its tables, so it is kept as x-doc-page-example rather than as the example.")
		}
		first = false
	}
}

func (b *builder) exampleLine(sec section, status string) int {
	for _, e := range b.d.Examples {
		if e.Sec == sec && e.Status == status {
			return e.Line
		}
	}
	return 0
}

// buildResponses builds one response per documented status.
func (b *builder) buildResponses(groups map[string]*group, order []string) {
	descs := map[string]statusEntry{}
	for _, e := range b.d.Statuses {
		descs[e.Code] = e
	}
	codes := slices.Clone(order)
	for _, e := range b.d.Statuses {
		if !slices.Contains(codes, e.Code) {
			codes = append(codes, e.Code)
		}
	}
	for _, e := range b.d.Examples {
		if e.Sec == secExampleResponse && e.Status != "" && !slices.Contains(codes, e.Status) {
			codes = append(codes, e.Status)
			b.warn(e.Line, "example for status %s, which has no table and is not in the status-code table", e.Status)
		}
	}
	slices.Sort(codes)
	var errSchema *schema
	for _, code := range codes {
		r := &response{Status: code, Desc: descs[code].Desc, Line: descs[code].Line}
		if r.Desc == "" {
			r.Desc = "Status " + code + "."
		}
		r.Example = b.firstExample(secExampleResponse, code)
		if g := groups[code]; g != nil && g.root != nil {
			if code < "300" {
				s := b.buildGroup(g, b.opID+"Response", r.Example, true)
				s.Notes = append(s.Notes, "No field is required: response tables have no mandatory column.")
				r.Schema = s.Name
			} else {
				r.Schema, errSchema = b.errorSchema(g, code, r.Example, errSchema)
			}
			if r.Example != nil {
				bad := b.bad
				b.checkExample(b.byName[r.Schema], r.Example, "", b.exampleLine(secExampleResponse, code))
				if b.bad > bad {
					r.ExampleBad = true
					b.opNotes = append(b.opNotes, sprintf("The page's example for status %s contradicts its table, so it is kept as x-doc-page-example.", code))
				}
			}
		} else if r.Example != nil {
			b.note(&b.opNotes, b.exampleLine(secExampleResponse, code), "status %s has an example but no body table; the example is kept without a schema", code)
		}
		b.resps = append(b.resps, r)
	}
	if len(codes) == 0 {
		b.note(&b.opNotes, b.d.URILine, "the page documents no response status; a bare 200 response stands in (OpenAPI and the generator need a success response)")
		b.resps = append(b.resps, &response{Status: "200", Desc: "Not documented on the page."})
	}
}

// errorSchema builds an error body, sharing one schema among statuses
// whose tables are the same.
func (b *builder) errorSchema(g *group, code string, ex *jv, prev *schema) (string, *schema) {
	svc := strings.ToUpper(b.opts.Service[:1]) + b.opts.Service[1:]
	name := svc + "ErrorResponse"
	if prev == nil {
		s := b.buildGroup(g, name, ex, true)
		return s.Name, s
	}
	s := b.buildGroup(g, name+code, ex, true)
	return s.Name, prev
}

// checkExample compares an example with its schema: a missing mandatory
// field, an unknown field, a wrong type or a value outside the enum is a
// contradiction on the page.
func (b *builder) checkExample(s *schema, v *jv, path string, line int) {
	if s == nil || v == nil || v.Kind != "object" || len(s.Fields) == 0 {
		return
	}
	have := map[string]*field{}
	for _, f := range s.Fields {
		have[f.Name] = f
		if f.Required && v.get(f.Name) == nil {
			b.bad++
			b.note(&b.opNotes, line, "example at line %d omits %s%s, which the table marks mandatory", line, path, f.Name)
		}
	}
	for _, k := range v.Keys {
		f := have[k]
		if f == nil {
			b.note(&b.opNotes, line, "example at line %d has %s%s, which is not in the table of %s", line, path, k, s.Name)
			continue
		}
		b.checkValue(f, f.Type, v.Obj[k], path+k, line)
	}
}

// checkValue checks one example value against a field's type.
func (b *builder) checkValue(f *field, t typeRef, v *jv, path string, line int) {
	if v.Kind == "null" {
		if t.Kind == "object" && t.Ref != "" && b.byName[t.Ref] != nil {
			c := b.byName[t.Ref]
			if !c.Nullable {
				c.Nullable = true
				b.note(&c.Notes, line, "example at line %d sends null for %s; %s is made nullable", line, path, c.Name)
			}
			return
		}
		if !f.Nullable {
			f.Nullable = true
			b.note(&f.Notes, line, "example at line %d sends null for %s; %s is made nullable", line, path, f.Name)
		}
		return
	}
	if f.Unknown != "" {
		if k := unknownKind(f.Unknown); jsonKind(v) != k && !(v.Kind == "array" && k == "string") || v.Kind == "array" {
			b.bad++
			b.note(&b.opNotes, line, "example at line %d gives %s a value that does not fit the stand-in type %s of its unknown type", line, path, k)
		}
		return
	}
	want := t.Kind
	got := jsonKind(v)
	if v.Kind == "array" {
		got = "array"
	}
	ok := want == got || want == "number" && got == "integer" || want == "object" && got == "object"
	if !ok {
		b.bad++
		f.Example = nil
		b.note(&b.opNotes, line, "example at line %d gives %s a %s, but the table says %s", line, path, got, want)
		return
	}
	switch {
	case t.Kind == "array" && t.Items != nil:
		for i, e := range v.Arr {
			b.checkValue(f, *t.Items, e, sprintf("%s/%d", path, i), line)
		}
	case t.Kind == "object" && t.Ref != "":
		b.checkExample(b.byName[t.Ref], v, path+"/", line)
	case t.Items == nil && f.Type.Kind == t.Kind && outOfRange(f, v) != "":
		b.bad++
		f.Example = nil
		b.note(&b.opNotes, line, "example at line %d gives %s the value %s, %s", line, path, exampleText(v), outOfRange(f, v))
	case len(f.Enum) > 0 && t.Items == nil && f.Type.Kind == t.Kind:
		val := v.Str
		if v.Kind == "bool" {
			val = fmt.Sprint(v.Bool)
		}
		if !slices.Contains(f.Enum, val) {
			b.bad++
			f.Example = nil
			b.note(&b.opNotes, line, "example at line %d gives %s the value %s, which is not among the listed values (%s)", line, path, val, strings.Join(f.Enum, ", "))
		}
	}
}

// outOfRange says how a scalar example breaks the field's range or
// length, or returns "".
func outOfRange(f *field, v *jv) string {
	switch v.Kind {
	case "number":
		n, err := strconv.ParseFloat(v.Str, 64)
		if err != nil {
			return ""
		}
		if f.F.Min != nil && n < *f.F.Min {
			return "below the minimum " + fmtNum(*f.F.Min)
		}
		if f.F.Max != nil && n > *f.F.Max {
			return "above the maximum " + fmtNum(*f.F.Max)
		}
	case "string":
		n := utf8.RuneCountInString(v.Str)
		if f.F.MinLen != nil && n < *f.F.MinLen {
			return sprintf("shorter than the minimum length %d", *f.F.MinLen)
		}
		if f.F.MaxLen != nil && n > *f.F.MaxLen {
			return sprintf("longer than the maximum length %d", *f.F.MaxLen)
		}
	}
	return ""
}

func exampleText(v *jv) string {
	if v.Kind == "string" {
		return strconv.Quote(v.Str)
	}
	return v.Str
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// consistent drops a default that breaks its own field's value list or
// range (the list may have come from another source than the default), so
// the spec loads; each drop is a warning.
func (b *builder) consistent() {
	check := func(f *field) {
		if f.Default == nil {
			return
		}
		val := f.Default.Str
		if f.Default.Kind == "bool" {
			val = fmt.Sprint(f.Default.Bool)
		}
		switch {
		case len(f.Enum) > 0 && !slices.Contains(f.Enum, val):
			if i := slices.IndexFunc(f.Enum, func(e string) bool { return strings.EqualFold(e, val) }); i >= 0 && f.Type.Kind == "string" {
				b.note(&f.Notes, f.Line, "the default %q of %s differs in case from the listed value %q; the listed value is used", val, f.Name, f.Enum[i])
				f.Default = &jv{Kind: "string", Str: f.Enum[i]}
				return
			}
			b.note(&f.Notes, f.Line, "the default %q of %s is not among its values (%s); the default is dropped", val, f.Name, strings.Join(f.Enum, ", "))
			f.Default = nil
		case outOfRange(f, f.Default) != "":
			b.note(&f.Notes, f.Line, "the default %s of %s is %s; the default is dropped", val, f.Name, outOfRange(f, f.Default))
			f.Default = nil
		}
	}
	for _, s := range b.schemas {
		for _, f := range s.Fields {
			check(f)
		}
	}
	for _, f := range b.params {
		check(f)
	}
}
