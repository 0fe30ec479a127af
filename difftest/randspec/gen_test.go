package randspec

import (
	"bytes"
	"context"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestDocumentsValid checks, without building anything, that the
// generator's documents are valid OpenAPI 3.0.3 for kin-openapi, that a
// seed always makes the same document and values, and that Valid values
// mostly are valid: a generator of invalid documents or values would test
// only the refusal paths.
func TestDocumentsValid(t *testing.T) {
	valid, total := 0, 0
	for seed := uint64(1); seed <= 300; seed++ {
		d := NewDocument(seed, AllFeatures())
		spec := d.YAML()
		if !bytes.Equal(spec, NewDocument(seed, AllFeatures()).YAML()) {
			t.Fatalf("seed %d: two different documents", seed)
		}
		doc, err := openapi3.NewLoader().LoadFromData(spec)
		if err == nil {
			err = doc.Validate(context.Background())
		}
		if err != nil {
			t.Fatalf("seed %d: kin-openapi rejects the document: %v\n%s", seed, err, spec)
		}
		g1, g2 := NewGen(seed, AllFeatures()), NewGen(seed, AllFeatures())
		for i, s := range d.Schemas {
			v1, v2 := canonical(g1.Valid(s)), canonical(g2.Valid(s))
			if v1 != v2 {
				t.Fatalf("seed %d: Valid differs between runs: %s, %s", seed, v1, v2)
			}
			total++
			if kinVerdict(doc.Components.Schemas[Name(i)].Value, []byte(v1)) == nil {
				valid++
			}
		}
	}
	t.Logf("%d of %d values from Valid are valid for kin-openapi", valid, total)
	if valid*2 < total {
		t.Errorf("only %d of %d values from Valid are valid", valid, total)
	}
}
