package apidiff

import (
	"strings"

	"github.com/hwcorder/ordergen/generator/plan"
)

// typeString renders a planned Go type as Go source would write it inside
// the generated package.
func typeString(t *plan.GoType) string {
	switch t.Kind {
	case plan.GoBuiltin, plan.GoNamed:
		return t.Name
	case plan.GoPointer:
		return "*" + typeString(t.Elem)
	case plan.GoSlice:
		return "[]" + typeString(t.Elem)
	case plan.GoMap:
		return "map[string]" + typeString(t.Elem)
	case plan.GoNullable:
		return "Nullable[" + typeString(t.Elem) + "]"
	}
	return "any"
}

// underlying describes a named type's underlying type: "struct", or the
// type it is defined as.
func underlying(t *plan.Type) string {
	if t.Kind == plan.KindStruct {
		return "struct"
	}
	return typeString(t.Underlying)
}

// signature is the client method's type, as func(...) (...), as the
// client emitter declares it.
func signature(p *plan.Package, op *plan.Op) string {
	in := []string{"context.Context", "*" + op.Params}
	if b := op.Op.Body; b != nil && b.Schema != nil {
		in = append(in, "*"+typeString(p.TypeOf(b.Schema)))
	}
	out := "error"
	if ok := op.Op.Success(); ok != nil && ok.Schema != nil {
		out = "(*" + typeString(p.TypeOf(ok.Schema)) + ", error)"
	}
	return "func(" + strings.Join(in, ", ") + ") " + out
}
