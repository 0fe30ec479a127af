package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/pflag"

	"github.com/hwcorder/ordergen/generator/loader"
	"github.com/hwcorder/ordergen/generator/transcribe"
)

const transcribeUsage = `gen transcribe: turn the text of one Huawei Cloud API reference page into an OpenAPI 3.0.3 spec.

Usage:
  gen transcribe PAGE.txt [--service NAME] [--out FILE] [--operation-id NAME] [--host LABEL]
                 [--sdk MODULE[@VERSION]/services/SVC/VER]

Warnings (things the page leaves open or contradicts) go to stderr as
PAGE:LINE: warning: message, and into the spec as x-doc-note.

With --sdk the official Go SDK's source (read from the module cache, not
built) is a second source: it names the operation, settles blank mandatory
columns, types bare arrays and fills value lists the page lacks; every
disagreement with the page is a warning. Download it first, e.g.
  (cd e2e && go mod download github.com/huaweicloud/huaweicloud-sdk-go-v3)

The spec is checked with the generator's own loader before it is written;
if it would not load, the problems are printed, nothing is written and the
exit status is 1.

Flags:
`

// runTranscribe is the transcribe command: it returns the exit status
// (0 done, 1 the page could not be transcribed or written, 2 usage).
func runTranscribe(args []string, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("gen transcribe", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	var opts transcribe.Options
	var out string
	fs.StringVar(&opts.Service, "service", "", "short service name, e.g. dsc (default: from the page's Go SDK sample)")
	fs.StringVar(&out, "out", "", "write the spec to FILE (atomically) instead of stdout")
	fs.StringVar(&opts.OperationID, "operation-id", "", "operationId to use when the page names none (the SDK's name)")
	fs.StringVar(&opts.Host, "host", "", "server host label when it differs from the service name (e.g. sdg for dsc)")
	var sdk string
	fs.StringVar(&sdk, "sdk", "", "official SDK package as a second source, MODULE[@VERSION]/services/SVC/VER or a directory")
	fs.Usage = func() {
		fmt.Fprint(stderr, transcribeUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "gen transcribe: want exactly one PAGE.txt argument")
		fs.Usage()
		return 2
	}
	page := fs.Arg(0)
	data, err := os.ReadFile(page)
	if err != nil {
		fmt.Fprintf(stderr, "gen: %v\n", err)
		return 1
	}
	if sdk != "" {
		if opts.SDKDir, err = sdkDir(sdk); err != nil {
			fmt.Fprintf(stderr, "gen: --sdk: %v\n", err)
			return 1
		}
	}
	spec, warnings, err := transcribe.Transcribe(page, data, opts)
	if err != nil {
		fmt.Fprintf(stderr, "gen: %v\n", err)
		return 1
	}
	for _, w := range warnings {
		fmt.Fprintln(stderr, w.Format(page))
	}
	return writeSpec(out, spec, stdout, stderr)
}

// writeSpec writes a transcribed spec to out (stdout when ""), but only
// when it loads through the generator's own loader: otherwise it prints
// the loader's located messages, writes nothing and returns 1.
func writeSpec(out string, spec []byte, stdout, stderr io.Writer) int {
	name := out
	if name == "" {
		name = "<stdout>"
	}
	if _, err := loader.Load(name, spec); err != nil {
		fmt.Fprintf(stderr, "%v\ngen: the transcribed spec does not load; nothing written\n", err)
		return 1
	}
	if out == "" {
		if _, err := stdout.Write(spec); err != nil {
			fmt.Fprintf(stderr, "gen: %v\n", err)
			return 1
		}
		return 0
	}
	if err := writeAtomic(out, spec); err != nil {
		fmt.Fprintf(stderr, "gen: %v\n", err)
		return 1
	}
	return 0
}

// writeAtomic writes data to a temporary file beside path and renames it
// into place, so a reader never sees half a spec.
func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}
