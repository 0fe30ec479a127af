package loader

import (
	"errors"
	"reflect"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/hwcorder/ordergen/generator/model"
)

// componentSections maps kin-openapi's ComponentValidationError.Section to
// the key under #/components.
var componentSections = map[string]string{
	"schema": "schemas", "parameter": "parameters", "header": "headers",
	"request body": "requestBodies", "response": "responses",
	"security scheme": "securitySchemes", "example": "examples",
	"link": "links", "callback": "callbacks",
}

// kinErrors converts the result of doc.Validate into located errors.
// kin-openapi's errors carry origins and scope but print neither; the scope
// wrappers give the pointer, the deepest origin the position.
func kinErrors(ix *index, err error) []error {
	var leaves []error
	var me openapi3.MultiError
	if errors.As(err, &me) {
		leaves = me
	} else if err != nil {
		leaves = []error{err}
	}
	var out []error
	for _, e := range leaves {
		if coveredByLoader(e) {
			continue
		}
		out = append(out, kinError(ix, e))
	}
	return out
}

// coveredByLoader reports kin-openapi errors that the loader's own checks
// report better located (one per parameter, at the operationId, ...).
func coveredByLoader(err error) bool {
	var (
		pathParams *openapi3.PathParametersError
		scheme     *openapi3.SecurityRequirementSchemeUndefinedError
		opID       *openapi3.DuplicateOperationIDError
		typ        *openapi3.SchemaTypeError
		items      *openapi3.SchemaItemsRequired
		pattern    *openapi3.SchemaPatternRegexError
		value      *openapi3.SchemaValueError // defaults; examples are off
		oneOf      *openapi3.ParameterContentSchemaExactlyOne
	)
	return errors.As(err, &pathParams) || errors.As(err, &scheme) || errors.As(err, &opID) ||
		errors.As(err, &typ) || errors.As(err, &items) || errors.As(err, &pattern) || errors.As(err, &value) ||
		errors.As(err, &oneOf)
}

func kinError(ix *index, err error) error {
	ptr, msgErr := kinScope(err)
	out := &Error{Pointer: ptr, Pos: ix.pos(ptr), Msg: lowerFirst(firstLine(msgErr.Error()))}
	if loc := deepestOrigin(err); loc != nil && loc.Line > 0 {
		out.Pos = model.Pos{File: ix.file, Line: loc.Line, Col: loc.Column}
		if p, ok := ix.byPos[[2]int{loc.Line, loc.Column}]; ok {
			out.Pointer = p
		}
	}
	return out
}

// kinScope builds a pointer from kin-openapi's scope wrappers and returns
// the first error below them, whose message is the problem itself.
func kinScope(err error) (string, error) {
	ptr := "#"
	for {
		switch e := err.(type) {
		case *openapi3.SectionValidationError:
			sec := e.Section
			if sec == "external docs" {
				sec = "externalDocs"
			}
			ptr, err = "#/"+sec, e.Cause
		case *openapi3.PathValidationError:
			ptr, err = join(ptr, e.Path), e.Cause
		case *openapi3.OperationValidationError:
			ptr, err = join(ptr, strings.ToLower(e.Method)), e.Cause
		case *openapi3.ComponentValidationError:
			ptr, err = join("#/components", componentSections[e.Section], e.Name), e.Cause
		default:
			if ptr == "#" {
				ptr = ""
			}
			return ptr, err
		}
	}
}

var originType = reflect.TypeFor[*openapi3.Origin]()

// deepestOrigin walks err's chain and returns the key location of the last
// error that carries an Origin.
func deepestOrigin(err error) *openapi3.Location {
	var found *openapi3.Location
	for err != nil {
		v := reflect.ValueOf(err)
		if v.Kind() == reflect.Pointer && !v.IsNil() && v.Elem().Kind() == reflect.Struct {
			f := v.Elem().FieldByName("Origin")
			if f.IsValid() && f.Type() == originType && !f.IsNil() {
				if o := f.Interface().(*openapi3.Origin); o.Key != nil {
					found = o.Key
				}
			}
		}
		err = errors.Unwrap(err)
	}
	return found
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return strings.TrimSpace(s[:i])
	}
	return s
}

// lowerFirst lower-cases a leading capital unless it starts an acronym.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) {
		return s
	}
	if next, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(next) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}
