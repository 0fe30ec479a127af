package transcribe

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/hwcorder/ordergen/generator/specdiff"
)

var update = flag.Bool("update", false, "rewrite the golden files under golden/transcribe")

// archive is a txtar archive: a comment, then files introduced by
// "-- name --" lines. (A few lines of our own instead of a dependency.)
type archive struct {
	Comment string
	Files   []archiveFile
}

type archiveFile struct {
	Name string
	Data string
}

func parseArchive(data string) archive {
	var a archive
	cur := -1
	for _, l := range strings.SplitAfter(data, "\n") {
		t := strings.TrimRight(l, "\n")
		if strings.HasPrefix(t, "-- ") && strings.HasSuffix(t, " --") && len(t) > 6 {
			a.Files = append(a.Files, archiveFile{Name: strings.TrimSpace(t[3 : len(t)-3])})
			cur = len(a.Files) - 1
			continue
		}
		if cur < 0 {
			a.Comment += l
		} else {
			a.Files[cur].Data += l
		}
	}
	return a
}

func (a archive) format() []byte {
	var b bytes.Buffer
	b.WriteString(a.Comment)
	for _, f := range a.Files {
		b.WriteString("-- " + f.Name + " --\n")
		b.WriteString(f.Data)
		if f.Data != "" && !strings.HasSuffix(f.Data, "\n") {
			b.WriteString("\n")
		}
	}
	return b.Bytes()
}

func (a archive) file(name string) (string, bool) {
	for _, f := range a.Files {
		if f.Name == name {
			return f.Data, true
		}
	}
	return "", false
}

func (a *archive) set(name, data string) {
	for i := range a.Files {
		if a.Files[i].Name == name {
			a.Files[i].Data = data
			return
		}
	}
	a.Files = append(a.Files, archiveFile{Name: name, Data: data})
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
