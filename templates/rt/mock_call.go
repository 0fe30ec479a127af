package rt

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// mockCall is one call on its way through the mock. The generated handle
// functions read parameters and the body through it.
type mockCall struct {
	req      *http.Request
	op       *mockOperation
	pathVals []string // path parameter values in template order
	pathArr  [8]string
	query    url.Values // parsed on first use
	body     []byte
	input    any // the decoded body, nil until decoded
	orderID  string
}

// mockMalformed is a body that is not JSON at all.
type mockMalformed struct{ msg string }

func (e *mockMalformed) Error() string { return e.msg }

// route finds the operation for c's method and path. When only the method
// is wrong it returns nil and the methods allowed there.
func (m *MockServer) route(c *mockCall) (*mockOperation, string) {
	r := c.req
	var allow []string
	for _, op := range m.svc.operations {
		vals, ok := matchPath(op.segs, r.URL.Path, c.pathArr[:0])
		if !ok {
			continue
		}
		if op.method == r.Method {
			c.pathVals = vals
			return op, ""
		}
		allow = append(allow, op.method)
	}
	return nil, strings.Join(allow, ", ")
}

// matchPath matches path against a template split into segments, appending
// the values of the {parameters} to vals.
func matchPath(segs []string, path string, vals []string) ([]string, bool) {
	if !strings.HasPrefix(path, "/") {
		return nil, false
	}
	rest := path[1:]
	for i, seg := range segs {
		part, tail, more := strings.Cut(rest, "/")
		if more != (i < len(segs)-1) {
			return nil, false
		}
		if len(seg) > 1 && seg[0] == '{' && seg[len(seg)-1] == '}' {
			if part == "" {
				return nil, false
			}
			vals = append(vals, part)
		} else if part != seg {
			return nil, false
		}
		rest = tail
	}
	return vals, true
}

// pathValue returns the i-th path parameter.
func (c *mockCall) pathValue(i int) string {
	if i < len(c.pathVals) {
		return c.pathVals[i]
	}
	return ""
}

// queryValue returns the first value of query parameter name.
func (c *mockCall) queryValue(name string) (string, bool) {
	if c.req.URL.RawQuery == "" {
		return "", false
	}
	if c.query == nil {
		c.query = c.req.URL.Query()
	}
	v, ok := c.query[name]
	if !ok || len(v) == 0 {
		return "", false
	}
	return v[0], true
}

// queryValues returns every value of query parameter name (k=a&k=b).
func (c *mockCall) queryValues(name string) ([]string, bool) {
	if c.req.URL.RawQuery == "" {
		return nil, false
	}
	if c.query == nil {
		c.query = c.req.URL.Query()
	}
	v, ok := c.query[name]
	return v, ok && len(v) > 0
}

// headerValues returns the comma-separated items of header name (canonical
// form), over all its lines.
func (c *mockCall) headerValues(name string) ([]string, bool) {
	lines, ok := c.req.Header[name]
	if !ok || len(lines) == 0 {
		return nil, false
	}
	var out []string
	for _, l := range lines {
		out = append(out, mockSplit(l)...)
	}
	return out, true
}

// pathValues returns the comma-separated items of the i-th path
// parameter.
func (c *mockCall) pathValues(i int) ([]string, bool) {
	return mockSplit(c.pathValue(i)), true
}

// mockSplit splits a comma-separated list, trimming spaces.
func mockSplit(s string) []string {
	parts := strings.Split(s, ",")
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
	}
	return parts
}

// headerValue returns header name, which must be in canonical form.
func (c *mockCall) headerValue(name string) (string, bool) {
	v, ok := c.req.Header[name]
	if !ok || len(v) == 0 {
		return "", false
	}
	return v[0], true
}

// decode decodes the body into v (a pointer to the generated body type)
// and maps the decoder's errors to violations.
func (c *mockCall) decode(v any, required bool) error {
	body := bytes.TrimSpace(c.body)
	if len(body) == 0 || string(body) == "null" {
		if !required {
			return nil
		}
		return &ValidationError{Violations: []Violation{{In: "body", Rule: "required", Message: "the request body is missing"}}}
	}
	c.input = v
	// Through json.Unmarshal, which checks the syntax before the generated
	// UnmarshalJSON sees the body: that code may assume valid JSON.
	err := json.Unmarshal(body, v)
	if err == nil {
		return nil
	}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	var ve *ValidationError
	switch {
	case errors.As(err, &se):
		c.input = nil
		return &mockMalformed{msg: "malformed JSON: " + se.Error() + " (at byte " + strconv.FormatInt(se.Offset, 10) + ")"}
	case errors.As(err, &te):
		return &ValidationError{Violations: []Violation{{
			In: "body", Pointer: typeErrorPointer(body, te), Rule: "type",
			Message: "must be " + jsonKindOf(te.Type.Kind().String()) + ", not " + te.Value,
		}}}
	case errors.As(err, &ve):
		return ve
	}
	return &mockMalformed{msg: "invalid request body: " + err.Error()}
}

