package loader

import (
	"cmp"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/hwcorder/ordergen/generator/model"
)

// methods is the fixed order of operations under one path.
var methods = []string{"GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"}

// operations converts every operation, sorted by path, then method.
func (c *converter) operations() {
	if c.doc.Paths == nil {
		return
	}
	ids := map[string]*model.Operation{}
	for _, path := range slices.Sorted(maps.Keys(c.doc.Paths.Map())) {
		item := c.doc.Paths.Value(path)
		pptr := join("#/paths", path)
		if item == nil {
			continue
		}
		if item.Ref != "" {
			c.unsupported(pptr, "$ref on a path item", "")
			continue
		}
		for _, m := range methods {
			if op := item.GetOperation(m); op != nil {
				c.operation(path, m, item, op, ids)
			}
		}
	}
}

func (c *converter) operation(path, method string, item *openapi3.PathItem, op *openapi3.Operation, ids map[string]*model.Operation) {
	ptr := join("#/paths", path, strings.ToLower(method))
	o := &model.Operation{
		ID: op.OperationID, Method: method, Path: path,
		Summary: op.Summary, Description: op.Description, Deprecated: op.Deprecated,
		Pos: c.ix.pos(ptr), Pointer: ptr,
		RetrySafe: c.boolExt(op.Extensions, "x-retry-safe", ptr),
		Notes:     c.notes(op.Extensions, ptr),
	}
	o.GoName = c.operationName(o, ids)
	o.ParamsGoName = o.GoName + "Params"
	c.api.Operations = append(c.api.Operations, o)
	if len(op.Callbacks) > 0 {
		c.unsupported(join(ptr, "callbacks"), "an operation with callbacks", "")
	}
	o.Params = c.params(o, item, op)
	c.checkPathParams(o)
	if op.RequestBody != nil {
		o.Body = c.body(o, op.RequestBody)
	}
	o.Responses = c.responses(o, op.Responses)
	o.Security = c.opSecurity(op, ptr)
}

// operationName checks the operationId and returns its Go name.
func (c *converter) operationName(o *model.Operation, ids map[string]*model.Operation) string {
	if o.ID == "" {
		c.errorf(o.Pointer, "operation has no operationId")
		return model.GoName(o.Method + " " + o.Path)
	}
	name := model.GoName(o.ID)
	if name == "" {
		c.errorf(join(o.Pointer, "operationId"), "operationId %q does not make a Go name", o.ID)
	}
	if first, ok := ids[name]; ok && name != "" {
		c.errorf(join(o.Pointer, "operationId"), "Go name %q of operationId %q collides with %s at %s", name, o.ID, first.Pointer, first.Pos)
	} else {
		ids[name] = o
	}
	return name
}

// params merges path-item and operation parameters (the operation's win)
// and orders them: path in template order, then query, then header by name.
func (c *converter) params(o *model.Operation, item *openapi3.PathItem, op *openapi3.Operation) []*model.Param {
	byKey := map[string]*model.Param{}
	var keys []string
	add := func(list openapi3.Parameters, base string) {
		for i, ref := range list {
			p := c.param(o, ref, join(base, "parameters", itoa(i)))
			if p == nil {
				continue
			}
			k := p.In + " " + p.Name
			if _, ok := byKey[k]; !ok {
				keys = append(keys, k)
			}
			byKey[k] = p
		}
	}
	add(item.Parameters, join("#/paths", o.Path))
	add(op.Parameters, o.Pointer)
	var out []*model.Param
	for _, k := range keys {
		out = append(out, byKey[k])
	}
	tmpl := templateParams(o.Path)
	order := map[string]int{"path": 0, "query": 1, "header": 2}
	slices.SortStableFunc(out, func(a, b *model.Param) int {
		if a.In == "path" && b.In == "path" {
			return cmp.Compare(indexOr(tmpl, a.Name), indexOr(tmpl, b.Name))
		}
		return cmp.Or(cmp.Compare(order[a.In], order[b.In]), cmp.Compare(a.Name, b.Name))
	})
	c.checkParamNames(out)
	return out
}

func indexOr(list []string, s string) int {
	if i := slices.Index(list, s); i >= 0 {
		return i
	}
	return len(list)
}

// ignoredHeaders are the header parameter names OpenAPI 3.0.3 says to
// ignore, lower-cased.
var ignoredHeaders = map[string]bool{"accept": true, "content-type": true, "authorization": true}

