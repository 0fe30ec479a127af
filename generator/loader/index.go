package loader

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/pb33f/go-yaml"

	"github.com/hwcorder/ordergen/generator/model"
)

// index maps every JSON pointer of a YAML document to its position and, for
// mappings, the keys in document order. kin-openapi decodes objects into Go
// maps and so loses key order; the index keeps it.
type index struct {
	file  string
	nodes map[string]*entry
	// byPos maps line and column to the shortest pointer located there.
	byPos map[[2]int]string
	// dups reports mapping keys given twice, which YAML forbids;
	// dupKeys are where the second ones are.
	dups    []error
	dupKeys []spot
	// aliased counts the nodes reached through YAML aliases; aliasErr is
	// set once it passes maxAliasNodes, or once the pointers take more
	// than ptrLimit bytes, and stops the walk.
	aliased  int
	aliasErr error
	ptrBytes int
	ptrLimit int
	// root is the document's top node; maxKeys the most keys of one
	// mapping (see kinInput).
	root    *yaml.Node
	maxKeys int
	// aliasRoot is where the alias being expanded is used.
	aliasRoot *Error
}

// maxAliasNodes is how many nodes YAML aliases may add to a document in
// all. Each alias is expanded where it is used, so a few hundred bytes of
// nested aliases can stand for billions of nodes; past this limit the
// document is refused before anything expands it further.
const maxAliasNodes = 10000

// maxPointerBytes is how many bytes the JSON pointers of a document may
// take per byte of it (plus 1 MB). Every node's pointer repeats its
// ancestors' keys, so deep nesting or long keys over many children would
// make the index grow with the square of the input; real specs stay near
// 2.
const maxPointerBytes = 16

type entry struct {
	pos  model.Pos
	node *yaml.Node
	keys []string // mapping keys in order; nil for other nodes
}

// parseYAML parses data into an index. A syntax error comes back as an
// *Error carrying the line the YAML parser reports.
func parseYAML(file string, data []byte) (*index, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(file, err)
	}
	ix := &index{file: file, nodes: map[string]*entry{}, byPos: map[[2]int]string{}, ptrLimit: 1<<20 + maxPointerBytes*len(data)}
	if len(doc.Content) == 0 {
		return nil, &Error{Pos: model.Pos{File: file}, Msg: "empty document"}
	}
	root := doc.Content[0]
	ix.root = root
	ix.walk("#", model.Pos{File: file, Line: root.Line, Col: root.Column}, root, false)
	if ix.aliasErr != nil {
		return nil, ix.aliasErr
	}
	return ix, nil
}

// yamlError locates a YAML syntax error at the line and column the
// parser reports.
func yamlError(file string, err error) error {
	var le *yaml.LoadError
	if !errors.As(err, &le) {
		return &Error{Pos: model.Pos{File: file}, Msg: firstLine(err.Error())}
	}
	msg := "yaml: " + le.Message
	if le.ContextMsg != "" {
		msg += " " + le.ContextMsg
	}
	return &Error{Pos: model.Pos{File: file, Line: le.Mark.Line, Col: le.Mark.Column}, Msg: msg}
}

// walk indexes n at ptr and everything below it; viaAlias says n was
// reached through an alias, whose expansion counts against maxAliasNodes.
func (ix *index) walk(ptr string, pos model.Pos, n *yaml.Node, viaAlias bool) {
	if ix.aliasErr != nil {
		return
	}
	if n.Kind == yaml.AliasNode && !viaAlias {
		viaAlias, ix.aliasRoot = true, &Error{Pos: pos, Pointer: ptr}
	}
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if viaAlias {
		if ix.aliased++; ix.aliased > maxAliasNodes {
			ix.aliasErr = ix.aliasRoot
			ix.aliasRoot.Msg = fmt.Sprintf("YAML aliases expand to more than %d nodes; write the value out or use $ref", maxAliasNodes)
			return
		}
	}
	if ix.ptrBytes += len(ptr); ix.ptrBytes > ix.ptrLimit {
		ix.aliasErr = &Error{Pos: pos, Pointer: truncate(ptr, 200), Msg: fmt.Sprintf(
			"the document nests too deep or repeats too long keys for its size: its JSON pointers pass %d bytes", ix.ptrLimit)}
		return
	}
	e := &entry{pos: pos, node: n}
	ix.nodes[ptr] = e
	key := [2]int{pos.Line, pos.Col}
	if _, ok := ix.byPos[key]; !ok {
		ix.byPos[key] = ptr
	}
	switch n.Kind {
	case yaml.MappingNode:
		ix.maxKeys = max(ix.maxKeys, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content) && ix.aliasErr == nil; i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			kptr, kpos := ptr+"/"+escape(k.Value), model.Pos{File: ix.file, Line: k.Line, Col: k.Column}
			if first, ok := ix.nodes[kptr]; ok {
				ix.ptrBytes += len(kptr)
				ix.dups = append(ix.dups, &Error{Pos: kpos, Pointer: kptr, Msg: "duplicate key \"" + k.Value + "\" (first at " + first.pos.String() + ")"})
				ix.dupKeys = append(ix.dupKeys, spot{pos: kpos, key: k.Value})
				continue
			}
			e.keys = append(e.keys, k.Value)
			ix.walk(kptr, kpos, v, viaAlias)
		}
	case yaml.SequenceNode:
		for i, v := range n.Content {
			if ix.aliasErr != nil {
				return
			}
			ix.walk(ptr+"/"+strconv.Itoa(i), model.Pos{File: ix.file, Line: v.Line, Col: v.Column}, v, viaAlias)
		}
	}
}

// truncate shortens s to at most n bytes, marking the cut.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

// pos returns the position of ptr, or of its closest indexed ancestor.
func (ix *index) pos(ptr string) model.Pos {
	for {
		if e, ok := ix.nodes[ptr]; ok {
			return e.pos
		}
		i := strings.LastIndexByte(ptr, '/')
		if i < 0 {
			return model.Pos{File: ix.file}
		}
		ptr = ptr[:i]
	}
}

// keys returns the mapping keys at ptr in document order.
func (ix *index) keys(ptr string) []string {
	if e, ok := ix.nodes[ptr]; ok {
		return e.keys
	}
	return nil
}

// has reports whether ptr exists in the document.
func (ix *index) has(ptr string) bool {
	_, ok := ix.nodes[ptr]
	return ok
}

// pointerEscaper encodes JSON pointer tokens; a Replacer is safe for
// concurrent use and costly to build, so there is one.
var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")

// escape encodes one JSON pointer token.
func escape(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return pointerEscaper.Replace(s)
}

// join appends tokens, escaped, to a pointer.
func join(ptr string, tokens ...string) string {
	for _, t := range tokens {
		ptr += "/" + escape(t)
	}
	return ptr
}
