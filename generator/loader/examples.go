package loader

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/hwcorder/ordergen/generator/model"
)

// mediaExamples decodes and checks a media type's example and examples
// against schema; ptr is the media type's pointer.
func (c *converter) mediaExamples(mt *openapi3.MediaType, schema *openapi3.Schema, ptr string) []model.Example {
	return c.examples(mt.Example, mt.Examples, schema, ptr)
}

// examples handles the example/examples pair of a media type or parameter.
// The single example has an empty Name; named ones are sorted by name.
func (c *converter) examples(one any, many openapi3.Examples, schema *openapi3.Schema, ptr string) []model.Example {
	var out []model.Example
	if one != nil {
		v := jsonValue(one)
		c.checkExample(schema, v, join(ptr, "example"))
		out = append(out, model.Example{Value: v})
	}
	for _, name := range slices.Sorted(maps.Keys(many)) {
		ref := many[name]
		eptr := join(ptr, "examples", name)
		if ref == nil || ref.Value == nil {
			continue // an unresolved $ref, reported by checkRefs
		}
		if ref.Ref != "" {
			eptr = ref.Ref
		}
		if ref.Value.ExternalValue != "" {
			c.unsupported(join(eptr, "externalValue"), "externalValue", "put the example inline")
			continue
		}
		v := jsonValue(ref.Value.Value)
		c.checkExample(schema, v, eptr)
		out = append(out, model.Example{Name: name, Summary: ref.Value.Summary, Value: v})
	}
	return out
}

// checkExample reports each way value violates schema, at the example.
func (c *converter) checkExample(schema *openapi3.Schema, value any, ptr string) {
	c.checkValue(schema, value, ptr, "example")
}

// checkValue reports each way value (an example or default) violates
// schema, at ptr.
func (c *converter) checkValue(schema *openapi3.Schema, value any, ptr, what string) {
	if schema == nil {
		return
	}
	err := schema.VisitJSON(value, openapi3.MultiErrors())
	for _, se := range schemaErrors(err) {
		msg := lowerFirst(firstLine(se.Reason))
		if p := se.JSONPointer(); len(p) > 0 {
			toks := make([]string, len(p))
			for i, t := range p {
				toks[i] = escape(t)
			}
			msg = "/" + strings.Join(toks, "/") + ": " + msg
		}
		c.errorf(ptr, "%s does not match its schema: %s", what, msg)
	}
}

// schemaErrors flattens what VisitJSON returns into its SchemaErrors.
func schemaErrors(err error) []*openapi3.SchemaError {
	if err == nil {
		return nil
	}
	var me openapi3.MultiError
	if errors.As(err, &me) {
		var out []*openapi3.SchemaError
		for _, e := range me {
			out = append(out, schemaErrors(e)...)
		}
		return out
	}
	var se *openapi3.SchemaError
	if errors.As(err, &se) {
		return []*openapi3.SchemaError{se}
	}
	return []*openapi3.SchemaError{{Reason: err.Error()}}
}

// jsonValue normalises a decoded YAML/JSON value to what encoding/json
// produces: map[string]any, []any, float64, string, bool or nil.
func jsonValue(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		return v
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		return v
	}
	return out
}

// jsonText renders a decoded value as JSON for messages.
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// notes reads x-doc-note: one string or a list of strings.
func (c *converter) notes(ext map[string]any, ptr string) []string {
	switch v := ext["x-doc-note"].(type) {
	case nil:
		return nil
	case string:
		return []string{v}
	case []any:
		return c.stringList(ext, "x-doc-note", ptr)
	}
	c.errorf(join(ptr, "x-doc-note"), "x-doc-note must be a string or a list of strings")
	return nil
}
