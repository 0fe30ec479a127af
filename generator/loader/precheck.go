package loader

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pb33f/go-yaml"

	"github.com/hwcorder/ordergen/generator/model"
)

// openapiVersion matches the versions the loader reads: 3.0 and 3.0.x.
var openapiVersion = regexp.MustCompile(`^3\.0(\.[0-9]+)?$`)

// checkVersion refuses documents that are not OpenAPI 3.0: Swagger 2.0,
// OpenAPI 3.1 and later, or no version at all. Their keywords mean other
// things, so nothing else is checked: the one message says what to do.
func checkVersion(ix *index) error {
	if e, ok := ix.nodes["#/swagger"]; ok {
		return &UnsupportedError{Pos: e.pos, Pointer: "#/swagger", Construct: "Swagger " + strconv.Quote(e.node.Value) + " (OpenAPI 2)",
			Detail: "convert the document to OpenAPI 3.0.3 first"}
	}
	e, ok := ix.nodes["#/openapi"]
	switch {
	case !ok:
		return &Error{Pos: ix.pos("#"), Pointer: "#", Msg: "document has no openapi version; only OpenAPI 3.0.x documents are supported"}
	case e.node.Kind != yaml.ScalarNode:
		return &Error{Pos: e.pos, Pointer: "#/openapi", Msg: "openapi must be a version string such as 3.0.3"}
	case !openapiVersion.MatchString(e.node.Value):
		return &UnsupportedError{Pos: e.pos, Pointer: "#/openapi", Construct: "OpenAPI " + strconv.Quote(e.node.Value),
			Detail: "only OpenAPI 3.0.x documents are supported; write the spec as 3.0.3"}
	}
	return nil
}

// shape is the YAML shape a schema keyword takes.
type shape int

const (
	shapeCount   shape = iota // non-negative integer
	shapeNumber               // integer or float
	shapeBool                 // true or false
	shapeBoolNum              // exclusiveMinimum/Maximum: boolean (3.0) or number
	shapeString
	shapeStrings // list of strings
	shapeList    // list of anything
	shapeMap     // mapping
	shapeMapBool // mapping or boolean (additionalProperties)
	shapeSchemas // list of mappings
	shapeType    // string, or list of strings
)

// keywordShapes are the schema keywords whose values kin-openapi decodes
// into typed fields: a value of another shape would stop it with an
// unlocated decoding error, so they are checked here first.
var keywordShapes = map[string]shape{
	"minLength": shapeCount, "maxLength": shapeCount, "minItems": shapeCount, "maxItems": shapeCount,
	"minProperties": shapeCount, "maxProperties": shapeCount,
	"minimum": shapeNumber, "maximum": shapeNumber, "multipleOf": shapeNumber,
	"exclusiveMinimum": shapeBoolNum, "exclusiveMaximum": shapeBoolNum,
	"nullable": shapeBool, "readOnly": shapeBool, "writeOnly": shapeBool, "uniqueItems": shapeBool,
	"deprecated": shapeBool,
	"format":     shapeString, "pattern": shapeString, "title": shapeString, "description": shapeString,
	"type": shapeType, "required": shapeStrings, "enum": shapeList,
	"properties": shapeMap, "items": shapeMap, "not": shapeMap, "discriminator": shapeMap,
	"externalDocs": shapeMap, "xml": shapeMap,
	"additionalProperties": shapeMapBool,
	"allOf":                shapeSchemas, "anyOf": shapeSchemas, "oneOf": shapeSchemas,
}

// shapeNames says what each shape must be, for messages.
var shapeNames = map[shape]string{
	shapeCount: "a non-negative integer", shapeNumber: "a number", shapeBool: "true or false",
	shapeBoolNum: "true or false", shapeString: "a string", shapeStrings: "a list of strings",
	shapeList: "a list", shapeMap: "a mapping", shapeMapBool: "a mapping or a boolean",
	shapeSchemas: "a list of schemas", shapeType: "a type name",
}

// fits reports whether n has shape sh. Null always fits: kin-openapi
// reads it as absent.
func fits(n *yaml.Node, sh shape) bool {
	tag := n.ShortTag()
	if tag == "!!null" {
		return true
	}
	scalar := n.Kind == yaml.ScalarNode
	switch sh {
	case shapeCount:
		v, err := strconv.ParseInt(n.Value, 10, 64)
		return scalar && tag == "!!int" && err == nil && v >= 0
	case shapeNumber:
		return scalar && (tag == "!!int" || tag == "!!float")
	case shapeBool:
		return scalar && tag == "!!bool"
	case shapeBoolNum:
		return scalar && (tag == "!!bool" || tag == "!!int" || tag == "!!float")
	case shapeString:
		return scalar && tag == "!!str"
	case shapeType:
		return (scalar && tag == "!!str") || allItems(n, func(c *yaml.Node) bool { return c.ShortTag() == "!!str" })
	case shapeStrings:
		return allItems(n, func(c *yaml.Node) bool { return c.Kind == yaml.ScalarNode && c.ShortTag() == "!!str" })
	case shapeList:
		return n.Kind == yaml.SequenceNode
	case shapeMap:
		return n.Kind == yaml.MappingNode
	case shapeMapBool:
		return n.Kind == yaml.MappingNode || (scalar && tag == "!!bool")
	case shapeSchemas:
		return allItems(n, func(c *yaml.Node) bool { return c.Kind == yaml.MappingNode })
	}
	return true
}

