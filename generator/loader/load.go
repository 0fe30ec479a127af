package loader

import (
	"context"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/hwcorder/ordergen/generator/model"
)

// Load parses and checks one spec. name is the path to print in messages
// (e.g. "specs/dsc.yaml"); data its bytes. On failure the error is a List
// holding every problem found, sorted by position.
func Load(name string, data []byte) (*model.API, error) {
	ix, err := parseYAML(name, data)
	if err != nil {
		return nil, List{err}
	}
	p := &problems{ix: ix, errs: ix.dups}
	checkRefs(ix, p)
	checkCounts(ix, p)
	if len(p.errs) > 0 {
		return nil, sorted(p.errs)
	}
	l := openapi3.NewLoader()
	l.IncludeOrigin = true
	doc, err := l.LoadFromData(data)
	if err != nil {
		return nil, List{&Error{Pos: model.Pos{File: name}, Msg: loadMessage(err)}}
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
	if len(p.errs) > 0 {
		return nil, sorted(p.errs)
	}
	return c.api, nil
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
