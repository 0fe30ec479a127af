package loader

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/pb33f/go-yaml"
)

// checkRefs reports every $ref that is not a local pointer into the
// document or that points at nothing. kin-openapi stops at the first bad
// reference, so they are checked here first, all at once.
func checkRefs(ix *index, p *problems) {
	for ptr, e := range ix.nodes {
		if !strings.HasSuffix(ptr, "/$ref") || inData(ptr) {
			continue
		}
		at := strings.TrimSuffix(ptr, "/$ref")
		if e.node.Kind != yaml.ScalarNode {
			p.errorf(at, "$ref must be a string")
			continue
		}
		ref := e.node.Value
		if !strings.HasPrefix(ref, "#/") {
			p.unsupported(at, fmt.Sprintf("external $ref %q", ref), "define it under #/components in the same file")
			continue
		}
		if ix.has(ref) {
			continue
		}
		if u, err := url.PathUnescape(ref); err == nil && ix.has(u) {
			continue
		}
		p.errorf(at, "unresolved $ref %q", ref)
	}
}

// countKeywords are the schema keywords whose value is a count.
var countKeywords = []string{"minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"}

// checkCounts reports counts that are not non-negative integers, which
// kin-openapi would fail to decode without saying where.
func checkCounts(ix *index, p *problems) {
	for ptr, e := range ix.nodes {
		i := strings.LastIndexByte(ptr, '/')
		if !slices.Contains(countKeywords, ptr[i+1:]) || inData(ptr) || e.node.Kind != yaml.ScalarNode {
			continue
		}
		if n, err := strconv.ParseInt(e.node.Value, 10, 64); err != nil || n < 0 {
			p.errorf(ptr, "%s must be a non-negative integer, not %s", ptr[i+1:], e.node.Value)
		}
	}
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
