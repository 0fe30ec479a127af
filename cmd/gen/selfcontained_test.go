package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hwcorder/ordergen/specs"
)

// repoPath matches what looks like a path of this repository in generated
// text: a file with one of the extensions the repository's documents and
// specs have, or anything under one of its top-level directories.
var repoPath = regexp.MustCompile(`[\w./-]+\.(?:yaml|md|txtar)\b|\b(?:docs|specs|golden|templates|generator|internal|cmd|difftest|e2e)/[\w./-]*\w`)

// knownDangling are references that downstream output still carries, to
// be fixed where they come from; none today.
var knownDangling []string

// TestOutputSelfContained generates every embedded service as a
// downstream repository would (gen --service NAME) and requires every
// path the code mentions to be either a path of this module written in
// full (github.com/hwcorder/ordergen/...), which a downstream repository
// can look up, or a file of the output itself. The known exceptions must
// still occur, so that the list shrinks when they are fixed.
func TestOutputSelfContained(t *testing.T) {
	seen := map[string]bool{}
	for _, svc := range specs.Services() {
		out := filepath.Join(t.TempDir(), svc)
		if code, _, stderr := gen(t, "--service", svc, "--out", out); code != 0 {
			t.Fatalf("gen --service %s: exit %d\n%s", svc, code, stderr)
		}
		paths, _ := filepath.Glob(filepath.Join(out, "*.go"))
		mocks, _ := filepath.Glob(filepath.Join(out, "*", "*.go"))
		paths = append(paths, mocks...)
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			for _, ref := range repoPath.FindAllString(string(data), -1) {
				ref = strings.TrimSuffix(ref, ".")
				switch {
				case strings.HasPrefix(ref, ourModule+"/"):
				case exists(filepath.Join(out, ref)):
				case slices.Contains(knownDangling, ref):
					seen[ref] = true
				default:
					t.Errorf("%s mentions %s, which a downstream repository does not have", p, ref)
				}
			}
		}
	}
	for _, ref := range knownDangling {
		if !seen[ref] {
			t.Errorf("%s no longer occurs: remove it from knownDangling", ref)
		}
	}
}
