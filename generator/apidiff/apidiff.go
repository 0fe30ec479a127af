// Package apidiff compares the Go API that the generator makes of two
// versions of a spec: the client methods, types, struct fields and enum
// constants that a caller of the generated package names, and the Go type
// of each. A change after which a caller's code may no longer compile is
// breaking: a method, type, field or constant removed or renamed, a
// method whose signature changes, a field whose Go type changes (value to
// pointer, int32 to int64, one named type to another), a named type whose
// underlying type changes.
//
// It reads the generator's plan of each package (package generator/plan),
// not the YAML, so it sees the names and types exactly as the emitters
// write them.
package apidiff

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/hwcorder/ordergen/generator/model"
	"github.com/hwcorder/ordergen/generator/plan"
)

// Change is one difference in the generated Go API.
type Change struct {
	// ID names the rule, e.g. go-method-renamed, go-field-type-changed.
	ID string
	// Breaking is set when a caller's code may stop compiling.
	Breaking bool
	// Pos and Pointer locate the change: in the new spec, or in the old
	// one for a removal.
	Pos     model.Pos
	Pointer string
	// Text says what changed, naming the Go identifiers.
	Text string
}

// String renders c as file:line:col: #/pointer: text [id].
func (c Change) String() string {
	s := c.Pos.String() + ": "
	if c.Pointer != "" {
		s += c.Pointer + ": "
	}
	return s + c.Text + " [" + c.ID + "]"
}

// Breaking reports whether any of changes is breaking.
func Breaking(changes []Change) bool {
	return slices.ContainsFunc(changes, func(c Change) bool { return c.Breaking })
}

// Compare returns the differences between the Go APIs of two planned
// packages: breaking ones first, each group sorted by position.
func Compare(old, new *plan.Package) []Change {
	c := &comparer{o: declsOf(old), n: declsOf(new), moved: map[string]string{}, matched: map[string]bool{}, renamed: map[string]string{}}
	// Types first: their renames are followed in the types of the rest;
	// then methods, then the members of the types matched.
	for _, kind := range []string{"type", "method", "field", "const"} {
		for _, d := range c.o.list {
			if d.kind == kind {
				c.match(d)
			}
		}
	}
	for _, d := range c.n.list {
		if c.matched[d.key] || (d.parent != "" && !c.matched[d.parent]) {
			continue // matched, or a member of a new type (reported once, as the type)
		}
		c.add(Change{ID: "go-" + d.kind + "-added", Pos: d.pos, Pointer: d.ptr,
			Text: fmt.Sprintf("Go %s %s added", noun(d.kind), d.name)})
	}
	slices.SortStableFunc(c.out, func(a, b Change) int {
		if a.Breaking != b.Breaking {
			if a.Breaking {
				return -1
			}
			return 1
		}
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File), cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.ID, b.ID), cmp.Compare(a.Text, b.Text))
	})
	return c.out
}

// comparer matches the old declarations with the new ones.
type comparer struct {
	o, n decls
	// moved maps the key of each matched old declaration to its new key.
	moved map[string]string
	// matched holds the keys of the new declarations that have an old one.
	matched map[string]bool
	// renamed maps old Go type names to new ones.
	renamed map[string]string
	out     []Change
}

func (c *comparer) add(ch Change) { c.out = append(c.out, ch) }

// match finds old declaration d in the new API: under its own name, else
// renamed (same identity, or for a type the same shape), else removed.
func (c *comparer) match(d *decl) {
	key, ident := d.key, d.ident
	if d.parent != "" {
		np, ok := c.moved[d.parent]
		if !ok {
			return // its type is gone: reported once, as the type
		}
		key, ident = member(d.kind, np, d.goName, d.idpart)
	}
	r, ok := c.n.byKey[key]
	renamed := false
	if !ok {
		r, ok = c.n.byIdent[d.kind+" "+ident]
		if !ok && d.kind == "type" {
			r, ok = c.n.uniqueShape(d.shape, c)
		}
		if ok && (c.o.byKey[r.key] != nil || c.matched[r.key]) {
			ok = false // that name was there before, or is taken
		}
		renamed = ok
	}
	if !ok {
		c.add(Change{ID: "go-" + d.kind + "-removed", Breaking: true, Pos: d.pos, Pointer: d.ptr,
			Text: fmt.Sprintf("Go %s %s removed", noun(d.kind), d.name)})
		return
	}
	c.moved[d.key] = r.key
	c.matched[r.key] = true
	if renamed {
		if d.kind == "type" {
			c.renamed[d.name] = r.name
		}
		c.add(Change{ID: "go-" + d.kind + "-renamed", Breaking: true, Pos: r.pos, Pointer: r.ptr,
			Text: fmt.Sprintf("Go %s %s renamed to %s", noun(d.kind), d.name, r.name)})
	}
	switch {
	case c.follow(d.typ) != r.typ:
		c.add(Change{ID: "go-" + d.kind + "-type-changed", Breaking: true, Pos: r.pos, Pointer: r.ptr,
			Text: fmt.Sprintf("Go %s %s changes %s from %s to %s", noun(r.kind), r.name, typeWord(d.kind), d.typ, r.typ)})
	case d.value != r.value:
		c.add(Change{ID: "go-const-value-changed", Pos: r.pos, Pointer: r.ptr,
			Text: fmt.Sprintf("Go constant %s changes value from %s to %s", r.name, d.value, r.value)})
	}
}

