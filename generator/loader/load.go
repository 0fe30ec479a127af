package loader

import (
	"cmp"
	"context"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/pb33f/go-yaml"

	"github.com/hwcorder/ordergen/generator/model"
)

// Load parses and checks one spec. name is the path to print in messages
// (e.g. "specs/dsc.yaml"); data its bytes. On failure the error is a List
// holding every problem found, sorted by position.
func Load(name string, data []byte) (*model.API, error) {
	return loadWith(name, data, maxYAMLKeys)
}

// loadWith is Load with the largest mapping kin-openapi may read as YAML
// (see kinInput); tests lower it to compare the two ways.
func loadWith(name string, data []byte, yamlKeys int) (*model.API, error) {
	ix, err := parseYAML(name, data)
	if err != nil {
		return nil, List{err}
	}
	if err := checkVersion(ix); err != nil {
		return nil, List{err}
	}
	p := &problems{ix: ix, errs: ix.dups}
	badRefs := checkRefs(ix, p)
	badKeys := checkKeywords(ix, p)
	own := len(p.errs)
	spots := append(keySpots(ix, append(badRefs, badKeys...)), ix.dupKeys...)
	l := openapi3.NewLoader()
	l.IncludeOrigin = true
	doc, err := l.LoadFromData(kinInput(ix, data, spots, yamlKeys))
	if err != nil {
		p.errs = append(p.errs, decodeError(ix, err))
		return nil, sorted(p.errs)
	}
	verr := doc.Validate(context.Background(), openapi3.EnableMultiError(), openapi3.DisableExamplesValidation())
	p.errs = append(p.errs, kinErrors(ix, verr)...)
	c := &converter{
		problems:      p,
		doc:           doc,
		api:           &model.API{Source: name},
		schemas:       map[string]*model.Schema{},
		inProgress:    map[string]bool{},
		enumSuffixes:  map[*model.Schema][]string{},
		secretHeaders: map[string]bool{},
	}
	c.convert()
	p.errs = append(p.errs[:own], consequences(p.errs[own:], badRefs, badKeys)...)
	if len(p.errs) > 0 {
		return nil, sorted(p.errs)
	}
	return c.api, nil
}

// consequences drops from errs what follows from a problem already
// reported: anything at or under an object whose $ref was hidden, and
// anything at a schema one of whose keywords was.
func consequences(errs []error, badRefs, badKeys []string) []error {
	if len(badRefs)+len(badKeys) == 0 {
		return errs
	}
	under, at := map[string]bool{}, map[string]bool{}
	for _, r := range badRefs {
		under[strings.TrimSuffix(r, "/$ref")] = true
	}
	for _, k := range badKeys {
		at[k], at[k[:strings.LastIndexByte(k, '/')]] = true, true
	}
	return slices.DeleteFunc(errs, func(e error) bool {
		_, ptr := located(e)
		if at[ptr] {
			return true
		}
		for p := ptr; p != ""; {
			if under[p] {
				return true
			}
			i := strings.LastIndexByte(p, '/')
			if i < 0 {
				break
			}
			p = p[:i]
		}
		return false
	})
}

// unmarshalError matches encoding/json's complaint about a value of the
// wrong type, as kin-openapi passes it on.
var unmarshalError = regexp.MustCompile(`cannot unmarshal (\w+) into (?:Go struct )?field (?:\w+\.)*(\w+) of type`)

// decodeError locates an error kin-openapi met while decoding the
// document. Its message names the field but not where it is: the position
// is that of the first key of that name, in document order, whose value
// has the type the message names.
func decodeError(ix *index, err error) error {
	out := &Error{Pos: model.Pos{File: ix.file}, Msg: loadMessage(err)}
	m := unmarshalError.FindStringSubmatch(err.Error())
	if m == nil {
		return out
	}
	var found []string
	for ptr, e := range ix.nodes {
		if strings.HasSuffix(ptr, "/"+escape(m[2])) && !inData(ptr) && jsonKind(e.node) == m[1] {
			found = append(found, ptr)
		}
	}
	if len(found) == 0 {
		return out
	}
	first := slices.MinFunc(found, func(a, b string) int {
		pa, pb := ix.nodes[a].pos, ix.nodes[b].pos
		return cmp.Or(cmp.Compare(pa.Line, pb.Line), cmp.Compare(pa.Col, pb.Col), cmp.Compare(a, b))
	})
	out.Pos, out.Pointer = ix.nodes[first].pos, first
	return out
}

