package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/pflag"

	"github.com/hwcorder/ordergen/generator/specdiff"
)

const diffUsage = `gen diff: report what changed between two versions of a spec and which changes break callers.

Usage:
  gen diff OLD.yaml NEW.yaml

Exit status: 0 no breaking change, 1 a breaking change (or a spec that does
not load), 2 usage. Descriptions, examples and x- notes are not compared.
`

// runDiff is the diff command: it returns the exit status.
func runDiff(args []string, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("gen diff", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, diffUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() != 2 {
		fmt.Fprintln(stderr, "gen diff: want OLD.yaml and NEW.yaml")
		fs.Usage()
		return 2
	}
	oldName, newName := fs.Arg(0), fs.Arg(1)
	old, err := os.ReadFile(oldName)
	if err != nil {
		fmt.Fprintf(stderr, "gen: %v\n", err)
		return 1
	}
	cur, err := os.ReadFile(newName)
	if err != nil {
		fmt.Fprintf(stderr, "gen: %v\n", err)
		return 1
	}
	report, err := specdiff.Diff(oldName, old, newName, cur)
	if err != nil {
		fmt.Fprintf(stderr, "gen: %v\n", err)
		return 1
	}
	if err := report.Write(stdout); err != nil {
		fmt.Fprintf(stderr, "gen: %v\n", err)
		return 1
	}
	if report.Breaking() {
		return 1
	}
	return 0
}
