package loader

import (
	"cmp"
	"slices"

	"github.com/hwcorder/ordergen/generator/model"
)

// hint says how a schema is named if it becomes a Go type. Component
// schemas, request bodies and responses have a fixed name; an inline
// object or enum under a property or parameter prefers the short name
// (GoName of the property) and falls back to parent name + suffix when any
// other type wants the short one.
type hint struct {
	fixed string
	// always names the schema even when it is neither an object nor an
	// enum (components and request bodies).
	always     bool
	short      string
	parent     *model.Schema // long name: parent.GoName + suffix ...
	parentName string        // ... or parentName + suffix when parent is nil
	suffix     string
}

// item derives the hint for the items of array s named by h.
func (h hint) item(s *model.Schema) hint { return h.derive(s, "Item") }

// derive is the hint of a schema below s (named by h) whose name adds
// suffix: the items of an array (Item), the values of a map (Value), so
// that two inline maps of one object name their value types apart.
func (h hint) derive(s *model.Schema, suffix string) hint {
	switch {
	case s.GoName != "":
		return hint{fixed: s.GoName + suffix}
	case h.fixed != "":
		return hint{fixed: h.fixed + suffix}
	}
	out := hint{parent: h.parent, parentName: h.parentName, suffix: h.suffix + suffix}
	if h.short != "" {
		out.short = h.short + suffix
	}
	return out
}

func (h hint) long() string {
	if h.parent != nil {
		return h.parent.GoName + h.suffix
	}
	return h.parentName + h.suffix
}

// named is a schema that becomes a Go type, in the order found.
type named struct {
	schema *model.Schema
	hint   hint
}

// name registers s as a Go type. Fixed names are set at once, so that
// the items of a named array can derive theirs; the rest wait for
// resolveNames, when every candidate is known.
func (c *converter) name(s *model.Schema, h hint) {
	if h.fixed != "" {
		s.GoName = h.fixed
	}
	c.named = append(c.named, named{schema: s, hint: h})
}

// resolveNames gives each inline type its short name when no other type
// wants that name, else its long one, then names enum constants. Parents
// are registered before their children, so one pass in order suffices.
func (c *converter) resolveNames() {
	taken := map[string]bool{}
	shorts := map[string]int{}
	for _, n := range c.named {
		if n.hint.fixed != "" {
			taken[n.hint.fixed] = true
		} else if n.hint.short != "" {
			shorts[n.hint.short]++
		}
	}
	for _, op := range c.api.Operations {
		taken[op.ParamsGoName] = true
	}
	for _, r := range model.Reserved {
		taken[r] = true
	}
	for _, n := range c.named {
		switch h := n.hint; {
		case h.fixed != "":
		case h.short != "" && shorts[h.short] == 1 && !taken[h.short]:
			n.schema.GoName = h.short
		default:
			n.schema.GoName = h.long()
		}
		for i := range n.schema.Enum {
			n.schema.Enum[i].GoName = n.schema.GoName + c.enumSuffixes[n.schema][i]
		}
	}
}

// ident is one package-level Go identifier and where the spec asks for it.
type ident struct {
	name, ptr string
	pos       model.Pos
}

// checkIdents reports every package-level Go name claimed twice, citing
// the first claim, and every claim on a name the support code reserves.
func (c *converter) checkIdents() {
	var ids []ident
	for _, n := range c.named {
		s := n.schema
		ids = append(ids, ident{s.GoName, s.Pointer, s.Pos})
		for i, e := range s.Enum {
			p := join(s.Pointer, "enum", itoa(i))
			ids = append(ids, ident{e.GoName, p, c.ix.pos(p)})
		}
	}
	opNames := map[string]bool{}
	for _, op := range c.api.Operations {
		if !opNames[op.GoName] { // a repeated operation name is reported once, by operationName
			ids = append(ids, ident{op.ParamsGoName, op.Pointer, op.Pos})
		}
		opNames[op.GoName] = true
	}
	slices.SortStableFunc(ids, func(a, b ident) int {
		return cmp.Or(cmp.Compare(a.pos.Line, b.pos.Line), cmp.Compare(a.pos.Col, b.pos.Col), cmp.Compare(a.ptr, b.ptr))
	})
	first := map[string]ident{}
	for _, id := range ids {
		if id.name == "" {
			continue
		}
		if slices.Contains(model.Reserved, id.name) {
			c.errorf(id.ptr, "Go name %q is reserved for the generated package's support code", id.name)
			continue
		}
		if f, ok := first[id.name]; ok {
			c.errorf(id.ptr, "Go name %q collides with %s at %s", id.name, f.ptr, f.pos)
			continue
		}
		first[id.name] = id
	}
}

// schemaList returns every named schema once, sorted by Go name.
func (c *converter) schemaList() []*model.Schema {
	var out []*model.Schema
	for _, n := range c.named {
		if !slices.Contains(out, n.schema) {
			out = append(out, n.schema)
		}
	}
	slices.SortStableFunc(out, func(a, b *model.Schema) int {
		return cmp.Or(cmp.Compare(a.GoName, b.GoName), cmp.Compare(a.Pointer, b.Pointer))
	})
	return out
}