// jsonKind names the JSON type of a YAML node as encoding/json does in
// its errors: object, array, string, number, bool.
func jsonKind(n *yaml.Node) string {
	switch {
	case n.Kind == yaml.MappingNode:
		return "object"
	case n.Kind == yaml.SequenceNode:
		return "array"
	}
	switch n.ShortTag() {
	case "!!int", "!!float":
		return "number"
	case "!!bool":
		return "bool"
	case "!!null":
		return "null"
	}
	return "string"
}

// converter turns a loaded document into a model.API, collecting problems.
type converter struct {
	*problems
	doc *openapi3.T
	api *model.API
	// schemas holds each converted schema by the pointer it is defined at.
	schemas map[string]*model.Schema
	// inProgress holds the $ref targets being converted, to find cycles.
	inProgress map[string]bool
	named      []named
	// enumSuffixes holds each enum's constant-name suffixes until its
	// type is named.
	enumSuffixes map[*model.Schema][]string
	// secretHeaders holds the lower-cased names of credential headers.
	secretHeaders map[string]bool
}

func (c *converter) convert() {
	c.info()
	c.securitySchemes()
	c.components()
	c.operations()
	c.resolveNames()
	c.checkIdents()
	c.api.Schemas = c.schemaList()
}

func (c *converter) info() {
	a := c.api
	if i := c.doc.Info; i != nil {
		a.Title, a.Version, a.Description = i.Title, i.Version, i.Description
		a.Service = c.stringExt(i.Extensions, "x-service", "#/info")
		a.ErrorCodePrefix = c.stringExt(i.Extensions, "x-error-code-prefix", "#/info")
		a.Notes = c.notes(i.Extensions, "#/info")
	}
	if a.Service == "" {
		base := path.Base(strings.ReplaceAll(a.Source, `\`, "/"))
		a.Service = strings.TrimSuffix(base, path.Ext(base))
	}
	if a.ErrorCodePrefix == "" {
		a.ErrorCodePrefix = strings.ToUpper(a.Service) + "."
	}
}

// components converts every component schema, used or not, by name.
func (c *converter) components() {
	if c.doc.Components == nil {
		return
	}
	ss := c.doc.Components.Schemas
	for _, name := range slices.Sorted(maps.Keys(ss)) {
		ref := ss[name]
		if ref == nil {
			continue
		}
		ptr := join("#/components/schemas", name)
		if ref.Ref != "" {
			c.unsupported(ptr, "a component schema that is only a $ref", "refer to "+ref.Ref+" directly")
			continue
		}
		c.schema(&openapi3.SchemaRef{Ref: ptr, Value: ref.Value}, ptr, hint{})
	}
}

// stringExt reads a string extension; absent means "".
func (c *converter) stringExt(ext map[string]any, name, ptr string) string {
	raw, ok := ext[name]
	if !ok {
		return ""
	}
	s, ok := raw.(string)
	if !ok {
		c.errorf(join(ptr, name), "%s must be a string", name)
	}
	return s
}

// loadMessage shortens kin-openapi's decoding errors, which repeat the
// failure once per decoder tried, to the last decoder's complaint.
func loadMessage(err error) string {
	msg := firstLine(err.Error())
	if i := strings.LastIndex(msg, "json: "); i >= 0 {
		msg = "cannot decode the document: " + msg[i+len("json: "):]
	}
	return lowerFirst(msg)
}
