// Command gen turns an OpenAPI spec of Huawei Cloud order endpoints into a
// Go package: typed models with validators and a client, and beside it a
// mock server package, importing only the standard library and this
// module's support package rt.
//
// Usage inside a package directory (go generate sets $GOPACKAGE), with gen
// pinned by a tool directive in go.mod, or by version on the line:
//
//	//go:generate go tool gen --service hss
//	//go:generate go run github.com/hwcorder/ordergen/cmd/gen@VERSION --spec ../api/hss.yaml
//
// The package name is --package, else $GOPACKAGE, else the package of the
// hand-written .go files already in the output directory, else the
// directory's name. Each run prints one summary line (files written,
// unchanged, removed); --check writes nothing and lists each stale file
// with the reason (changed, missing, to delete), --diff adds a unified
// diff.
//
// Other commands:
//
//	gen transcribe PAGE.txt [--service NAME] [--out FILE] [--sdk MODULE/services/SVC/VER]   doc page -> spec
//	gen --service NAME --print-spec                         print an embedded spec
//
// What changed between two versions of a spec, and whether it breaks
// callers, is a command of its own: cmd/gendiff.
//
// Exit status: 0 done, 1 spec errors (or --check found stale files), 2
// usage errors.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/spf13/pflag"

	"github.com/hwcorder/ordergen/generator"
	"github.com/hwcorder/ordergen/specs"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// Config is what the flags of the generate command say.
type Config struct {
	Spec    string
	Service string
	Out     string
	Package string
	// ImportPath is the output package's import path (--import-path, else
	// from the enclosing go.mod).
	ImportPath string
	Check      bool
	// Diff prints a unified diff of each stale file under Check.
	Diff bool
	// PrintSpec prints the embedded spec of Service instead of generating.
	PrintSpec bool
}

// errUsage marks an error in how gen was called.
var errUsage = errors.New("usage")

const usageText = `gen: generate a Go package from an OpenAPI spec of order endpoints.

Usage:
  gen [--spec FILE | --service NAME] [--out DIR] [--package NAME] [--check [--diff]]
  gen --service NAME --print-spec
  gen transcribe PAGE.txt [--service NAME] [--out FILE] [--sdk MODULE/services/SVC/VER]

Examples:
  gen --spec specs/dsc.yaml --out generated/dsc --package dsc
  gen --service hss                 # embedded spec, into the current directory
  gen --check --diff --spec api.yaml  # exit 1 showing how files would change
  gen --service hss --print-spec > hss.yaml
  //go:generate go tool gen --spec ../api/dbss.yaml

Two versions of a spec are compared by another command:
  go run github.com/hwcorder/ordergen/cmd/gendiff OLD.yaml NEW.yaml

Flags:
`

// run is main without the process: it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		if sub, ok := subcommands()[args[0]]; ok {
			return sub(args[1:], stdout, stderr)
		}
	}
	cfg, done, err := parseFlags(args, stdout, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "gen: %v\n", err)
		return 2
	}
	if done {
		return 0
	}
	return generate(cfg, stdout, stderr)
}

// parseFlags reads the generate command's flags. done is true when a flag
// such as --help or --version was answered already.
func parseFlags(args []string, stdout, stderr io.Writer) (cfg Config, done bool, err error) {
	fs := pflag.NewFlagSet("gen", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&cfg.Spec, "spec", "", "OpenAPI 3.0 spec `FILE` to generate from")
	fs.StringVar(&cfg.Service, "service", "", "use the embedded spec of `NAME` ("+strings.Join(specs.Services(), ", ")+")")
	fs.StringVar(&cfg.Out, "out", ".", "output `DIR`")
	fs.StringVar(&cfg.ImportPath, "import-path", "", "import `PATH` of the output package, which its mock package imports (default: from the enclosing go.mod)")
	fs.StringVar(&cfg.Package, "package", "", "Go package `NAME` (default: $GOPACKAGE, else that of the hand-written .go files in the output directory, else the directory's name)")
	fs.BoolVar(&cfg.Check, "check", false, "write nothing; exit 1 listing the files that would change, and why")
	fs.BoolVar(&cfg.Diff, "diff", false, "with --check: print a unified diff of each file that would change")
	fs.BoolVar(&cfg.PrintSpec, "print-spec", false, "with --service: print the embedded spec and exit")
	help := fs.BoolP("help", "h", false, "show this help")
	version := fs.Bool("version", false, "print the version")
	if err := fs.Parse(args); err != nil {
		return cfg, false, fmt.Errorf("%v (see gen --help)", err)
	}
	switch {
	case *help:
		fmt.Fprint(stdout, usageText+fs.FlagUsages())
		return cfg, true, nil
	case *version:
		fmt.Fprintln(stdout, "gen", buildVersion())
		return cfg, true, nil
	case fs.NArg() > 0:
		return cfg, false, fmt.Errorf("unexpected argument %q (see gen --help)", fs.Arg(0))
	case (cfg.Spec == "") == (cfg.Service == ""):
		return cfg, false, errors.New("give exactly one of --spec FILE or --service NAME (see gen --help)")
	case cfg.PrintSpec && cfg.Service == "":
		return cfg, false, errors.New("--print-spec prints an embedded spec: give --service NAME")
	case cfg.Diff && !cfg.Check:
		return cfg, false, errors.New("--diff goes with --check")
	}
	if cfg.PrintSpec {
		return cfg, false, nil
	}
	pkg, err := packageName(cfg.Package, cfg.Out)
	if err != nil {
		return cfg, false, err
	}
	cfg.Package = pkg
	if cfg.ImportPath == "" {
		// Outside a module nothing builds anyway; the package name stands in.
		cfg.ImportPath = cfg.Package
		if p, err := importPathOf(cfg.Out); err == nil {
			cfg.ImportPath = p
		}
	}
	return cfg, false, nil
}

