package loader

import (
	"context"
	"maps"
	"os"
	"slices"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// remove marks a constraint case that deletes the field instead of setting it.
type remove struct{}

// constraintCase changes one field of an operation's first request example
// (or gives one parameter a value) and says whether the spec must accept
// the result. Rejections are the constraints the doc pages state; the
// accepted neighbours show each bound is where the page puts it.
type constraintCase struct {
	spec  string
	path  []any // keys and indices into the example body; nil for a parameter
	param string
	value any
	ok    bool
}

var constraintCases = []constraintCase{
	{spec: "hss", path: []any{"period_num"}, value: 0.0},
	{spec: "hss", path: []any{"period_num"}, value: 1001.0},
	{spec: "hss", path: []any{"period_num"}, value: 1000.0, ok: true},
	{spec: "hss", path: []any{"subscription_num"}, value: 501.0},
	{spec: "hss", path: []any{"subscription_num"}, value: 500.0, ok: true},
	{spec: "hss", path: []any{"resource_spec_code"}, value: "hss.version.unknown"},
	{spec: "dsc", path: []any{"charging_mode"}, value: 7.0},
	{spec: "dsc", path: []any{"charging_mode"}, value: 0.0, ok: true},
	{spec: "dsc", path: []any{"period_type"}, value: 4.0},
	{spec: "dsc", path: []any{"charging_mode"}, value: remove{}},
	{spec: "dsc", path: []any{"product_infos", 0, "product_id"}, value: remove{}},
	{spec: "dbss", param: "project_id", value: "0123456789012345678901234567890"},
	{spec: "dbss", param: "project_id", value: "01234567890123456789012345678901", ok: true},
}

// TestConstraintsBite checks, with kin-openapi's validator, that the specs
// reject what the doc pages forbid.
func TestConstraintsBite(t *testing.T) {
	docs := map[string]*openapi3.T{}
	for _, c := range constraintCases {
		doc := docs[c.spec]
		if doc == nil {
			doc = loadKin(t, "../../specs/"+c.spec+".yaml")
			docs[c.spec] = doc
		}
		op := firstOperation(doc)
		var schema *openapi3.Schema
		var value any
		if c.param != "" {
			schema, value = op.Parameters.GetByInAndName("path", c.param).Schema.Value, c.value
		} else {
			mt := op.RequestBody.Value.Content.Get("application/json")
			schema, value = mt.Schema.Value, jsonValue(mt.Example)
			set(t, value, c.path, c.value)
		}
		err := schema.VisitJSON(value)
		if (err == nil) != c.ok {
			t.Errorf("%s %v%s = %#v: accepted %v, want %v (%v)", c.spec, c.path, c.param, c.value, err == nil, c.ok, err)
		}
	}
}

func loadKin(t *testing.T, file string) *openapi3.T {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Skip(err)
	}
	doc, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return doc
}

// firstOperation returns the first POST: each seed spec has one.
func firstOperation(doc *openapi3.T) *openapi3.Operation {
	for _, path := range slices.Sorted(maps.Keys(doc.Paths.Map())) {
		if op := doc.Paths.Value(path).Post; op != nil {
			return op
		}
	}
	return nil
}

// set changes (or, with remove{}, deletes) the value at path in v.
func set(t *testing.T, v any, path []any, value any) {
	t.Helper()
	for i, key := range path {
		last := i == len(path)-1
		switch k := key.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("%v: not an object at %v", path, k)
			}
			if !last {
				v = m[k]
			} else if _, del := value.(remove); del {
				delete(m, k)
			} else {
				m[k] = value
			}
		case int:
			a, ok := v.([]any)
			if !ok || k >= len(a) {
				t.Fatalf("%v: no item %d", path, k)
			}
			if !last {
				v = a[k]
			} else {
				a[k] = value
			}
		}
	}
}
