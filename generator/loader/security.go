package loader

import (
	"maps"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/hwcorder/ordergen/generator/model"
)

// securitySchemes converts components.securitySchemes, sorted by name, and
// notes which headers carry credentials.
func (c *converter) securitySchemes() {
	if c.doc.Components == nil {
		return
	}
	ss := c.doc.Components.SecuritySchemes
	for _, name := range slices.Sorted(maps.Keys(ss)) {
		ptr := join("#/components/securitySchemes", name)
		ref := ss[name]
		if ref == nil || ref.Value == nil {
			continue
		}
		v := ref.Value
		s := &model.SecurityScheme{Name: name, Type: v.Type, In: v.In, KeyName: v.Name, Description: v.Description}
		if sig, ok := v.Extensions["x-signing"]; ok {
			s.Signing, ok = sig.(string)
			if !ok {
				c.errorf(join(ptr, "x-signing"), "x-signing must be a string")
			}
		}
		switch {
		case v.Type == "apiKey" && v.In == "cookie":
			c.unsupported(join(ptr, "in"), "apiKey in a cookie", "")
		case v.Type == "apiKey":
			if v.In == "header" {
				c.secretHeaders[strings.ToLower(v.Name)] = true
			}
		case v.Type == "http" && strings.EqualFold(v.Scheme, "bearer"):
			c.secretHeaders["authorization"] = true
		case v.Type == "http":
			c.unsupported(join(ptr, "scheme"), "http scheme "+v.Scheme, "only bearer is")
		default:
			c.unsupported(join(ptr, "type"), "security scheme type "+v.Type, "")
		}
		c.api.Security = append(c.api.Security, s)
	}
}

// opSecurity returns the names of the schemes any one of which suffices
// for op: its own security, else the document's.
func (c *converter) opSecurity(op *openapi3.Operation, opPtr string) []string {
	reqs, ptr := c.doc.Security, "#/security"
	if op.Security != nil {
		reqs, ptr = *op.Security, join(opPtr, "security")
	}
	var out []string
	for i, req := range reqs {
		rptr := join(ptr, itoa(i))
		switch len(req) {
		case 0:
			c.unsupported(rptr, "an empty security requirement", "authentication would be optional")
			continue
		case 1:
		default:
			c.unsupported(rptr, "a security requirement combining several schemes", "list them as alternatives")
			continue
		}
		for name := range req {
			if !slices.ContainsFunc(c.api.Security, func(s *model.SecurityScheme) bool { return s.Name == name }) {
				c.errorf(rptr, "unknown security scheme %q", name)
				continue
			}
			if !slices.Contains(out, name) {
				out = append(out, name)
			}
		}
	}
	return out
}
