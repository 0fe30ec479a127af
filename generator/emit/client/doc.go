package client

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/dave/jennifer/jen"

	"github.com/hwcorder/ordergen/generator/model"
)

// doc is the comment of op's method: summary, description, what it sends
// and the source pointer. Spec text is sanitized and wrapped; it is never
// a place for code.
func doc(api *model.API, op *model.Operation) string {
	var paras []string
	head := op.GoName + " calls " + op.Method + " " + op.Path
	if s := sanitize(op.Summary); s != "" {
		head += ": " + strings.TrimSuffix(s, ".") + "."
	} else {
		head += "."
	}
	paras = append(paras, head)
	if d := sanitize(op.Description); d != "" && d != sanitize(op.Summary) {
		paras = append(paras, d)
	}
	checked := "params are"
	if op.Body != nil {
		checked = "params and body are"
	}
	behaviour := "Unless the client was made WithoutValidation, " + checked + " checked against the spec first " +
		"and a *ValidationError is returned without sending anything. A non-2xx answer is an *APIError."
	if op.RetrySafe {
		behaviour += " The spec marks the operation retry-safe: a 429 or 503 with Retry-After is retried."
	} else {
		behaviour += " The request is re-sent only when it provably never reached the server."
	}
	paras = append(paras, behaviour)
	if op.Deprecated {
		paras = append(paras, "Deprecated: the spec marks this operation deprecated.")
	}
	for i, p := range paras {
		paras[i] = wrap(p)
	}
	// The source pointer stays on one line, so that it can be searched for.
	paras = append(paras, fmt.Sprintf("Source: %s %s.", api.Source, op.Pointer))
	return strings.Join(paras, "\n\n")
}

// comments renders text as one // comment per line, each its own
// declaration-level statement; a multi-line jen.Comment would become a
// /* */ block.
func comments(text string) []jen.Code {
	var out []jen.Code
	for _, line := range strings.Split(text, "\n") {
		out = append(out, jen.Comment(line))
	}
	return out
}

// sanitize collapses white space and drops control characters.
func sanitize(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && !unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// wrap breaks s into lines of at most 76 bytes at spaces.
func wrap(s string) string {
	var b strings.Builder
	n := 0
	for _, w := range strings.Fields(s) {
		switch {
		case n == 0:
		case n+1+len(w) > 76:
			b.WriteByte('\n')
			n = 0
		default:
			b.WriteByte(' ')
			n++
		}
		b.WriteString(w)
		n += len(w)
	}
	return b.String()
}