// embeddedName is how generated code names an embedded spec: by its
// place in this module, which a downstream repository can look up (go
// doc, the module cache, gen --service NAME --print-spec), not by a path
// of its own that does not exist.
func embeddedName(service string) string {
	return "github.com/hwcorder/ordergen/specs/" + service + ".yaml"
}

// buildVersion is the module version gen was built from.
func buildVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

// generate runs the generator and writes (or checks) the files.
func generate(cfg Config, stdout, stderr io.Writer) int {
	name, data, err := readSpec(cfg)
	if err != nil {
		fmt.Fprintf(stderr, "gen: %v\n", err)
		if errors.Is(err, errUsage) {
			return 2
		}
		return 1
	}
	if cfg.PrintSpec {
		if _, err := stdout.Write(data); err != nil {
			fmt.Fprintf(stderr, "gen: %v\n", err)
			return 1
		}
		return 0
	}
	files, err := generator.Generate(name, data, generator.Config{Package: cfg.Package, ImportPath: cfg.ImportPath})
	if err != nil {
		fmt.Fprintf(stderr, "%v\n", err)
		return 1
	}
	w := writer{dir: cfg.Out}
	plan, err := w.plan(files)
	if err != nil {
		fmt.Fprintf(stderr, "gen: %v\n", err)
		return 1
	}
	n := counts(plan)
	if cfg.Check {
		return check(cfg, plan, stdout, stderr)
	}
	if err := w.write(plan); err != nil {
		fmt.Fprintf(stderr, "gen: %v\n", err)
		return 1
	}
	fmt.Fprintf(stderr, "gen: %s (package %s, from %s): %d written, %d unchanged, %d removed\n",
		filepath.ToSlash(cfg.Out), cfg.Package, name, n[changed]+n[missing], n[unchanged], n[toDelete])
	return 0
}

// check reports each file that a write would change, with the reason and
// under --diff the change itself, and the command that brings them up to
// date.
func check(cfg Config, plan []entry, stdout, stderr io.Writer) int {
	stale := 0
	for _, e := range plan {
		if e.state == unchanged {
			continue
		}
		stale++
		fmt.Fprintf(stdout, "%s: %s\n", e.path, e.state)
		if cfg.Diff && e.state != foreign {
			name := filepath.ToSlash(e.path)
			fmt.Fprint(stdout, unifiedDiff("a/"+name, "b/"+name, e.old, e.new))
		}
	}
	if stale == 0 {
		fmt.Fprintf(stderr, "gen: %s: %d files up to date\n", filepath.ToSlash(cfg.Out), len(plan))
		return 0
	}
	fmt.Fprintf(stderr, "gen: %s: %d of %d files out of date; run %s\n", filepath.ToSlash(cfg.Out), stale, len(plan), regenerateHint(cfg.Out))
	return 1
}

// readSpec returns the spec's printed name and bytes.
func readSpec(cfg Config) (string, []byte, error) {
	if cfg.Service != "" {
		data, _, ok := specs.Spec(cfg.Service)
		if !ok {
			return "", nil, fmt.Errorf("%w: no embedded spec for service %q (have %s)", errUsage, cfg.Service, strings.Join(specs.Services(), ", "))
		}
		return embeddedName(cfg.Service), data, nil
	}
	data, err := os.ReadFile(cfg.Spec)
	if err != nil {
		return "", nil, err
	}
	return displayPath(cfg.Spec), data, nil
}

// displayPath is the spec path as printed in messages and headers: as
// given when relative, else relative to the working directory, in slash
// form so that output does not depend on the machine.
func displayPath(p string) string {
	if filepath.IsAbs(p) {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, p); err == nil {
				p = rel
			}
		}
	}
	return filepath.ToSlash(filepath.Clean(p))
}
