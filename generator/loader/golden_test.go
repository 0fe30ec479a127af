package loader

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the want/stderr files of golden/errors")

// TestGoldenErrors loads the spec.yaml of each golden/errors/*.txtar case
// and compares the whole error text with its want/stderr.
func TestGoldenErrors(t *testing.T) {
	files, err := filepath.Glob("../../golden/errors/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no golden cases found")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			ar := txtar.Parse(data)
			spec, ok := archiveFile(ar, "spec.yaml")
			if !ok {
				t.Fatal("case has no spec.yaml")
			}
			_, err = Load("spec.yaml", spec)
			if err == nil {
				t.Fatal("Load succeeded; want an error")
			}
			got := []byte(err.Error() + "\n")
			if *update {
				setArchiveFile(ar, "want/stderr", got)
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, _ := archiveFile(ar, "want/stderr")
			if !bytes.Equal(got, want) {
				t.Errorf("error text differs (go test ./generator/loader -update rewrites it)\ngot:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// archiveFile returns the data of the named file of ar.
func archiveFile(ar *txtar.Archive, name string) ([]byte, bool) {
	for _, f := range ar.Files {
		if f.Name == name {
			return f.Data, true
		}
	}
	return nil, false
}

// setArchiveFile replaces (or adds) the named file of ar.
func setArchiveFile(ar *txtar.Archive, name string, data []byte) {
	for i, f := range ar.Files {
		if f.Name == name {
			ar.Files[i].Data = data
			return
		}
	}
	ar.Files = append(ar.Files, txtar.File{Name: name, Data: data})
}