// param converts one parameter, or returns nil when it cannot be.
func (c *converter) param(o *model.Operation, ref *openapi3.ParameterRef, ptr string) *model.Param {
	if ref == nil || ref.Value == nil {
		return nil
	}
	if ref.Ref != "" {
		ptr = ref.Ref
	}
	v := ref.Value
	p := &model.Param{
		Name: v.Name, GoName: model.GoName(v.Name), In: v.In, Required: v.Required,
		Description: v.Description, Pos: c.ix.pos(ptr), Pointer: ptr,
		Notes: c.notes(v.Extensions, ptr),
	}
	switch {
	case v.In == "header" && ignoredHeaders[strings.ToLower(v.Name)]:
		// OpenAPI 3.0.3 (Parameter Object, "name"): such a definition SHALL
		// be ignored; the media type and security schemes say it instead.
		o.Notes = append(o.Notes, fmt.Sprintf("header parameter %q at %s is ignored, as OpenAPI 3.0.3 requires", v.Name, ptr))
		return nil
	case v.In == "cookie":
		c.unsupported(join(ptr, "in"), "cookie parameter", "")
		return nil
	case v.Content != nil:
		c.unsupported(join(ptr, "content"), "parameter with content", "give it a schema")
		return nil
	case v.Schema == nil:
		c.errorf(ptr, "parameter %q has no schema", v.Name)
		return nil
	}
	if p.GoName == "" {
		c.errorf(ptr, "parameter name %q does not make a Go name", v.Name)
	}
	sptr := join(ptr, "schema")
	p.Schema = c.schema(v.Schema, sptr, hint{short: p.GoName, parentName: o.ParamsGoName, suffix: p.GoName})
	c.checkParamSchema(p.Schema, sptr)
	p.Secret = p.Schema.Password() || (p.In == "header" && c.secretHeaders[strings.ToLower(p.Name)])
	p.Style, p.Explode = c.style(v, p, ptr)
	c.examples(v.Example, v.Examples, v.Schema.Value, ptr)
	return p
}

// style resolves a parameter's style and explode, refusing the ones the
// client and mock do not write and read: label and matrix path
// parameters, deepObject, and a delimited style on a scalar.
func (c *converter) style(v *openapi3.Parameter, p *model.Param, ptr string) (string, bool) {
	style := v.Style
	if style == "" {
		style = map[string]string{"query": "form", "path": "simple", "header": "simple"}[p.In]
	}
	explode := style == "form"
	if v.Explode != nil {
		explode = *v.Explode
	}
	isArray := p.Schema != nil && p.Schema.Kind == model.KindArray
	ok := false
	switch style {
	case "form":
		ok = p.In == "query"
	case "simple":
		ok = p.In == "path" || p.In == "header"
	case "spaceDelimited", "pipeDelimited":
		ok = p.In == "query" && isArray && !explode
	}
	if !ok {
		c.unsupported(join(ptr, "style"), fmt.Sprintf("style %s (explode %v) for a %s parameter", style, explode, p.In),
			"use form in query (explode true or false, or spaceDelimited/pipeDelimited without explode) and simple in path and header")
	}
	return style, explode
}

// checkParamSchema allows primitives and arrays of primitives.
func (c *converter) checkParamSchema(s *model.Schema, ptr string) {
	switch {
	case s.Kind == model.KindObject:
		c.unsupported(ptr, "object parameter", "")
	case s.Kind == model.KindArray && s.Items != nil && s.Items.Kind == model.KindObject:
		c.unsupported(join(ptr, "items"), "array parameter of objects", "")
	case s.Kind == model.KindArray && s.Items != nil && s.Items.Kind == model.KindArray:
		c.unsupported(join(ptr, "items"), "array parameter of arrays", "")
	}
}

// checkParamNames reports two parameters with one Go field name.
func (c *converter) checkParamNames(ps []*model.Param) {
	byPos := slices.Clone(ps)
	slices.SortStableFunc(byPos, func(a, b *model.Param) int {
		return cmp.Or(cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Col, b.Pos.Col))
	})
	seen := map[string]*model.Param{}
	for _, p := range byPos {
		if first, ok := seen[p.GoName]; ok && p.GoName != "" {
			c.errorf(p.Pointer, "Go field name %q collides with %s at %s", p.GoName, first.Pointer, first.Pos)
			continue
		}
		seen[p.GoName] = p
	}
}

var templateParam = regexp.MustCompile(`\{([^{}]+)\}`)

func templateParams(path string) []string {
	var out []string
	for _, m := range templateParam.FindAllStringSubmatch(path, -1) {
		out = append(out, m[1])
	}
	return out
}

// checkPathParams matches the path template against the path parameters,
// both ways.
func (c *converter) checkPathParams(o *model.Operation) {
	tmpl := templateParams(o.Path)
	declared := map[string]bool{}
	for _, p := range o.ParamsIn("path") {
		declared[p.Name] = true
		if !slices.Contains(tmpl, p.Name) {
			c.errorf(p.Pointer, "path parameter %q is not in the path template %s", p.Name, o.Path)
		}
	}
	for _, name := range tmpl {
		if !declared[name] {
			c.errorf(o.Pointer, "path template parameter %q is not declared as a path parameter", name)
		}
	}
}

// boolExt reads a boolean extension; absent means false.
func (c *converter) boolExt(ext map[string]any, name, ptr string) bool {
	raw, ok := ext[name]
	if !ok {
		return false
	}
	b, ok := raw.(bool)
	if !ok {
		c.errorf(join(ptr, name), "%s must be a boolean, not %s", name, fmt.Sprint(raw))
	}
	return b
}
