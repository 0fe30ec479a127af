package loader

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
			ar := parseTxtar(data)
			spec, ok := ar.file("spec.yaml")
			if !ok {
				t.Fatal("case has no spec.yaml")
			}
			_, err = Load("spec.yaml", spec)
			if err == nil {
				t.Fatal("Load succeeded; want an error")
			}
			got := []byte(err.Error() + "\n")
			if *update {
				ar.set("want/stderr", got)
				if err := os.WriteFile(file, ar.format(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, _ := ar.file("want/stderr")
			if !bytes.Equal(got, want) {
				t.Errorf("error text differs (go test ./generator/loader -update rewrites it)\ngot:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// txtar is a minimal reader and writer of the txtar format
// (golang.org/x/tools/txtar): a comment, then files, each introduced by a
// line "-- name --".
type txtar struct {
	comment []byte
	files   []txtarFile
}

type txtarFile struct {
	name string
	data []byte
}

func parseTxtar(data []byte) *txtar {
	ar := &txtar{}
	cur := &ar.comment
	for _, line := range bytes.SplitAfter(data, []byte("\n")) {
		if name, ok := txtarMarker(line); ok {
			ar.files = append(ar.files, txtarFile{name: name})
			cur = &ar.files[len(ar.files)-1].data
			continue
		}
		*cur = append(*cur, line...)
	}
	return ar
}

func txtarMarker(line []byte) (string, bool) {
	s := strings.TrimRight(string(line), "\r\n")
	if !strings.HasPrefix(s, "-- ") || !strings.HasSuffix(s, " --") || len(s) < 7 {
		return "", false
	}
	return strings.TrimSpace(s[3 : len(s)-3]), true
}

func (ar *txtar) file(name string) ([]byte, bool) {
	for _, f := range ar.files {
		if f.name == name {
			return f.data, true
		}
	}
	return nil, false
}

func (ar *txtar) set(name string, data []byte) {
	for i, f := range ar.files {
		if f.name == name {
			ar.files[i].data = data
			return
		}
	}
	ar.files = append(ar.files, txtarFile{name: name, data: data})
}

func (ar *txtar) format() []byte {
	var b bytes.Buffer
	b.Write(fixNL(ar.comment))
	for _, f := range ar.files {
		b.WriteString("-- " + f.name + " --\n")
		b.Write(fixNL(f.data))
	}
	return b.Bytes()
}

func fixNL(data []byte) []byte {
	if len(data) == 0 || data[len(data)-1] == '\n' {
		return data
	}
	return append(data, '\n')
}
