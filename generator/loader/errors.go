package loader

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/hwcorder/ordergen/generator/model"
)

// Error is one problem found in a spec, located by position and JSON
// pointer. Error() renders it as `file:line:col: #/pointer: message`.
type Error struct {
	Pos     model.Pos
	Pointer string // e.g. #/paths/~1v1~1{project_id}~1order/post; "" when unknown
	Msg     string
}

func (e *Error) Error() string { return format(e.Pos, e.Pointer, e.Msg) }

// UnsupportedError is a construct that is valid OpenAPI but that the
// generator does not support (oneOf, cookie parameters, recursive schemas,
// ...). It is an error, never silently skipped.
type UnsupportedError struct {
	Pos     model.Pos
	Pointer string
	// Construct names what is unsupported, e.g. "oneOf".
	Construct string
	// Detail, when set, explains why or what to do instead.
	Detail string
}

func (e *UnsupportedError) Error() string {
	msg := e.Construct + " is not supported"
	if e.Detail != "" {
		msg += " (" + e.Detail + ")"
	}
	return format(e.Pos, e.Pointer, msg)
}

func format(pos model.Pos, pointer, msg string) string {
	var b strings.Builder
	b.WriteString(pos.String())
	b.WriteString(": ")
	if pointer != "" {
		b.WriteString(pointer)
		b.WriteString(": ")
	}
	b.WriteString(msg)
	return b.String()
}

// List is every problem found in one spec, sorted by position. Load returns
// it as its error; Error() prints one problem per line.
type List []error

func (l List) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap lets errors.As find an *Error or *UnsupportedError in the list.
func (l List) Unwrap() []error { return l }

// located returns where an error in a List points.
func located(err error) (model.Pos, string) {
	switch e := err.(type) {
	case *Error:
		return e.Pos, e.Pointer
	case *UnsupportedError:
		return e.Pos, e.Pointer
	}
	return model.Pos{}, ""
}

// sorted orders errs by line, column, pointer and text and drops exact
// duplicates (a shared schema reached twice reports once).
func sorted(errs []error) List {
	out := slices.Clone(errs)
	slices.SortStableFunc(out, func(a, b error) int {
		pa, ptrA := located(a)
		pb, ptrB := located(b)
		return cmp.Or(
			cmp.Compare(pa.Line, pb.Line),
			cmp.Compare(pa.Col, pb.Col),
			cmp.Compare(ptrA, ptrB),
			cmp.Compare(a.Error(), b.Error()),
		)
	})
	return slices.CompactFunc(out, func(a, b error) bool { return a.Error() == b.Error() })
}

// problems collects errors while a spec is checked and converted.
type problems struct {
	ix   *index
	errs []error
}

// errorf records an error at pointer, positioned where the pointer is.
func (p *problems) errorf(pointer, f string, args ...any) {
	p.errs = append(p.errs, &Error{Pos: p.ix.pos(pointer), Pointer: pointer, Msg: fmt.Sprintf(f, args...)})
}

// unsupported records an *UnsupportedError at pointer.
func (p *problems) unsupported(pointer, construct, detail string) {
	p.errs = append(p.errs, &UnsupportedError{Pos: p.ix.pos(pointer), Pointer: pointer, Construct: construct, Detail: detail})
}
