package generator

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/hwcorder/ordergen/internal/modtest"
)

var update = flag.Bool("update", false, "rewrite the want/ files of the golden cases")

// goldenEmitters are the golden/ folders checked here, each named after the
// emitter whose files its cases pin; golden/plan pins the plan's naming
// rules through the types emitter's files, or through want/stderr, the
// exact located errors of a spec the plan refuses.
var goldenEmitters = []string{"types", "client", "mock", "plan"}

// TestGolden generates each golden/<emitter>/<case>.txtar spec and compares
// that emitter's files with the case's want/ files, byte for byte. Unless
// -short, it also writes the whole package (all emitters and the support
// code) into a temporary module, vets it, and runs the case's own
// check_test.go there, so that every case's output compiles and behaves.
func TestGolden(t *testing.T) {
	ran := 0
	for _, em := range goldenEmitters {
		files, err := filepath.Glob(filepath.Join("..", "golden", em, "*.txtar"))
		if err != nil {
			t.Fatal(err)
		}
		for _, file := range files {
			ran++
			name := em + "/" + strings.TrimSuffix(filepath.Base(file), ".txtar")
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				goldenCase(t, em, file)
			})
		}
	}
	if ran == 0 {
		t.Fatal("no golden cases found")
	}
}

func goldenCase(t *testing.T, em, file string) {
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	spec := archiveFile(ar, "spec.yaml")
	if spec == nil {
		t.Fatal("case has no spec.yaml")
	}
	emitter := em
	if em == "plan" {
		emitter = "types"
	}
	got, err := Generate("spec.yaml", spec, Config{Package: "golden", ImportPath: "golden", Emitters: []string{emitter}})
	if wantErr := archiveFile(ar, "want/stderr"); wantErr != nil || (err != nil && *update && em == "plan") {
		if err == nil {
			t.Fatalf("generated; want the errors of want/stderr:\n%s", wantErr)
		}
		if *update {
			ar.Files = append(slices.DeleteFunc(ar.Files, func(f txtar.File) bool { return strings.HasPrefix(f.Name, "want/") }),
				txtar.File{Name: "want/stderr", Data: []byte(err.Error() + "\n")})
			if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		if got := err.Error() + "\n"; got != string(wantErr) {
			t.Errorf("errors differ:\n got: %s\nwant: %s", got, wantErr)
		}
		return
	}
	if err != nil {
		t.Fatalf("generate: %v", err)
	}
	want := map[string][]byte{}
	for _, f := range ar.Files {
		if name, ok := strings.CutPrefix(f.Name, "want/"); ok {
			want[name] = f.Data
		}
	}
	var files []txtar.File
	for _, f := range got {
		if strings.HasPrefix(f.Name, "support_") || f.Name == "doc.gen.go" {
			continue
		}
		files = append(files, txtar.File{Name: "want/" + f.Name, Data: f.Data})
		if *update {
			continue
		}
		if w, ok := want[f.Name]; !ok {
			t.Errorf("%s: not in want/", f.Name)
		} else if !bytes.Equal(w, f.Data) {
			t.Errorf("%s differs from want/ (go test ./generator -update rewrites it):\n%s", f.Name, lineDiff(w, f.Data))
		}
		delete(want, f.Name)
	}
	if *update {
		var keep []txtar.File
		for _, f := range ar.Files {
			if !strings.HasPrefix(f.Name, "want/") {
				keep = append(keep, f)
			}
		}
		ar.Files = append(keep, files...)
		if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	for name := range want {
		t.Errorf("want/%s: not generated", name)
	}
	if testing.Short() {
		return
	}
	compileCase(t, spec, archiveFile(ar, "check_test.go"))
}

// compileCase writes the whole generated package into a module of its own
// and runs go vet and go test there.
func compileCase(t *testing.T, spec, check []byte) {
	all, err := Generate("spec.yaml", spec, Config{Package: "golden", ImportPath: "golden"})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{"go.mod": []byte(modtest.GoMod("golden"))}
	for _, f := range all {
		files[f.Name] = f.Data
	}
	if check != nil {
		files["check_test.go"] = check
	}
	modtest.Run(t, files, []string{"vet", "./..."}, []string{"test", "-count=1", "./..."})
}

func archiveFile(ar *txtar.Archive, name string) []byte {
	for _, f := range ar.Files {
		if f.Name == name {
			return f.Data
		}
	}
	return nil
}

// lineDiff shows the first lines where a and b differ, with context.
func lineDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	i := 0
	for i < len(al) && i < len(bl) && al[i] == bl[i] {
		i++
	}
	var sb strings.Builder
	for j := max(0, i-2); j < i+6; j++ {
		if j < len(al) {
			fmt.Fprintf(&sb, "-%4d %s\n", j+1, al[j])
		}
		if j < len(bl) {
			fmt.Fprintf(&sb, "+%4d %s\n", j+1, bl[j])
		}
	}
	return sb.String()
}
