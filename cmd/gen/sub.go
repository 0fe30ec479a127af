package main

import "io"

// subcommands maps the first argument to a command other than generate.
func subcommands() map[string]func(args []string, stdout, stderr io.Writer) int {
	return map[string]func(args []string, stdout, stderr io.Writer) int{
		"transcribe": runTranscribe,
		"diff":       runDiff,
	}
}
