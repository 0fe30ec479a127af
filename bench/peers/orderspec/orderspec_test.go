package orderspec

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestBuild checks that Build makes a valid OpenAPI document with n
// operations, each with its own path, operationId and body schema, and
// the same bytes every time.
func TestBuild(t *testing.T) {
	for _, n := range []int{1, 3, 7} {
		data, err := Build(n)
		if err != nil {
			t.Fatal(err)
		}
		again, err := Build(n)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(data, again) {
			t.Errorf("n=%d: two builds differ", n)
		}
		doc, err := openapi3.NewLoader().LoadFromData(data)
		if err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		if err := doc.Validate(context.Background()); err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		ids, bodies := map[string]bool{}, map[string]bool{}
		for _, path := range doc.Paths.InMatchingOrder() {
			for method, op := range doc.Paths.Value(path).Operations() {
				where := fmt.Sprintf("n=%d: %s %s", n, method, path)
				if ids[op.OperationID] {
					t.Errorf("%s: operationId %s used twice", where, op.OperationID)
				}
				ids[op.OperationID] = true
				if op.RequestBody == nil || op.RequestBody.Value == nil {
					t.Fatalf("%s: no request body", where)
				}
				ref := op.RequestBody.Value.Content.Get("application/json").Schema.Ref
				if ref == "" || bodies[ref] {
					t.Errorf("%s: body schema %q is not one of its own", where, ref)
				}
				bodies[ref] = true
			}
		}
		if len(ids) != n {
			t.Errorf("n=%d: %d operations", n, len(ids))
		}
	}
	if _, err := Build(0); err == nil {
		t.Error("Build(0): no error")
	}
}