// typeErrorPointer locates the value a type error is about. encoding/json
// names it by its member names only ("product_infos.resource_size"), and
// its offset is relative to the innermost UnmarshalJSON, so the value is
// found again, with array indices, by walking the tokens: the first value
// of the error's JSON kind at the named members (or below them: map keys are
// not named). Failing that, the names alone are used.
func typeErrorPointer(body []byte, te *json.UnmarshalTypeError) string {
	byName := fieldPointer(te.Field)
	type frame struct {
		obj bool
		key string
		idx int
	}
	var stack []frame
	path := func() (string, string) {
		var p, names strings.Builder
		for _, f := range stack {
			p.WriteByte('/')
			if f.obj {
				p.WriteString(escapePointer(f.key))
				names.WriteByte('/')
				names.WriteString(escapePointer(f.key))
			} else {
				p.WriteString(strconv.Itoa(f.idx))
			}
		}
		return p.String(), names.String()
	}
	below := ""
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	wantKey := false
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		if d, isDelim := tok.(json.Delim); isDelim && (d == '}' || d == ']') {
			stack = stack[:len(stack)-1]
			wantKey = len(stack) > 0 && stack[len(stack)-1].obj
			continue
		}
		if wantKey {
			stack[len(stack)-1].key = tok.(string)
			wantKey = false
			continue
		}
		// A value: check it, then step into or past it.
		if len(stack) > 0 && !stack[len(stack)-1].obj {
			stack[len(stack)-1].idx++
		}
		if strings.HasPrefix(te.Value, tokenKind(tok)) {
			p, names := path()
			switch {
			case names == byName:
				return p
			case below == "" && strings.HasPrefix(names, byName+"/"):
				below = p
			}
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, frame{obj: true})
			wantKey = true
		case json.Delim('['):
			stack = append(stack, frame{idx: -1})
		default:
			wantKey = len(stack) > 0 && stack[len(stack)-1].obj
		}
	}
	if below != "" {
		return below
	}
	return byName
}

// tokenKind names a token's JSON kind as UnmarshalTypeError.Value does.
func tokenKind(tok json.Token) string {
	switch tok.(type) {
	case string:
		return "string"
	case json.Number:
		return "number"
	case bool:
		return "bool"
	case nil:
		return "null"
	}
	if tok == json.Delim('[') {
		return "array"
	}
	return "object"
}

// fieldPointer turns encoding/json's dotted field path into a JSON pointer.
func fieldPointer(field string) string {
	if field == "" {
		return ""
	}
	parts := strings.Split(field, ".")
	for i, p := range parts {
		parts[i] = escapePointer(p)
	}
	return "/" + strings.Join(parts, "/")
}

// jsonKindOf names the JSON type a Go kind decodes from.
func jsonKindOf(kind string) string {
	switch {
	case kind == "string":
		return "a string"
	case kind == "bool":
		return "a boolean"
	case strings.HasPrefix(kind, "int"), strings.HasPrefix(kind, "uint"):
		return "an integer"
	case strings.HasPrefix(kind, "float"):
		return "a number"
	case kind == "slice", kind == "array":
		return "an array"
	case kind == "struct", kind == "map":
		return "an object"
	}
	return "another type"
}

// mockParamsErr returns the parameters' violations: those found parsing
// them, else what their Validate finds.
func mockParamsErr(bad []Violation, p interface{ Validate() error }) error {
	if len(bad) > 0 {
		return &ValidationError{Violations: bad}
	}
	return p.Validate()
}

// mockJoin combines the parameters' and the body's errors: a body that is
// not JSON is reported alone, violations are listed together.
func mockJoin(perr, berr error) error {
	var mal *mockMalformed
	switch {
	case perr == nil:
		return berr
	case berr == nil:
		return perr
	case errors.As(berr, &mal):
		return berr
	}
	var pv, bv *ValidationError
	if errors.As(perr, &pv) && errors.As(berr, &bv) {
		return &ValidationError{Violations: append(append([]Violation(nil), pv.Violations...), bv.Violations...)}
	}
	return perr
}

// mockPtr returns a pointer to a copy of v, for optional parameters.
func mockPtr[T any](v T) *T { return &v }

// mockMissing is the violation of an absent required parameter.
func mockMissing(in, name string) Violation {
	return Violation{In: in, Pointer: name, Rule: "required", Message: "is missing"}
}

// mockParseInt parses an integer parameter of the given bit size.
func mockParseInt(s string, bits int, in, name string, bad *[]Violation) (int64, bool) {
	n, err := strconv.ParseInt(s, 10, bits)
	if err != nil {
		*bad = append(*bad, Violation{In: in, Pointer: name, Rule: "type", Message: "must be an integer of " + strconv.Itoa(bits) + " bits, not " + strconv.Quote(s)})
		return 0, false
	}
	return n, true
}

// mockParseFloat parses a number parameter.
func mockParseFloat(s string, bits int, in, name string, bad *[]Violation) (float64, bool) {
	f, err := strconv.ParseFloat(s, bits)
	if err != nil {
		*bad = append(*bad, Violation{In: in, Pointer: name, Rule: "type", Message: "must be a number, not " + strconv.Quote(s)})
		return 0, false
	}
	return f, true
}

// mockParseBool parses a boolean parameter ("true" or "false").
func mockParseBool(s string, in, name string, bad *[]Violation) (bool, bool) {
	switch s {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	*bad = append(*bad, Violation{In: in, Pointer: name, Rule: "type", Message: "must be true or false, not " + strconv.Quote(s)})
	return false, false
}
