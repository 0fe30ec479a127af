package rt

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"
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
	held     int64       // bytes of the in-flight budget the body holds
	bodySum  string      // hex SHA-256 of body, once computed
	header   http.Header // what records keep of the headers, once computed
}

// mockMalformed is a body that is not JSON at all.
type mockMalformed struct{ msg string }

func (e *mockMalformed) Error() string { return e.msg }

// route finds the operation for c's method and path. When only the method
// is wrong it returns nil and the methods allowed there. The path is
// matched segment by segment as sent (escaped), each segment decoded once:
// an escaped "/" stays inside its value, and "." or ".." segments match
// nothing (the gateway serves no such path).
func (m *MockServer) route(c *mockCall) (*mockOperation, string) {
	r := c.req
	path := r.URL.EscapedPath()
	var allow []string
	for _, op := range m.svc.operations {
		vals, ok := matchPath(op.segs, path, c.pathArr[:0])
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

// matchPath matches an escaped path against a template split into
// segments, appending the decoded values of the {parameters} to vals. A
// segment that does not decode, or decodes to "" (for a parameter), "."
// or "..", matches nothing.
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
		if strings.IndexByte(part, '%') >= 0 {
			dec, err := url.PathUnescape(part)
			if err != nil {
				return nil, false
			}
			part = dec
		}
		if part == "." || part == ".." {
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

// badPathValue checks the decoded path values once, before the generated
// code reads them: a value with a control character (NUL included) or
// that is not UTF-8 is refused. It returns the message of the 400, or "".
func (c *mockCall) badPathValue() string {
	pi := 0
	for _, p := range c.op.params {
		if p.in != "path" {
			continue
		}
		v := c.PathValue(pi)
		pi++
		bad := !utf8.ValidString(v)
		for i := 0; i < len(v) && !bad; i++ {
			bad = v[i] < 0x20 || v[i] == 0x7f
		}
		if bad {
			return "invalid request: " + Violation{In: "path", Pointer: p.name, Rule: "format", Message: "must be UTF-8 text without control characters, not " + strconv.QuoteToASCII(v)}.String()
		}
	}
	return ""
}

// PathValue returns the i-th path parameter.
func (c *mockCall) PathValue(i int) string {
	if i < len(c.pathVals) {
		return c.pathVals[i]
	}
	return ""
}

// QueryValue returns the first value of query parameter name.
func (c *mockCall) QueryValue(name string) (string, bool) {
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

// QueryValues returns every value of query parameter name (k=a&k=b).
func (c *mockCall) QueryValues(name string) ([]string, bool) {
	if c.req.URL.RawQuery == "" {
		return nil, false
	}
	if c.query == nil {
		c.query = c.req.URL.Query()
	}
	v, ok := c.query[name]
	return v, ok && len(v) > 0
}

// HeaderValues returns the comma-separated items of header name (canonical
// form), over all its lines.
func (c *mockCall) HeaderValues(name string) ([]string, bool) {
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

// PathValues returns the comma-separated items of the i-th path
// parameter.
func (c *mockCall) PathValues(i int) ([]string, bool) {
	return mockSplit(c.PathValue(i)), true
}

// mockSplit splits a comma-separated list, trimming spaces.
func mockSplit(s string) []string {
	parts := strings.Split(s, ",")
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
	}
	return parts
}

// HeaderValue returns header name, which must be in canonical form.
func (c *mockCall) HeaderValue(name string) (string, bool) {
	v, ok := c.req.Header[name]
	if !ok || len(v) == 0 {
		return "", false
	}
	return v[0], true
}

// MockParamsErr returns the parameters' violations: those found parsing
// them, else what their Validate finds.
func MockParamsErr(bad []Violation, p interface{ Validate() error }) error {
	if len(bad) > 0 {
		return &ValidationError{Violations: bad}
	}
	return p.Validate()
}

// MockJoin combines the parameters' and the body's errors: a body that is
// not JSON is reported alone, violations are listed together.
func MockJoin(perr, berr error) error {
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

// Ptr returns a pointer to a copy of v, for optional parameters.
func Ptr[T any](v T) *T { return &v }

// MockMissing is the violation of an absent required parameter.
func MockMissing(in, name string) Violation {
	return Violation{In: in, Pointer: name, Rule: "required", Message: "is missing"}
}

// ParseInt parses an integer parameter of the given bit size.
func ParseInt(s string, bits int, in, name string, bad *[]Violation) (int64, bool) {
	n, err := strconv.ParseInt(s, 10, bits)
	if err != nil {
		*bad = append(*bad, Violation{In: in, Pointer: name, Rule: "type", Message: "must be an integer of " + strconv.Itoa(bits) + " bits, not " + strconv.Quote(s)})
		return 0, false
	}
	return n, true
}

// ParseFloat parses a number parameter.
func ParseFloat(s string, bits int, in, name string, bad *[]Violation) (float64, bool) {
	f, err := strconv.ParseFloat(s, bits)
	if err != nil {
		*bad = append(*bad, Violation{In: in, Pointer: name, Rule: "type", Message: "must be a number, not " + strconv.Quote(s)})
		return 0, false
	}
	return f, true
}

// ParseBool parses a boolean parameter ("true" or "false").
func ParseBool(s string, in, name string, bad *[]Violation) (bool, bool) {
	switch s {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	*bad = append(*bad, Violation{In: in, Pointer: name, Rule: "type", Message: "must be true or false, not " + strconv.Quote(s)})
	return false, false
}
