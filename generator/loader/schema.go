package loader

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/hwcorder/ordergen/generator/model"
)

// schema converts the schema at ptr (or, through $ref, at its target).
// Referenced schemas are converted once and shared.
func (c *converter) schema(ref *openapi3.SchemaRef, ptr string, h hint) *model.Schema {
	if ref == nil || ref.Value == nil {
		c.errorf(ptr, "schema is missing")
		return &model.Schema{Pointer: ptr, Pos: c.ix.pos(ptr)}
	}
	if ref.Ref == "" {
		if s, ok := c.schemas[ptr]; ok {
			return s // a path-level parameter shared by several operations
		}
		return c.build(ref.Value, ptr, h)
	}
	target := ref.Ref
	if c.inProgress[target] {
		c.unsupported(ptr, "recursive schema", fmt.Sprintf("%s refers back to itself", target))
		return &model.Schema{Pointer: target, Pos: c.ix.pos(target)}
	}
	if s, ok := c.schemas[target]; ok {
		return s
	}
	if name, ok := strings.CutPrefix(target, "#/components/schemas/"); ok && !strings.Contains(name, "/") {
		h = hint{fixed: model.GoName(unescape(name)), always: true}
		if h.fixed == "" {
			c.errorf(target, "component schema name %q does not make a Go name", unescape(name))
		}
	}
	c.inProgress[target] = true
	defer delete(c.inProgress, target)
	return c.build(ref.Value, target, h)
}

// build converts one schema object located at ptr.
func (c *converter) build(v *openapi3.Schema, ptr string, h hint) *model.Schema {
	s := &model.Schema{
		Pointer:     ptr,
		Pos:         c.ix.pos(ptr),
		Format:      v.Format,
		Title:       v.Title,
		Description: v.Description,
		Deprecated:  v.Deprecated,
		Nullable:    v.Nullable,
		ReadOnly:    v.ReadOnly,
		WriteOnly:   v.WriteOnly,
		Pattern:     v.Pattern,
		UniqueItems: v.UniqueItems,
		Notes:       c.notes(v.Extensions, ptr),
	}
	c.schemas[ptr] = s
	if name, ok := strings.CutPrefix(ptr, "#/components/schemas/"); ok {
		s.Name = unescape(name)
	}
	combined := c.checkUnsupported(v, ptr)
	s.Kind = c.kind(v, s, ptr, combined)
	c.checkFormat(s, ptr)
	c.constraints(v, s)
	c.contradictions(s, ptr)
	c.checkValues(v, s, ptr)
	isMap := len(v.Properties) == 0 && v.AdditionalProperties.Schema != nil
	if h.always || (s.Kind == model.KindObject && !isMap) || len(v.Enum) > 0 {
		c.name(s, h)
	}
	c.enum(v, s, ptr)
	switch s.Kind {
	case model.KindArray:
		c.items(v, s, ptr, h)
	case model.KindObject:
		c.object(v, s, ptr, h)
	}
	return s
}

// checkValues checks what the schema states about itself: a pattern Go's
// regexp compiles, and a default and example that match the schema.
func (c *converter) checkValues(v *openapi3.Schema, s *model.Schema, ptr string) {
	if v.Pattern != "" {
		if _, err := regexp.Compile(v.Pattern); err != nil {
			c.errorf(join(ptr, "pattern"), "pattern %q does not compile as a Go regexp: %v", v.Pattern, err)
		}
	}
	if v.Default != nil {
		s.Default, s.HasDefault = jsonValue(v.Default), true
		c.checkValue(v, s.Default, join(ptr, "default"), "default")
	}
	if v.Example != nil {
		c.checkExample(v, jsonValue(v.Example), join(ptr, "example"))
	}
}

// unsupportedKeywords are schema keywords the generator cannot express.
func unsupportedKeywords(v *openapi3.Schema) map[string]bool {
	return map[string]bool{
		"oneOf": len(v.OneOf) > 0, "anyOf": len(v.AnyOf) > 0, "allOf": len(v.AllOf) > 0,
		"not": v.Not != nil, "discriminator": v.Discriminator != nil,
		"const": v.Const != nil, "prefixItems": len(v.PrefixItems) > 0, "contains": v.Contains != nil,
		"patternProperties": len(v.PatternProperties) > 0, "dependentSchemas": len(v.DependentSchemas) > 0,
		"dependentRequired": len(v.DependentRequired) > 0, "propertyNames": v.PropertyNames != nil,
		"if": v.If != nil, "then": v.Then != nil, "else": v.Else != nil,
		"unevaluatedItems":      v.UnevaluatedItems.Has != nil || v.UnevaluatedItems.Schema != nil,
		"unevaluatedProperties": v.UnevaluatedProperties.Has != nil || v.UnevaluatedProperties.Schema != nil,
	}
}

// checkUnsupported reports unsupported keywords and whether there were any.
func (c *converter) checkUnsupported(v *openapi3.Schema, ptr string) bool {
	m := unsupportedKeywords(v)
	found := false
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if m[k] {
			c.unsupported(join(ptr, k), k, "")
			found = true
		}
	}
	if v.Always != nil {
		c.unsupported(ptr, "boolean schema", "")
		found = true
	}
	return found
}

