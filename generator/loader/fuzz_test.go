package loader

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// FuzzLoad feeds mutated specs to Load: it must never panic, every
// problem it reports must be located in the file it was given, and it may
// allocate at most a bounded multiple of its input (maxAllocated). The
// seeds are our specs and every golden/errors case (alias bomb included).
// Run it with a short minimisation budget, since the seeds are large
// (make fuzz does):
//
//	go test ./generator/loader -run '^$' -fuzz FuzzLoad -fuzztime 90s -fuzzminimizetime 1x
func FuzzLoad(f *testing.F) {
	specs, _ := filepath.Glob("../../specs/*.yaml")
	cases, _ := filepath.Glob("../../golden/errors/*.txtar")
	for _, file := range specs {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	for _, file := range cases {
		if data, err := os.ReadFile(file); err == nil {
			if spec, ok := archiveFile(txtar.Parse(data), "spec.yaml"); ok {
				f.Add(spec)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		before := ms.TotalAlloc
		api, err := Load("spec.yaml", data)
		runtime.ReadMemStats(&ms)
		if n := ms.TotalAlloc - before; n > maxAllocated(len(data)) {
			t.Errorf("Load of %d bytes allocated %d bytes; want at most %d", len(data), n, maxAllocated(len(data)))
		}
		if err == nil {
			if api == nil {
				t.Fatal("no API and no error")
			}
			return
		}
		var list List
		if !errors.As(err, &list) || len(list) == 0 {
			t.Fatalf("error %T is not a non-empty List: %v", err, err)
		}
		for _, e := range list {
			var le *Error
			var ue *UnsupportedError
			if !errors.As(e, &le) && !errors.As(e, &ue) {
				t.Errorf("problem %T is neither *Error nor *UnsupportedError: %v", e, e)
			}
			if !strings.HasPrefix(e.Error(), "spec.yaml") {
				t.Errorf("problem not located in spec.yaml: %v", e)
			}
		}
	})
}

// maxAllocated is the most Load may allocate for an input of n bytes: a
// fixed allowance for kin-openapi's set-up and the support tables, plus a
// multiple of the input (40 bytes per byte are measured on 50 MB of
// extension data; see TestHugeExtensionData).
func maxAllocated(n int) uint64 { return 64<<20 + 200*uint64(n) }

// TestMutations runs Load on a fixed-seed series of byte-mutated specs:
// the fuzz target's property without the fuzzing engine.
func TestMutations(t *testing.T) {
	var seeds [][]byte
	files, _ := filepath.Glob("../../specs/*.yaml")
	for _, f := range files {
		if data, err := os.ReadFile(f); err == nil {
			seeds = append(seeds, data)
		}
	}
	if len(seeds) == 0 {
		t.Skip("no specs")
	}
	n := 500
	if testing.Short() {
		n = 200
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range n {
		data := mutate(r, seeds[r.IntN(len(seeds))])
		_, err := Load("spec.yaml", data)
		var list List
		if err != nil && !errors.As(err, &list) {
			t.Fatalf("mutation %d: error %T is not a List", i, err)
		}
	}
}

// mutate returns a copy of data with a few bytes replaced, dropped or
// moved.
func mutate(r *rand.Rand, data []byte) []byte {
	b := slices.Clone(data)
	for range 1 + r.IntN(4) {
		p := r.IntN(len(b))
		switch r.IntN(3) {
		case 0:
			b[p] = byte(r.IntN(128))
		case 1:
			b = slices.Delete(b, p, p+1)
		default:
			q := r.IntN(len(b))
			b = slices.Insert(b, p, b[q:min(q+8, len(b))]...)
		}
	}
	return b
}
