package transcribe

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/hwcorder/ordergen/generator/loader"
	"github.com/hwcorder/ordergen/generator/specdiff"
)

var update = flag.Bool("update", false, "rewrite the golden files under golden/transcribe")

// archive is a txtar archive with its comment as text.
type archive struct {
	ar      *txtar.Archive
	Comment string
}

func parseArchive(data string) archive {
	ar := txtar.Parse([]byte(data))
	return archive{ar: ar, Comment: string(ar.Comment)}
}

func (a archive) format() []byte { return txtar.Format(a.ar) }

func (a archive) file(name string) (string, bool) {
	for _, f := range a.ar.Files {
		if f.Name == name {
			return string(f.Data), true
		}
	}
	return "", false
}

func (a *archive) set(name, data string) {
	for i := range a.ar.Files {
		if a.ar.Files[i].Name == name {
			a.ar.Files[i].Data = []byte(data)
			return
		}
	}
	a.ar.Files = append(a.ar.Files, txtar.File{Name: name, Data: []byte(data)})
}

// optionsOf reads "flags: --service x --operation-id y --host z" from the
// archive comment.
func optionsOf(t *testing.T, comment string) Options {
	var o Options
	for _, l := range strings.Split(comment, "\n") {
		rest, ok := strings.CutPrefix(l, "flags:")
		if !ok {
			continue
		}
		f := strings.Fields(rest)
		for i := 0; i+1 < len(f); i += 2 {
			switch f[i] {
			case "--service":
				o.Service = f[i+1]
			case "--operation-id":
				o.OperationID = f[i+1]
			case "--host":
				o.Host = f[i+1]
			case "--sdk":
				o.SDKDir = f[i+1] // relative to generator/transcribe
			default:
				t.Fatalf("unknown flag %q in archive comment", f[i])
			}
		}
	}
	return o
}

func warningsText(page string, ws []Warning) string {
	var b strings.Builder
	for _, w := range ws {
		b.WriteString(w.Format(page) + "\n")
	}
	return b.String()
}

// TestGolden transcribes each golden/transcribe/*.txtar page and compares
// the spec and the warnings with the archive's want/ files.
func TestGolden(t *testing.T) {
	paths, err := filepath.Glob("../../golden/transcribe/*.txtar")
	corpus, _ := filepath.Glob("../../golden/transcribe/corpus/*.txtar")
	paths = append(paths, corpus...)
	if err != nil || len(paths) == 0 {
		t.Fatalf("no golden archives: %v", err)
	}
	for _, path := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			a := parseArchive(string(data))
			page, ok := a.file("page.txt")
			if !ok {
				t.Fatal("archive has no page.txt")
			}
			opts := optionsOf(t, a.Comment)
			spec, ws, err := Transcribe("page.txt", []byte(page), opts)
			if err != nil {
				t.Fatal(err)
			}
			again, _, _ := Transcribe("page.txt", []byte(page), opts)
			if !bytes.Equal(spec, again) {
				t.Error("two transcriptions of the same page differ")
			}
			// The output must load and validate as OpenAPI 3.0.3.
			if _, err := specdiff.Diff("spec.yaml", spec, "spec.yaml", spec); err != nil {
				t.Errorf("output does not load: %v", err)
			}
			// ... and through the generator's own loader, as gen transcribe
			// requires before it writes anything.
			if _, err := loader.Load("spec.yaml", spec); err != nil {
				t.Errorf("output does not load through generator/loader: %v", err)
			}
			for _, w := range ws {
				if w.Line <= 0 {
					t.Errorf("warning without a page line: %s", w.Msg)
				}
			}
			gotW := warningsText("page.txt", ws)
			if *update {
				a.set("want/spec.yaml", string(spec))
				a.set("want/warnings", gotW)
				if err := os.WriteFile(path, a.format(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			wantSpec, _ := a.file("want/spec.yaml")
			wantW, _ := a.file("want/warnings")
			if string(spec) != wantSpec {
				t.Errorf("spec differs from want/spec.yaml (run go test ./generator/transcribe -update and review the diff):\n%s", lineDiff(wantSpec, string(spec)))
			}
			if gotW != wantW {
				t.Errorf("warnings differ:\n%s", lineDiff(wantW, gotW))
			}
		})
	}
}

// lineDiff shows the first lines where two texts differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return "line " + strconv.Itoa(i+1) + ":\n- " + wl + "\n+ " + gl
		}
	}
	return "(same lines)"
}