// kind returns the schema's JSON type; "null" alongside one type means
// nullable. A missing type is not reported again when an unsupported
// keyword (oneOf, ...) already was.
func (c *converter) kind(v *openapi3.Schema, s *model.Schema, ptr string, reported bool) model.Kind {
	var types []string
	if v.Type != nil {
		types = slices.Clone(*v.Type)
	}
	if len(types) == 2 && slices.Contains(types, "null") {
		s.Nullable = true
		types = slices.DeleteFunc(types, func(t string) bool { return t == "null" })
	}
	switch {
	case len(types) == 0:
		if !reported {
			c.errorf(ptr, "schema has no type")
		}
		return model.KindAny
	case len(types) > 1:
		c.unsupported(join(ptr, "type"), "a schema with several types", strings.Join(types, ", "))
		return model.KindAny
	}
	switch types[0] {
	case "object":
		return model.KindObject
	case "array":
		return model.KindArray
	case "string":
		return model.KindString
	case "integer":
		return model.KindInteger
	case "number":
		return model.KindNumber
	case "boolean":
		return model.KindBoolean
	}
	c.unsupported(join(ptr, "type"), fmt.Sprintf("type %q", types[0]), "")
	return model.KindAny
}

// checkFormat allows Go-sized numeric formats only; strings take any.
func (c *converter) checkFormat(s *model.Schema, ptr string) {
	allowed := map[model.Kind][]string{
		model.KindInteger: {"int32", "int64"},
		model.KindNumber:  {"float", "double"},
	}[s.Kind]
	if s.Format == "" || allowed == nil || slices.Contains(allowed, s.Format) {
		return
	}
	c.unsupported(join(ptr, "format"), fmt.Sprintf("format %q on %s", s.Format, s.Kind),
		"use "+strings.Join(allowed, " or "))
}

func (c *converter) constraints(v *openapi3.Schema, s *model.Schema) {
	s.Min, s.Max, s.MultipleOf = v.Min, v.Max, v.MultipleOf
	s.ExclusiveMin = v.ExclusiveMin.Bool != nil && *v.ExclusiveMin.Bool
	s.ExclusiveMax = v.ExclusiveMax.Bool != nil && *v.ExclusiveMax.Bool
	if x := v.ExclusiveMin.Value; x != nil {
		s.Min, s.ExclusiveMin = x, true
	}
	if x := v.ExclusiveMax.Value; x != nil {
		s.Max, s.ExclusiveMax = x, true
	}
	s.MinLength, s.MaxLength = int64(v.MinLength), int64Ptr(v.MaxLength)
	s.MinItems, s.MaxItems = int64(v.MinItems), int64Ptr(v.MaxItems)
	s.MinProperties, s.MaxProperties = int64(v.MinProps), int64Ptr(v.MaxProps)
}

func (c *converter) items(v *openapi3.Schema, s *model.Schema, ptr string, h hint) {
	if v.Items == nil {
		c.errorf(ptr, "array schema has no items")
		return
	}
	s.Items = c.schema(v.Items, join(ptr, "items"), h.item(s))
}

func (c *converter) object(v *openapi3.Schema, s *model.Schema, ptr string, h hint) {
	names := c.propertyOrder(v, ptr)
	for _, name := range names {
		pptr := join(ptr, "properties", name)
		ps := c.schema(v.Properties[name], pptr, hint{short: model.GoName(name), parent: s, suffix: model.GoName(name)})
		prop := &model.Property{
			Name:        name,
			GoName:      model.GoName(name),
			Required:    slices.Contains(v.Required, name),
			Description: ps.Description,
			Schema:      ps,
			Pos:         c.ix.pos(pptr),
			Pointer:     pptr,
		}
		if prop.GoName == "" {
			c.errorf(pptr, "property name %q does not make a Go name", name)
		}
		s.Properties = append(s.Properties, prop)
	}
	for i, r := range v.Required {
		if v.Properties[r] == nil {
			c.errorf(join(ptr, "required", fmt.Sprint(i)), "required property %q is not defined", r)
		}
	}
	c.checkFieldNames(s)
	c.additional(v, s, ptr, h)
}

// propertyOrder returns property names in document order.
func (c *converter) propertyOrder(v *openapi3.Schema, ptr string) []string {
	var out []string
	seen := map[string]bool{}
	for _, k := range c.ix.keys(join(ptr, "properties")) {
		if v.Properties[k] != nil {
			out = append(out, k)
			seen[k] = true
		}
	}
	for _, k := range slices.Sorted(maps.Keys(v.Properties)) {
		if !seen[k] {
			out = append(out, k)
		}
	}
	return out
}

func (c *converter) additional(v *openapi3.Schema, s *model.Schema, ptr string, h hint) {
	ap := v.AdditionalProperties
	if ap.Has != nil && !*ap.Has {
		s.ForbidAdditional = true
	}
	if ap.Schema == nil {
		return
	}
	aptr := join(ptr, "additionalProperties")
	if len(v.Properties) > 0 {
		c.unsupported(aptr, "additionalProperties with a schema alongside properties", "")
		return
	}
	s.AdditionalProperties = c.schema(ap.Schema, aptr, h.derive(s, "Value"))
}

// checkFieldNames reports two properties of one object with one Go name.
func (c *converter) checkFieldNames(s *model.Schema) {
	seen := map[string]*model.Property{}
	for _, p := range s.Properties {
		if first, ok := seen[p.GoName]; ok && p.GoName != "" {
			c.errorf(p.Pointer, "Go field name %q collides with %s at %s", p.GoName, first.Pointer, first.Pos)
			continue
		}
		seen[p.GoName] = p
	}
}

func int64Ptr(p *uint64) *int64 {
	if p == nil {
		return nil
	}
	v := int64(*p)
	return &v
}

// pointerUnescaper decodes JSON pointer tokens.
var pointerUnescaper = strings.NewReplacer("~1", "/", "~0", "~")

func unescape(tok string) string {
	if !strings.Contains(tok, "~") {
		return tok
	}
	return pointerUnescaper.Replace(tok)
}
