package difftest

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hwcorder/ordergen/difftest/rich"
	"github.com/hwcorder/ordergen/generator"
)

// TestRichUpToDate checks that the committed package rich is what the
// generator makes of rich/rich.yaml now, leaving out the client, signing
// and mock support code, which the differential test does not run (so
// that changing those templates does not make this test fail). Regenerate
// it with
//
//	go run ./cmd/gen --spec difftest/rich/rich.yaml --out difftest/rich --package rich
func TestRichUpToDate(t *testing.T) {
	data, err := os.ReadFile(richSpec)
	if err != nil {
		t.Fatal(err)
	}
	files, err := generator.Generate("difftest/"+richSpec, data, generator.Config{Package: "rich", ImportPath: "github.com/hwcorder/ordergen/difftest/rich"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, f := range files {
		want[f.Name] = true
		got, err := os.ReadFile(filepath.Join("rich", f.Name))
		if err != nil {
			t.Errorf("%v (regenerate rich)", err)
			continue
		}
		if !bytes.Equal(got, f.Data) {
			t.Errorf("rich/%s is stale (regenerate rich)", f.Name)
		}
	}
	old, err := filepath.Glob(filepath.Join("rich", "*.gen.go"))
	if err != nil {
		t.Fatal(err)
	}
	mock, _ := filepath.Glob(filepath.Join("rich", "*", "*.gen.go"))
	for _, name := range append(old, mock...) {
		if rel, _ := filepath.Rel("rich", name); !want[rel] {
			t.Errorf("%s is no longer generated; delete it", name)
		}
	}
}

// richValid uses every member of rich.Order with a valid value.
const richValid = `{
	"id": "ab12", "must_note": "x", "count": 100, "big": 9000000000, "plain_int": -9,
	"price": 99.25, "step": 2.75, "ratio": 0.07, "kind": "x-large", "level": 5, "scale": 0.5,
	"note": null, "maybe_count": 1, "flag": true, "day": "2024-02-29",
	"at": "2024-02-29T23:59:60.5+08:00", "blob": "aGVsbG8=", "secret": "s3cr3t",
	"lines": [{"sku": "AB1", "qty": 1, "unit_price": 0}, {"sku": "ZZ9", "qty": 2}],
	"codes": ["a", "中", "😀"], "grid": [[0, 1], [], [2]], "nums": [10, -1.5],
	"maybe_nums": [null, 1, 2], "nested_maps": {"a": ["xy", "中"], "b": []},
	"labels": {"k": "v", "l": "w"}, "counts": {"a": 9, "b": -1}, "extra": {"any": [1]},
	"inner": {"ok": true, "inner": {"sku": "AB1", "qty": 1}, "tags": [1, 2, 3]},
	"kinds": ["small", "large"], "maybe_line": {"qty": 5},
	"address": {"city": "c", "zip": "12345"}, "colors": ["red", null, "green"],
	"small_grid": [[true], [false, true]]
}`

// TestRichValidateAllocatesNothing: on a valid value using every construct,
// Validate allocates nothing (maps ranged unsorted, scalar uniqueItems
// compared pairwise, multipleOf in float64).
func TestRichValidateAllocatesNothing(t *testing.T) {
	tg := mustService(t, "rich").body
	if d := compare(tg, []byte(richValid)); d != "" {
		t.Fatal(d)
	}
	if err := kinVerdict(tg, []byte(richValid)); err != nil {
		t.Fatalf("kin-openapi rejects the valid body: %v", err)
	}
	var o rich.Order
	if err := json.Unmarshal([]byte(richValid), &o); err != nil {
		t.Fatal(err)
	}
	if raceEnabled {
		t.Skip("the race detector allocates; make test runs this without -race too")
	}
	if n := testing.AllocsPerRun(100, func() {
		if err := o.Validate(); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Errorf("Validate allocates %v times on a valid body", n)
	}
}

// TestRichMapViolationOrder: violations found ranging over maps come out
// sorted by pointer, whatever order the map yields its keys in.
func TestRichMapViolationOrder(t *testing.T) {
	body := strings.Replace(richValid, `"counts": {"a": 9, "b": -1}`, `"counts": {"z": 10, "a": 11, "m": 12, "b": 13}`, 1)
	want := "/counts/a /counts/b /counts/m /counts/z"
	for range 20 {
		var o rich.Order
		if err := json.Unmarshal([]byte(body), &o); err != nil {
			t.Fatal(err)
		}
		var ve *rich.ValidationError
		if !errors.As(o.Validate(), &ve) {
			t.Fatal("no *ValidationError")
		}
		var got []string
		for _, v := range ve.Violations {
			got = append(got, v.Pointer)
		}
		if strings.Join(got, " ") != want {
			t.Fatalf("pointers %q, want %s", got, want)
		}
	}
}
