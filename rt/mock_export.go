package rt

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strings"
)

// This file is the mock core's surface for generated mock packages: the
// description of a service (MockService) and the accessors its generated
// handlers read a call through (MockCall).

// MockService describes one service of a spec to NewMockServer.
type MockService struct {
	// Name is the short service name (dsc, hss), as in /__mock/{name}/.
	Name string
	// InvalidCode is the service's error_code for a rejected request.
	InvalidCode string
	// ErrorBody renders the service's error body.
	ErrorBody func(code, msg string) []byte
	// Operations lists the spec's operations.
	Operations []*MockOperation
}

// MockOperation is one operation of the spec.
type MockOperation struct {
	ID     string // operationId
	Method string
	Path   string // template, e.g. /v1/{project_id}/period/order
	Params []MockParam
	// HasBody is set when the operation takes a request body.
	HasBody bool
	// Status is the success status; the success body is ReplyHead + order
	// ID + ReplyTail, or ReplyHead alone when HasID is false.
	Status    int
	ReplyHead string
	ReplyTail string
	HasID     bool
	// Handle parses and validates one call; it returns a *ValidationError,
	// an error for a body that is not JSON, or nil.
	Handle func(c *MockCall) error
	// NewBody returns a pointer to a new body value, to render records; nil
	// when the operation takes no body.
	NewBody func() any
	// NoAuth is set when the operation has no security requirement: its
	// calls need no credentials.
	NoAuth bool
}

// MockParam names a parameter for the request record.
type MockParam struct {
	Name   string
	In     string // path, query or header
	Secret bool   // redacted in records
}

// MockCall is one call on its way through the mock, as the generated
// handlers see it.
type MockCall = mockCall

// TB is the part of testing.TB that StartForTest needs.
type TB = mockT

// NewMockServer builds the mock server of svc.
func NewMockServer(svc MockService, opts ...MockOption) *MockServer {
	in := mockService{name: svc.Name, invalidCode: svc.InvalidCode, errorBody: svc.ErrorBody}
	for _, op := range svc.Operations {
		handle := op.Handle
		in.operations = append(in.operations, &mockOperation{
			id: op.ID, method: op.Method, path: op.Path, hasBody: op.HasBody,
			status: op.Status, replyHead: op.ReplyHead, replyTail: op.ReplyTail, hasID: op.HasID,
			handle: handle, newBody: op.NewBody, params: mockParams(op.Params), noAuth: op.NoAuth,
		})
	}
	return newMockServer(in, opts)
}

func mockParams(ps []MockParam) []mockParam {
	out := make([]mockParam, len(ps))
	for i, p := range ps {
		out[i] = mockParam{name: p.Name, in: p.In, secret: p.Secret}
	}
	return out
}

// StartForTest starts m and stops it when the test ends.
func (m *MockServer) StartForTest(t TB) *MockServer { return m.startForTest(t) }

// QuerySplit returns the items of array query parameter name written as
// one value (explode false), split at sep.
func (c *mockCall) QuerySplit(name, sep string) ([]string, bool) {
	v, ok := c.QueryValue(name)
	if !ok {
		return nil, false
	}
	return strings.Split(v, sep), true
}

// Body decodes the request body into v (a pointer to the generated body
// type) and validates it: the violations the decoder finds (wrong types,
// nulls, missing or unknown members) and those Validate finds in the values
// are returned together in one *ValidationError. Validate's findings at or
// below a pointer the decoder already reported are left out: they describe
// the zero value that stands in for what was missing or wrong. A body that
// is not JSON is an error of its own.
func (c *mockCall) Body(v interface {
	json.Unmarshaler
	Validate() error
}, required bool) error {
	body := bytes.TrimSpace(c.body)
	if len(body) == 0 || string(body) == "null" {
		if !required {
			return nil
		}
		return &ValidationError{Violations: []Violation{{In: "body", Rule: "required", Message: "the request body is missing"}}}
	}
	c.input = v
	derr := v.UnmarshalJSON(body)
	var dv *ValidationError
	if derr != nil && !errors.As(derr, &dv) {
		c.input = nil
		return &mockMalformed{msg: derr.Error()}
	}
	verr := v.Validate()
	var vv *ValidationError
	if verr != nil && !errors.As(verr, &vv) {
		return verr
	}
	return mergeViolations(dv, vv)
}

// mergeViolations lists the decoder's violations, then Validate's that are
// not at or below one of the decoder's pointers.
func mergeViolations(dec, val *ValidationError) error {
	if dec == nil && val == nil {
		return nil
	}
	if dec == nil {
		return val
	}
	out := slices.Clone(dec.Violations)
	if val != nil {
		for _, v := range val.Violations {
			if !coveredBy(v.Pointer, dec.Violations) {
				out = append(out, v)
			}
		}
	}
	return &ValidationError{Violations: out}
}

// coveredBy reports whether pointer p is at or below one of vs's pointers.
func coveredBy(p string, vs []Violation) bool {
	for _, v := range vs {
		if p == v.Pointer || strings.HasPrefix(p, v.Pointer+"/") {
			return true
		}
	}
	return false
}
