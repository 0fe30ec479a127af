package loader

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"
)

// minimalSpec is a valid spec to which tests append data.
const minimalSpec = `openapi: 3.0.3
info:
  title: Orders
  version: '1'
paths:
  /v1/orders:
    post:
      operationId: CreateOrder
      responses:
        '200':
          description: Created.
`

// extensionSpec returns a valid spec of about size bytes, most of it
// extension data under #/info/x-data: many keys, each a list of strings.
func extensionSpec(size int) []byte {
	var b bytes.Buffer
	b.WriteString(minimalSpec)
	b.WriteString("x-data:\n")
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "  key-%d:\n    - some/value~%d\n    - another value of %d\n", i, i, i)
	}
	return b.Bytes()
}

// allocated returns the bytes allocated while f runs.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestExtensionDataLinear loads specs of extension data of two sizes and
// checks that the bytes allocated grow at most linearly: four times the
// input may cost at most five times the allocations (a per-key cost that
// grew with the document, as a Replacer built per key did, shows as 16).
func TestExtensionDataLinear(t *testing.T) {
	small, large := extensionSpec(250_000), extensionSpec(1_000_000)
	var errS, errL error
	a := allocated(func() { _, errS = Load("spec.yaml", small) })
	b := allocated(func() { _, errL = Load("spec.yaml", large) })
	if errS != nil || errL != nil {
		t.Fatalf("Load: %v / %v", errS, errL)
	}
	ratio := float64(b) / float64(a) * float64(len(small)) / float64(len(large)) * 4
	t.Logf("%d bytes: %d allocated; %d bytes: %d allocated; ratio for 4x input %.2f", len(small), a, len(large), b, ratio)
	if ratio > 5 {
		t.Errorf("allocations grow faster than the input: %.2f for 4x", ratio)
	}
	if per := float64(b) / float64(len(large)); per > 400 {
		t.Errorf("%.0f bytes allocated per input byte; want at most 400", per)
	}
}

// TestHugeExtensionData is the 50 MB case of TestExtensionDataLinear, run
// by hand: ORDERGEN_HUGE=50000000 go test ./generator/loader -run HugeExtension -v
func TestHugeExtensionData(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("ORDERGEN_HUGE"))
	if n == 0 {
		t.Skip("set ORDERGEN_HUGE to a size in bytes")
	}
	data := extensionSpec(n)
	start := time.Now()
	var err error
	a := allocated(func() { _, err = Load("spec.yaml", data) })
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("%d bytes: %v, %d bytes allocated (%.0f per input byte), peak heap sys %d MB, err %v",
		len(data), time.Since(start), a, float64(a)/float64(len(data)), ms.HeapSys>>20, err)
}

// aliasBomb is the classic billion-laughs document: 506 bytes whose nine
// levels of aliases stand for 10^9 nodes.
func aliasBomb() []byte {
	var b bytes.Buffer
	b.WriteString(minimalSpec)
	b.WriteString("x-bomb:\n")
	b.WriteString("  a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n")
	for i, c := range "bcdefghi" {
		prev := string(rune('a' + i))
		fmt.Fprintf(&b, "  %c: &%c [*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s]\n", c, c, prev, prev, prev, prev, prev, prev, prev, prev, prev)
	}
	return b.Bytes()
}

// TestAliasBomb checks that a document whose aliases expand past the
// limit is refused, with one located error, and cheaply.
func TestAliasBomb(t *testing.T) {
	data := aliasBomb()
	var err error
	a := allocated(func() { _, err = Load("spec.yaml", data) })
	var list List
	if !errors.As(err, &list) || len(list) != 1 {
		t.Fatalf("Load = %v; want one error", err)
	}
	const want = "spec.yaml:17:10: #/x-bomb/e/0: YAML aliases expand to more than 10000 nodes; write the value out or use $ref"
	if got := list.Error(); got != want {
		t.Errorf("error = %q\nwant    %q", got, want)
	}
	if a > 64<<20 {
		t.Errorf("refusing a %d-byte alias bomb allocated %d bytes", len(data), a)
	}
}

// TestAliasesWithinLimit checks that a few aliases are still expanded.
func TestAliasesWithinLimit(t *testing.T) {
	data := []byte(minimalSpec + "x-base: &base {a: 1, b: [1, 2]}\nx-copy: *base\n")
	if _, err := Load("spec.yaml", data); err != nil {
		t.Fatal(err)
	}
}

// TestJSONPathSameModel loads every spec of specs/ and testdata/ both ways
// kin-openapi can be given a document (YAML, and the JSON kinInput writes
// for documents with huge mappings) and expects the same model.
func TestJSONPathSameModel(t *testing.T) {
	files, _ := filepath.Glob("../../specs/*.yaml")
	more, _ := filepath.Glob("testdata/*.yaml")
	files = append(files, more...)
	if len(files) < 4 {
		t.Fatalf("found only %v", files)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		viaYAML, err1 := loadWith(f, data, maxYAMLKeys)
		viaJSON, err2 := loadWith(f, data, 0)
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: %v / %v", f, err1, err2)
		}
		if !reflect.DeepEqual(viaYAML, viaJSON) {
			t.Errorf("%s: the model differs when kin-openapi reads JSON", f)
		}
	}
}

// TestJSONPathErrors checks that every golden/errors case still fails
// when kin-openapi reads JSON, saying the same things: only kin-openapi's
// validation errors may be located less precisely (and so be repeated).
func TestJSONPathErrors(t *testing.T) {
	files, _ := filepath.Glob("../../golden/errors/*.txtar")
	for _, file := range files {
		data, _ := os.ReadFile(file)
		spec, _ := archiveFile(txtar.Parse(data), "spec.yaml")
		_, err1 := loadWith("spec.yaml", spec, maxYAMLKeys)
		_, err2 := loadWith("spec.yaml", spec, 0)
		if err1 == nil || err2 == nil {
			t.Errorf("%s: error via YAML %v, via JSON %v", file, err1, err2)
			continue
		}
		if m1, m2 := messages(err1), messages(err2); !reflect.DeepEqual(m1, m2) {
			t.Errorf("%s: messages differ via YAML and JSON:\n%v\n--\n%v", file, err1, err2)
		}
	}
}

// messages returns the set of messages of a List, without positions.
func messages(err error) map[string]bool {
	var list List
	errors.As(err, &list)
	out := map[string]bool{}
	for _, e := range list {
		switch e := e.(type) {
		case *Error:
			out[e.Msg] = true
		case *UnsupportedError:
			out[e.Construct+e.Detail] = true
		}
	}
	return out
}

// TestQuadraticIndex checks that documents whose JSON pointers would grow
// with the square of their size (deep nesting; a long key over many
// children) are refused cheaply, with one located error.
func TestQuadraticIndex(t *testing.T) {
	long := strings.Repeat("k", 100_000)
	cases := map[string][]byte{
		"deep":     []byte(minimalSpec + "x-deep: " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "\n"),
		"long key": []byte(minimalSpec + "x-" + long + ": [" + strings.Repeat("1,", 50_000) + "1]\n"),
	}
	for name, data := range cases {
		var err error
		a := allocated(func() { _, err = Load("spec.yaml", data) })
		var list List
		if !errors.As(err, &list) || len(list) != 1 || !strings.Contains(list.Error(), "nests too deep or repeats too long keys") {
			t.Errorf("%s: Load = %.300v; want the one error about the pointers' size", name, err)
		}
		if limit := maxAllocated(len(data)); a > limit {
			t.Errorf("%s: %d bytes allocated for %d bytes of input; want at most %d", name, a, len(data), limit)
		}
	}
}
