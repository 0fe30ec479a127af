package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/hwcorder/ordergen/generator"
)

// generatedLine is the marker Go tools recognise in generated files.
var generatedLine = regexp.MustCompile(`^// Code generated .* DO NOT EDIT\.$`)

// writer puts generated files into dir: all or nothing, only the files
// whose bytes changed, never over a file it did not generate.
type writer struct {
	dir string
}

// plan compares files with what is on disk: which to write, which stale
// files of ours (no longer produced) to remove, and which files are in the
// way because they were not generated.
func (w writer) plan(files []generator.File) (write []generator.File, remove, foreign []string, err error) {
	want := map[string]bool{}
	for _, f := range files {
		want[f.Name] = true
		path := filepath.Join(w.dir, f.Name)
		old, err := os.ReadFile(path)
		switch {
		case errors.Is(err, os.ErrNotExist):
			write = append(write, f)
		case err != nil:
			return nil, nil, nil, err
		case !isGenerated(old):
			foreign = append(foreign, path)
		case !bytes.Equal(old, f.Data):
			write = append(write, f)
		}
	}
	dirs := map[string]bool{".": true}
	for _, f := range files {
		dirs[filepath.Dir(f.Name)] = true
	}
	for _, d := range sortedKeys(dirs) {
		entries, err := os.ReadDir(filepath.Join(w.dir, d))
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, nil, nil, err
		}
		for _, e := range entries {
			name := filepath.Join(d, e.Name())
			if e.IsDir() || want[name] || !strings.HasSuffix(e.Name(), ".gen.go") {
				continue
			}
			path := filepath.Join(w.dir, name)
			if ours(path) {
				remove = append(remove, path)
			}
		}
	}
	sort.Strings(remove)
	return write, remove, foreign, nil
}

// stale lists the paths that a write would change.
func (w writer) stale(files []generator.File) ([]string, error) {
	write, remove, foreign, err := w.plan(files)
	if err != nil {
		return nil, err
	}
	out := append([]string{}, foreign...)
	for _, f := range write {
		out = append(out, filepath.Join(w.dir, f.Name))
	}
	out = append(out, remove...)
	sort.Strings(out)
	return out, nil
}

// write writes every changed file to a temporary file beside it, and only
// when all are written renames them into place, then removes stale files.
func (w writer) write(files []generator.File) error {
	write, remove, foreign, err := w.plan(files)
	if err != nil {
		return err
	}
	if len(foreign) > 0 {
		return fmt.Errorf("refusing to overwrite %s: not generated (no \"// Code generated ... DO NOT EDIT.\" line); move it away first", strings.Join(foreign, ", "))
	}
	for _, f := range write {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(w.dir, f.Name)), 0o755); err != nil {
			return err
		}
	}
	var temps []string
	cleanup := func() {
		for _, t := range temps {
			os.Remove(t)
		}
	}
	for _, f := range write {
		path := filepath.Join(w.dir, f.Name)
		tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
		if err != nil {
			cleanup()
			return err
		}
		temps = append(temps, tmp.Name())
		_, werr := tmp.Write(f.Data)
		cerr := tmp.Close()
		if err := errors.Join(werr, cerr); err != nil {
			cleanup()
			return fmt.Errorf("write %s: %w", tmp.Name(), err)
		}
		if err := os.Chmod(tmp.Name(), 0o644); err != nil {
			cleanup()
			return err
		}
	}
	for i, f := range write {
		if err := os.Rename(temps[i], filepath.Join(w.dir, f.Name)); err != nil {
			cleanup()
			return err
		}
	}
	for _, path := range remove {
		if err := os.Remove(path); err != nil {
			return err
		}
	}
	return nil
}

// isGenerated reports whether a file carries the generated-code marker on
// a line before its package clause.
// sortedKeys returns the keys of m in order.
func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func isGenerated(data []byte) bool {
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		if generatedLine.MatchString(line) {
			return true
		}
		if strings.HasPrefix(line, "package ") {
			return false
		}
	}
	return false
}

// ours reports whether the file at path was written by gen.
func ours(path string) bool {
	data, err := os.ReadFile(path)
	return err == nil && bytes.HasPrefix(data, []byte(generator.HeaderPrefix))
}