// follow rewrites the type names in typ that the new API renamed.
func (c *comparer) follow(typ string) string {
	return goIdent.ReplaceAllStringFunc(typ, func(name string) string {
		if n, ok := c.renamed[name]; ok {
			return n
		}
		return name
	})
}

// goIdent matches a Go identifier.
var goIdent = regexp.MustCompile(`[\pL_][\pL\pN_]*`)

// uniqueShape returns the one new type of the given shape that has no
// old type of its name and is not matched yet.
func (ds decls) uniqueShape(shape string, c *comparer) (*decl, bool) {
	var found *decl
	for _, d := range ds.list {
		if d.kind != "type" || d.shape != shape || c.o.byKey[d.key] != nil || c.matched[d.key] {
			continue
		}
		if found != nil {
			return nil, false
		}
		found = d
	}
	return found, found != nil
}

func noun(kind string) string {
	if kind == "const" {
		return "constant"
	}
	return kind
}

func typeWord(kind string) string {
	switch kind {
	case "method":
		return "signature"
	case "type":
		return "underlying type"
	}
	return "type"
}

// decl is one declaration of the generated package that callers name.
type decl struct {
	kind string // method, type, field, const
	// key identifies the declaration: its Go name, for a field the key of
	// its type and its Go name.
	key  string
	name string // as printed: Client.M, T, T.F, C
	// ident is what stays the same when only the Go name changes: the
	// operation's method and path, the schema's pointer, a member's type
	// and JSON name (field) or value (constant).
	ident string
	// parent is the key of the type holding a field or constant; goName
	// and idpart are the member's parts of key and ident.
	parent, goName, idpart string
	typ                    string // what a caller relies on: type, signature, underlying type
	value                  string // a constant's value
	shape                  string // a type's underlying type and members, to match a renamed schema
	pos                    model.Pos
	ptr                    string
}

// member returns the key and identity of a member of type parent.
func member(kind, parent, goName, idpart string) (key, ident string) {
	if kind == "const" {
		return "const " + goName, parent + " " + idpart
	}
	return parent + "." + goName, parent + " " + idpart
}

type decls struct {
	list    []*decl
	byKey   map[string]*decl
	byIdent map[string]*decl
}

// declsOf lists the declarations that p's client package exports and that
// depend on the spec.
func declsOf(p *plan.Package) decls {
	ds := decls{byKey: map[string]*decl{}, byIdent: map[string]*decl{}}
	add := func(d *decl) *decl {
		if d.parent != "" {
			d.key, d.ident = member(d.kind, d.parent, d.goName, d.idpart)
		}
		ds.list = append(ds.list, d)
		ds.byKey[d.key] = d
		ds.byIdent[d.kind+" "+d.ident] = d
		return d
	}
	for _, op := range p.Ops {
		o := op.Op
		opID := o.Method + " " + o.Path
		add(&decl{kind: "method", key: "method " + op.Name, name: "Client." + op.Name, ident: opID,
			typ: signature(p, op), pos: o.Pos, ptr: o.Pointer})
		t := add(&decl{kind: "type", key: "type " + op.Params, name: op.Params, ident: "params of " + opID,
			typ: "struct", pos: o.Pos, ptr: o.Pointer})
		for _, f := range op.Fields {
			add(&decl{kind: "field", parent: t.key, goName: f.Name, idpart: f.Param.In + " " + f.Param.Name,
				name: op.Params + "." + f.Name, typ: typeString(f.Type), pos: f.Param.Pos, ptr: f.Param.Pointer})
		}
	}
	for _, pt := range p.Types {
		s := pt.Schema
		t := add(&decl{kind: "type", key: "type " + pt.Name, name: pt.Name, ident: s.Pointer, typ: underlying(pt),
			pos: s.Pos, ptr: s.Pointer})
		shape := []string{t.typ}
		for _, f := range pt.Fields {
			d := add(&decl{kind: "field", parent: t.key, goName: f.Name, idpart: f.Prop.Name,
				name: pt.Name + "." + f.Name, typ: typeString(f.Type), pos: f.Prop.Pos, ptr: f.Prop.Pointer})
			shape = append(shape, f.Prop.Name+" "+d.typ)
		}
		if pt.Kind == plan.KindEnum {
			for _, e := range s.Enum {
				v := fmt.Sprintf("%#v", e.Value)
				add(&decl{kind: "const", parent: t.key, goName: e.GoName, idpart: v,
					name: e.GoName, value: v, pos: s.Pos, ptr: s.Pointer})
				shape = append(shape, v)
			}
		}
		t.shape = strings.Join(shape, "; ")
	}
	return ds
}
