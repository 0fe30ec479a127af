package main

import (
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// packageName decides the output's package name: the flag, else
// $GOPACKAGE (go generate sets it), else the package of the hand-written
// .go files already in dir, else dir's base name.
func packageName(flag, dir string) (string, error) {
	name, from := flag, "--package"
	if name == "" {
		name, from = os.Getenv("GOPACKAGE"), "$GOPACKAGE"
	}
	if name == "" {
		var err error
		name, err = existingPackage(dir)
		if err != nil {
			return "", err
		}
		from = "the .go files in " + dir
	}
	if name == "" {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return "", err
		}
		name, from = strings.ReplaceAll(filepath.Base(abs), "-", "_"), "the directory name"
	}
	if !token.IsIdentifier(name) || token.IsKeyword(name) {
		return "", fmt.Errorf("package name %q (from %s) is not a Go identifier; set --package", name, from)
	}
	return name, nil
}

// existingPackage returns the package clause of the non-generated,
// non-test .go files in dir, "" when there are none; files that disagree
// are an error.
func existingPackage(dir string) (string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	} else if err != nil {
		return "", err
	}
	var name, first string
	fset := token.NewFileSet()
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") || strings.HasPrefix(n, ".") {
			continue
		}
		path := filepath.Join(dir, n)
		data, err := os.ReadFile(path)
		if err != nil {
			return "", err
		}
		if isGenerated(data) {
			continue
		}
		f, err := parser.ParseFile(fset, path, data, parser.PackageClauseOnly)
		if err != nil {
			return "", err
		}
		switch pkg := f.Name.Name; {
		case name == "":
			name, first = pkg, path
		case pkg != name:
			return "", fmt.Errorf("%s is package %s but %s is package %s; set --package", first, name, path, pkg)
		}
	}
	return name, nil
}

// regenerateHint names the command that brings dir up to date: make
// generate in this repository, go generate in a module that runs gen from
// a //go:generate line, else gen itself.
func regenerateHint(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "gen without --check"
	}
	for d := abs; ; d = filepath.Dir(d) {
		if data, err := os.ReadFile(filepath.Join(d, "go.mod")); err == nil {
			if modulePath(data) == "github.com/hwcorder/ordergen" {
				return "make generate"
			}
			break
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	if hasGoGenerate(abs) {
		switch {
		case filepath.Clean(dir) == ".":
			return "go generate"
		case filepath.IsAbs(dir):
			return "go generate in " + dir
		}
		return "go generate ./" + filepath.ToSlash(filepath.Clean(dir))
	}
	return "gen without --check"
}

// hasGoGenerate reports whether a .go file in dir has a //go:generate
// line.
func hasGoGenerate(dir string) bool {
	entries, _ := os.ReadDir(dir)
	names := []string{}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".go") {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join(dir, n))
		if err == nil && strings.Contains(string(data), "//go:generate ") {
			return true
		}
	}
	return false
}
