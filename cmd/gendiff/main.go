// Command gendiff reports what changed between two versions of a spec and
// which changes break callers: callers of the HTTP API (oasdiff's
// breaking-change rules, package generator/specdiff) and callers of the Go
// package that gen generates from it (a method, type, field or constant
// renamed or removed, a Go type changed; package generator/apidiff).
//
// It is a command of its own, not a subcommand of gen, so that a module
// that pins gen in its go.mod does not also pull in oasdiff and its
// dependencies.
//
// Usage:
//
//	gendiff [--format text|json|github] OLD.yaml NEW.yaml
//
// Exit status: 0 no change breaks callers, 1 a change does, 2 usage error,
// 3 a spec that cannot be read or does not load (its problems printed as
// gen prints them, file:line:col: #/pointer: message).
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/pflag"

	"github.com/hwcorder/ordergen/generator/apidiff"
	"github.com/hwcorder/ordergen/generator/loader"
	"github.com/hwcorder/ordergen/generator/plan"
	"github.com/hwcorder/ordergen/generator/specdiff"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// Exit statuses.
const (
	exitCompatible = 0
	exitBreaking   = 1
	exitUsage      = 2
	exitLoad       = 3
)

const usageText = `gendiff: report what changed between two versions of a spec, and which
changes break callers of the HTTP API (oasdiff's rules) or of the Go
package gen generates from it (renamed or removed methods, types, fields,
constants; fields whose Go type changes).

Usage:
  gendiff [--format text|json|github] OLD.yaml NEW.yaml

Descriptions, examples and x- notes are not compared.

Exit status:
  0  no change breaks callers
  1  a change breaks callers
  2  usage error
  3  a spec cannot be read or does not load

Flags:
`

// run is main without the process: it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("gendiff", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	format := fs.String("format", "text", "output `FORMAT`: text, json, or github (workflow annotations)")
	help := fs.BoolP("help", "h", false, "show this help")
	if err := fs.Parse(args); err != nil {
		fmt.Fprintf(stderr, "gendiff: %v (see gendiff --help)\n", err)
		return exitUsage
	}
	if *help {
		fmt.Fprint(stdout, usageText+fs.FlagUsages())
		return exitCompatible
	}
	write, ok := formats[*format]
	switch {
	case !ok:
		fmt.Fprintf(stderr, "gendiff: unknown --format %q: want text, json or github\n", *format)
		return exitUsage
	case fs.NArg() != 2:
		fmt.Fprintln(stderr, "gendiff: want OLD.yaml and NEW.yaml (see gendiff --help)")
		return exitUsage
	}
	r, err := compare(fs.Arg(0), fs.Arg(1))
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitLoad
	}
	if err := write(stdout, r); err != nil {
		fmt.Fprintf(stderr, "gendiff: %v\n", err)
		return exitUsage
	}
	if r.Breaking {
		return exitBreaking
	}
	return exitCompatible
}

// compare loads both specs with gen's loader, so that a spec gen would
// refuse is refused here with the same messages, and compares them.
func compare(oldPath, newPath string) (*report, error) {
	oldName, newName := filepath.ToSlash(filepath.Clean(oldPath)), filepath.ToSlash(filepath.Clean(newPath))
	oldData, oldAPI, oldErr := loadSpec(oldPath, oldName)
	newData, newAPI, newErr := loadSpec(newPath, newName)
	if err := errors.Join(oldErr, newErr); err != nil {
		return nil, err
	}
	http, err := specdiff.Diff(oldName, oldData, newName, newData)
	if err != nil {
		return nil, fmt.Errorf("gendiff: %w", err)
	}
	return newReport(oldName, newName, http.Changes, apidiff.Compare(oldAPI, newAPI)), nil
}

// loadSpec reads, loads and plans one spec as gen does; name is how
// messages call it. The package name and import path do not change the
// Go API's shape, so fixed ones stand in.
func loadSpec(path, name string) ([]byte, *plan.Package, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("gendiff: %w", err)
	}
	api, err := loader.Load(name, data)
	if err != nil {
		return nil, nil, err
	}
	p, err := plan.Build(api, "api", "example.com/api")
	if err != nil {
		return nil, nil, err
	}
	return data, p, nil
}
