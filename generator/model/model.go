// Package model is the generator's intermediate representation of an API:
// plain Go structs, already ordered and named, that the emitters turn into
// files. It imports only the standard library; the loader fills it from an
// OpenAPI document and nothing here knows about kin-openapi.
package model

import "fmt"

// Pos is a position in a spec file. File is the path as given to the loader
// (relative, e.g. specs/dsc.yaml); Line and Col are 1-based, 0 when unknown.
type Pos struct {
	File string
	Line int
	Col  int
}

// String renders p as file:line:col, dropping parts that are unknown.
func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// API is one loaded spec: a service with its operations and named schemas.
type API struct {
	// Source is the spec path as given to the loader, used in headers.
	Source      string
	Title       string
	Version     string
	Description string
	// Service is the short service name (dsc, hss), from info.x-service or
	// the file name.
	Service string
	// ErrorCodePrefix is the prefix of the service's own error codes, e.g.
	// "DSC." (from info.x-error-code-prefix, else upper-case Service + ".").
	ErrorCodePrefix string
	// Operations sorted by path, then by method in the fixed order
	// GET, PUT, POST, DELETE, OPTIONS, HEAD, PATCH, TRACE.
	Operations []*Operation
	// Schemas holds every schema that becomes a Go type: the named
	// component schemas and the inline object/enum schemas that the loader
	// named, sorted by GoName.
	Schemas []*Schema
	// Security lists the security schemes, sorted by name.
	Security []*SecurityScheme
	// Notes are info.x-doc-note texts, kept for documentation.
	Notes []string
}

// SecurityScheme is one way to authenticate a call.
type SecurityScheme struct {
	Name string
	// Type is "apiKey" or "http"; AK/SK signing is declared as an apiKey
	// in the Authorization header with x-signing: SDK-HMAC-SHA256.
	Type string
	In   string // header, query, cookie for apiKey
	// KeyName is the header or query name for apiKey.
	KeyName string
	// Signing is the x-signing algorithm, e.g. "SDK-HMAC-SHA256", or "".
	Signing     string
	Description string
}

// Operation is one HTTP operation.
type Operation struct {
	ID          string // operationId as in the spec
	GoName      string // exported Go name derived from ID
	Method      string // upper case
	Path        string // template, e.g. /v1/{project_id}/period/order
	Summary     string
	Description string
	Deprecated  bool
	Pos         Pos
	// Pointer is the JSON pointer of the operation, e.g.
	// #/paths/~1v1~1{project_id}~1period~1order/post.
	Pointer string
	// Params lists path parameters in template order, then query, then
	// header parameters sorted by name.
	Params []*Param
	// ParamsGoName names the generated parameter struct (ID + "Params").
	ParamsGoName string
	Body         *Body // nil when the operation takes no body
	// Responses sorted by status; "default" last.
	Responses []*Response
	// Security lists the names of the schemes any one of which suffices;
	// empty means no auth.
	Security []string
	// RetrySafe is x-retry-safe: true when a 429/503 with Retry-After may be
	// re-sent because the server did not act on the request.
	RetrySafe bool
	// Notes are the operation's x-doc-note texts.
	Notes []string
}

// Success returns the first 2xx response, or nil.
func (o *Operation) Success() *Response {
	for _, r := range o.Responses {
		if r.Status >= 200 && r.Status < 300 {
			return r
		}
	}
	return nil
}

// ParamsIn returns the operation's parameters located in loc, in order.
func (o *Operation) ParamsIn(loc string) []*Param {
	var out []*Param
	for _, p := range o.Params {
		if p.In == loc {
			out = append(out, p)
		}
	}
	return out
}

// Param is a path, query or header parameter.
type Param struct {
	Name        string // as on the wire
	GoName      string // field name in the Params struct
	In          string // path, query or header
	Required    bool
	Description string
	Schema      *Schema // a primitive schema (string, integer, number, boolean) or an array of them
	Pos         Pos
	Pointer     string
	// Secret marks a credential (X-Auth-Token, format: password): redacted
	// wherever it would be printed or recorded.
	Secret bool
	// Style and Explode say how an array is written, with the defaults
	// resolved: query form/true (ids=1&ids=2), or form/false (ids=1,2),
	// spaceDelimited or pipeDelimited (ids=1%202, ids=1|2); path and
	// header simple (1,2). The loader always sets them; an empty Style
	// means the location's default.
	Style   string
	Explode bool
	// Notes are the parameter's x-doc-note texts.
	Notes []string
}

