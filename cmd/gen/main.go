// Command gen turns an OpenAPI spec of Huawei Cloud order endpoints into a
// Go package: typed models with validators, a client and a mock server,
// importing only the standard library.
//
// Usage inside a package directory (go generate sets $GOPACKAGE):
//
//	//go:generate go run github.com/hwcorder/ordergen/cmd/gen --spec ../api/hss.yaml
//	//go:generate go tool gen --service hss
//
// Other commands:
//
//	gen transcribe PAGE.txt [--service NAME] [--out FILE]   doc page -> spec
//	gen diff OLD.yaml NEW.yaml                              what changed, exit 1 if breaking
//
// Exit status: 0 done, 1 spec errors (or --check found stale files, or diff
// found a breaking change), 2 usage errors.
package main

import (
	"errors"
	"fmt"
	"go/token"
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
	Check   bool
}

// errUsage marks an error in how gen was called.
var errUsage = errors.New("usage")

const usageText = `gen: generate a Go package from an OpenAPI spec of order endpoints.

Usage:
  gen [--spec FILE | --service NAME] [--out DIR] [--package NAME] [--check]
  gen transcribe PAGE.txt [--service NAME] [--out FILE]
  gen diff OLD.yaml NEW.yaml

Examples:
  gen --spec specs/dsc.yaml --out generated/dsc --package dsc
  gen --service hss                 # embedded spec, into the current directory
  gen --check --spec api.yaml       # exit 1 listing files that would change
  //go:generate go tool gen --spec ../specs/dbss.yaml

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
	fs.StringVar(&cfg.Package, "package", "", "Go package `NAME` (default: $GOPACKAGE, else the output directory's name)")
	fs.BoolVar(&cfg.Check, "check", false, "write nothing; exit 1 listing the files that would change")
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
	}
	if cfg.Package == "" {
		cfg.Package = os.Getenv("GOPACKAGE")
	}
	if cfg.Package == "" {
		abs, err := filepath.Abs(cfg.Out)
		if err != nil {
			return cfg, false, err
		}
		cfg.Package = strings.ReplaceAll(filepath.Base(abs), "-", "_")
	}
	if !token.IsIdentifier(cfg.Package) || token.IsKeyword(cfg.Package) {
		return cfg, false, fmt.Errorf("package name %q is not a Go identifier; set --package", cfg.Package)
	}
	if cfg.ImportPath == "" {
		// Outside a module nothing builds anyway; the package name stands in.
		cfg.ImportPath = cfg.Package
		if p, err := importPathOf(cfg.Out); err == nil {
			cfg.ImportPath = p
		}
	}
	return cfg, false, nil
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
	files, err := generator.Generate(name, data, generator.Config{Package: cfg.Package, ImportPath: cfg.ImportPath})
	if err != nil {
		fmt.Fprintf(stderr, "%v\n", err)
		return 1
	}
	w := writer{dir: cfg.Out}
	if cfg.Check {
		stale, err := w.stale(files)
		if err != nil {
			fmt.Fprintf(stderr, "gen: %v\n", err)
			return 1
		}
		for _, f := range stale {
			fmt.Fprintf(stdout, "%s\n", f)
		}
		if len(stale) > 0 {
			fmt.Fprintf(stderr, "gen: %d file(s) in %s are out of date; run gen without --check (make generate)\n", len(stale), cfg.Out)
			return 1
		}
		return 0
	}
	if err := w.write(files); err != nil {
		fmt.Fprintf(stderr, "gen: %v\n", err)
		return 1
	}
	return 0
}

// readSpec returns the spec's printed name and bytes.
func readSpec(cfg Config) (string, []byte, error) {
	if cfg.Service != "" {
		data, name, ok := specs.Spec(cfg.Service)
		if !ok {
			return "", nil, fmt.Errorf("%w: no embedded spec for service %q (have %s)", errUsage, cfg.Service, strings.Join(specs.Services(), ", "))
		}
		return name, data, nil
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
