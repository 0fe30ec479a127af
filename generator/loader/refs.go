package loader

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/pb33f/go-yaml"
)

// checkRefs reports every $ref that is not a local pointer into the
// document or that points at nothing, and returns their pointers (ending in
// /$ref). kin-openapi stops at the first bad reference, so they are
// checked here first, all at once, and hidden from it (see neutralize).
func checkRefs(ix *index, p *problems) []string {
	var bad []string
	for ptr, e := range ix.nodes {
		if !strings.HasSuffix(ptr, "/$ref") || inData(ptr) {
			continue
		}
		at := strings.TrimSuffix(ptr, "/$ref")
		if e.node.Kind != yaml.ScalarNode {
			p.errorf(at, "$ref must be a string")
			bad = append(bad, ptr)
			continue
		}
		ref := e.node.Value
		if !strings.HasPrefix(ref, "#/") {
			p.unsupported(at, fmt.Sprintf("external $ref %q", ref), "define it under #/components in the same file")
			bad = append(bad, ptr)
			continue
		}
		if ix.has(ref) {
			continue
		}
		if u, err := url.PathUnescape(ref); err == nil && ix.has(u) {
			continue
		}
		p.errorf(at, "unresolved $ref %q", ref)
		bad = append(bad, ptr)
	}
	return bad
}

// inData reports whether ptr lies inside a literal value (an example,
// default, enum or extension), where "$ref" is data, not a reference.
func inData(ptr string) bool {
	toks := strings.Split(ptr, "/")
	for i, t := range toks {
		if i > 0 && toks[i-1] == "properties" {
			continue // a property name, not a keyword
		}
		switch {
		case t == "example" || t == "default" || t == "enum" || strings.HasPrefix(t, "x-"):
			return true
		case t == "value" && i >= 2 && toks[i-2] == "examples":
			return true
		}
	}
	return false
}