// allItems reports whether n is a sequence whose items all satisfy ok.
func allItems(n *yaml.Node, ok func(*yaml.Node) bool) bool {
	if n.Kind != yaml.SequenceNode {
		return false
	}
	for _, c := range n.Content {
		for c.Kind == yaml.AliasNode && c.Alias != nil {
			c = c.Alias
		}
		if !ok(c) {
			return false
		}
	}
	return true
}

// checkKeywords reports schema keywords whose value has the wrong shape
// and returns the pointers of those keywords, for neutralize.
func checkKeywords(ix *index, p *problems) []string {
	var bad []string
	for ptr, e := range ix.nodes {
		i := strings.LastIndexByte(ptr, '/')
		if i < 0 {
			continue
		}
		kw := ptr[i+1:]
		sh, ok := keywordShapes[kw]
		if !ok || !isSchema(ptr[:i]) || inData(ptr) || fits(e.node, sh) {
			continue
		}
		bad = append(bad, ptr)
		got := e.node.Value
		switch {
		case e.node.Kind == yaml.MappingNode:
			got = "a mapping"
		case e.node.Kind == yaml.SequenceNode:
			got = "a list"
		case e.node.ShortTag() == "!!str" && sh != shapeString:
			got = strconv.Quote(got)
		}
		p.errorf(ptr, "%s must be %s, not %s", kw, shapeNames[sh], got)
	}
	return bad
}

// isSchema reports whether ptr (outside data) is where a schema object is.
func isSchema(ptr string) bool {
	toks := strings.Split(ptr, "/")
	for {
		n := len(toks)
		if n < 2 {
			return false
		}
		last, parent := toks[n-1], toks[n-2]
		switch {
		case parent == "properties":
			toks = toks[:n-2]
		case n == 4 && toks[1] == "components":
			return parent == "schemas"
		case last == "items" || last == "not" || last == "additionalProperties":
			toks = toks[:n-1]
		case parent == "allOf" || parent == "anyOf" || parent == "oneOf":
			if _, err := strconv.Atoi(last); err != nil {
				return false
			}
			toks = toks[:n-2]
		case last == "schema":
			return parent != "headers" && parent != "content"
		default:
			return false
		}
	}
}

// spot is a mapping key at a position.
type spot struct {
	pos model.Pos
	key string
}

// keySpots returns the spots of the mapping keys at ptrs.
func keySpots(ix *index, ptrs []string) []spot {
	out := make([]spot, 0, len(ptrs))
	for _, ptr := range ptrs {
		if e, ok := ix.nodes[ptr]; ok {
			out = append(out, spot{pos: e.pos, key: unescape(ptr[strings.LastIndexByte(ptr, '/')+1:])})
		}
	}
	return out
}

// neutralize returns a copy of data in which each key in spots is renamed,
// in place and at the same length, to an extension (x-...), so that
// kin-openapi skips what the loader has already reported (an unresolved
// $ref, a keyword of the wrong shape, a duplicate key) and goes on to
// report everything else. A key not found at its position stays.
func neutralize(data []byte, spots []spot) []byte {
	if len(spots) == 0 {
		return data
	}
	out := slices.Clone(data)
	lines := lineStarts(data)
	for _, s := range spots {
		if s.pos.Line < 1 || s.pos.Line > len(lines) {
			continue
		}
		off := columnOffset(data, lines[s.pos.Line-1], s.pos.Col)
		if off < len(data) && (data[off] == '"' || data[off] == '\'') {
			off++
		}
		if len(s.key) < 2 || off+len(s.key) > len(data) || string(data[off:off+len(s.key)]) != s.key {
			continue
		}
		copy(out[off:], "x-")
	}
	return out
}

// lineStarts returns the byte offset at which each line of data begins.
func lineStarts(data []byte) []int {
	starts := []int{0}
	for i, b := range data {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// columnOffset returns the byte offset of 1-based column col (counted in
// characters, as the YAML parser counts) of the line starting at start.
func columnOffset(data []byte, start, col int) int {
	off := start
	for c := 1; c < col && off < len(data) && data[off] != '\n'; c++ {
		_, size := utf8.DecodeRune(data[off:])
		off += size
	}
	return off
}
