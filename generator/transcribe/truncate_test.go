package transcribe

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hwcorder/ordergen/generator/specdiff"
)

// TestTruncatedPages cuts every golden page after each of its lines and
// transcribes the prefix (every other line, to keep -race runs short): a
// page cut anywhere must give a spec or an
// error, never a panic; every tenth cut's spec must also load (loading
// every one is slow under -race).
func TestTruncatedPages(t *testing.T) {
	paths, err := filepath.Glob("../../golden/transcribe/*.txtar")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no golden archives: %v", err)
	}
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		a := parseArchive(string(data))
		page, _ := a.file("page.txt")
		opts := optionsOf(t, a.Comment)
		if opts.Service == "" {
			opts.Service = "demo"
		}
		lines := strings.SplitAfter(page, "\n")
		for n := 1; n <= len(lines); n += 2 {
			prefix := strings.Join(lines[:n], "")
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("%s cut after line %d: panic: %v", filepath.Base(path), n, r)
					}
				}()
				spec, _, err := Transcribe("page.txt", []byte(prefix), opts)
				if err != nil {
					if !strings.Contains(err.Error(), "not an API reference page") {
						t.Errorf("%s cut after line %d: %v", filepath.Base(path), n, err)
					}
					return
				}
				if n%10 != 1 {
					return
				}
				if _, err := specdiff.Diff("a.yaml", spec, "b.yaml", spec); err != nil {
					t.Errorf("%s cut after line %d: spec does not load: %v", filepath.Base(path), n, err)
				}
			}()
		}
	}
}
