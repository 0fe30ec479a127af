package loader

import (
	"cmp"
	"fmt"
	"maps"
	"mime"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/hwcorder/ordergen/generator/model"
)

// body converts the request body; its schema is always a named type.
func (c *converter) body(o *model.Operation, ref *openapi3.RequestBodyRef) *model.Body {
	ptr := join(o.Pointer, "requestBody")
	if ref.Ref != "" {
		ptr = ref.Ref
	}
	v := ref.Value
	if v == nil {
		return nil
	}
	b := &model.Body{Required: v.Required, Description: v.Description, Pos: c.ix.pos(ptr)}
	ct, mt := c.jsonContent(v.Content, ptr, "request body")
	if mt == nil {
		if ct == "" {
			c.errorf(ptr, "request body has no content")
		}
		return nil
	}
	mptr := join(ptr, "content", ct)
	b.ContentType = ct
	b.Schema = c.mediaSchema(mt, mptr, hint{fixed: o.GoName + "RequestBody", always: true})
	if b.Schema == nil {
		return nil
	}
	b.Examples = c.mediaExamples(mt, mt.Schema.Value, mptr)
	return b
}

// mediaSchema converts a media type's schema, which must be present.
func (c *converter) mediaSchema(mt *openapi3.MediaType, ptr string, h hint) *model.Schema {
	if mt.Schema == nil {
		c.errorf(ptr, "media type has no schema")
		return nil
	}
	return c.schema(mt.Schema, join(ptr, "schema"), h)
}

// jsonContent returns the one JSON media type of content. Anything else is
// unsupported. ct is "" when content is empty.
func (c *converter) jsonContent(content openapi3.Content, ptr, what string) (string, *openapi3.MediaType) {
	types := slices.Sorted(maps.Keys(content))
	var jsonTypes []string
	for _, ct := range types {
		if isJSON(ct) {
			jsonTypes = append(jsonTypes, ct)
			continue
		}
		c.unsupported(join(ptr, "content", ct), fmt.Sprintf("%s content type %q", what, ct), "only JSON is")
	}
	switch len(jsonTypes) {
	case 0:
		if len(types) > 0 {
			return types[0], nil
		}
		return "", nil
	case 1:
		return jsonTypes[0], content[jsonTypes[0]]
	}
	c.unsupported(join(ptr, "content"), fmt.Sprintf("%s with several JSON content types", what), strings.Join(jsonTypes, ", "))
	return jsonTypes[0], content[jsonTypes[0]]
}

func isJSON(ct string) bool {
	t, _, err := mime.ParseMediaType(ct)
	return err == nil && (t == "application/json" || strings.HasSuffix(t, "+json"))
}

// responses converts the responses sorted by status, "default" last.
func (c *converter) responses(o *model.Operation, rs *openapi3.Responses) []*model.Response {
	if rs == nil {
		return nil
	}
	type keyed struct {
		key    string
		status int
	}
	var keys []keyed
	for _, k := range slices.Sorted(maps.Keys(rs.Map())) {
		rptr := join(o.Pointer, "responses", k)
		if k == "default" {
			keys = append(keys, keyed{k, 1000})
			continue
		}
		n, err := strconv.Atoi(k)
		if err != nil || n < 100 || n > 599 {
			c.unsupported(rptr, fmt.Sprintf("response status %q", k), "use a three-digit code or default")
			continue
		}
		keys = append(keys, keyed{k, n})
	}
	slices.SortFunc(keys, func(a, b keyed) int { return cmp.Compare(a.status, b.status) })
	var out []*model.Response
	success := ""
	for _, k := range keys {
		name := o.GoName + "Response"
		switch {
		case k.key == "default":
			name += "Default"
		case k.status >= 200 && k.status < 300 && success == "":
			success = k.key
		default:
			name += k.key
		}
		if r := c.response(o, k.key, rs.Value(k.key), name); r != nil {
			out = append(out, r)
		}
	}
	return out
}

func (c *converter) response(o *model.Operation, key string, ref *openapi3.ResponseRef, name string) *model.Response {
	ptr := join(o.Pointer, "responses", key)
	if ref == nil || ref.Value == nil {
		return nil
	}
	if ref.Ref != "" {
		ptr = ref.Ref
	}
	v := ref.Value
	r := &model.Response{Pos: c.ix.pos(ptr)}
	if key != "default" {
		r.Status, _ = strconv.Atoi(key)
	}
	if v.Description != nil {
		r.Description = *v.Description
	}
	ct, mt := c.jsonContent(v.Content, ptr, "response")
	if mt == nil {
		return r
	}
	mptr := join(ptr, "content", ct)
	r.ContentType = ct
	r.Schema = c.mediaSchema(mt, mptr, hint{fixed: name})
	if r.Schema != nil {
		r.Examples = c.mediaExamples(mt, mt.Schema.Value, mptr)
	}
	return r
}