// Body is a request body.
type Body struct {
	Required    bool
	ContentType string // application/json
	Description string
	Schema      *Schema // always named (GoName set)
	Examples    []Example
	Pos         Pos
}

// Response is one documented response.
type Response struct {
	Status      int // 0 for "default"
	Description string
	ContentType string  // "" when there is no body
	Schema      *Schema // nil when there is no body; named when an object
	Examples    []Example
	Pos         Pos
}

// Example is a named example value, decoded from YAML/JSON.
type Example struct {
	Name    string
	Summary string
	Value   any // as decoded by encoding/json: map[string]any, []any, float64, string, bool, nil
}

// Kind is the JSON type of a schema.
type Kind int

// The kinds of schema the emitters support.
const (
	KindAny Kind = iota
	KindObject
	KindArray
	KindString
	KindInteger
	KindNumber
	KindBoolean
)

// String returns the OpenAPI type name of k.
func (k Kind) String() string {
	switch k {
	case KindObject:
		return "object"
	case KindArray:
		return "array"
	case KindString:
		return "string"
	case KindInteger:
		return "integer"
	case KindNumber:
		return "number"
	case KindBoolean:
		return "boolean"
	}
	return "any"
}

// Schema is a resolved schema with every constraint the spec states.
// Schemas reached through $ref are shared: a property whose schema is a
// named component points at the same *Schema as API.Schemas.
type Schema struct {
	// Name is the component name ("ProductInfoBean"), or "" for inline.
	Name string
	// GoName is the Go type name when the schema becomes a named type
	// (components, inline objects, inline enums), else "".
	GoName      string
	Kind        Kind
	Format      string // int32, int64, double, float, password, date-time, ...
	Title       string
	Description string
	Deprecated  bool
	Nullable    bool
	ReadOnly    bool
	WriteOnly   bool
	Pos         Pos
	Pointer     string // JSON pointer where the schema is defined

	Enum       []EnumValue
	Default    any // decoded JSON value or nil
	HasDefault bool

	// Numeric constraints (integer and number).
	Min, Max     *float64
	ExclusiveMin bool
	ExclusiveMax bool
	MultipleOf   *float64

	// String constraints; lengths count Unicode code points.
	MinLength int64  // 0 when unset
	MaxLength *int64 // nil when unset
	Pattern   string

	// Array constraints.
	Items       *Schema
	MinItems    int64
	MaxItems    *int64
	UniqueItems bool

	// Object constraints. Properties keep the spec's order.
	Properties []*Property
	// AdditionalProperties: nil means allowed with any value; a schema means
	// a map of that schema (when there are no Properties); Forbid means
	// additionalProperties: false.
	AdditionalProperties *Schema
	ForbidAdditional     bool
	MinProperties        int64
	MaxProperties        *int64

	// Notes are x-doc-note texts, kept for documentation.
	Notes []string
}

// Password reports whether the schema is a secret string.
func (s *Schema) Password() bool { return s.Kind == KindString && s.Format == "password" }

// Required returns the required properties in order.
func (s *Schema) Required() []*Property {
	var out []*Property
	for _, p := range s.Properties {
		if p.Required {
			out = append(out, p)
		}
	}
	return out
}

// Property is a named member of an object schema.
type Property struct {
	Name        string // JSON key
	GoName      string // Go field name
	Required    bool
	Description string
	Schema      *Schema
	Pos         Pos
	Pointer     string
}

// EnumValue is one allowed value with its Go constant name.
type EnumValue struct {
	Value any // string, int64, float64 or bool
	// GoName is the constant name: type name + x-enum-varnames entry
	// (or a name derived from the value).
	GoName      string
	Description string // from x-enum-descriptions when present
}
