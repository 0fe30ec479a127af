package main

import (
	"fmt"
	"io"
)

// subcommands maps the first argument to a command other than generate.
func subcommands() map[string]func(args []string, stdout, stderr io.Writer) int {
	return map[string]func(args []string, stdout, stderr io.Writer) int{
		"transcribe": runTranscribe,
		"diff":       runDiffMoved,
	}
}

// runDiffMoved says where the diff command went: it is a command of its
// own (cmd/gendiff), so that a go.mod that pins gen does not need oasdiff.
func runDiffMoved(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "gen: diff is a command of its own, so that gen stays light in a go.mod:\n"+
		"  go run github.com/hwcorder/ordergen/cmd/gendiff OLD.yaml NEW.yaml")
	return 2
}
