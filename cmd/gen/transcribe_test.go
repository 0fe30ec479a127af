package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hwcorder/ordergen/internal/seeds"
)

const tinyPage = `Tiny Order

Function

Orders a tiny thing.

URI

POST /v1/{project_id}/tiny/order

Table 1 Path Parameters

Parameter

Mandatory

Type

Description

project_id

Yes

String

Project ID.

Request Parameters

Table 2 Request body parameters

Parameter

Mandatory

Type

Description

size

Yes

Integer

Size, 1-10.

Status Codes

Status Code

Description

200

OK
`

func TestRunTranscribe(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "tiny_order.txt")
	if err := os.WriteFile(page, []byte(tinyPage), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "tiny.yaml")
	var stdout, stderr bytes.Buffer
	if code := runTranscribe([]string{page, "--out", out, "--operation-id", "CreateTinyOrder", "--service", "tiny"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr.String())
	}
	spec, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"x-service: tiny\n", "operationId: CreateTinyOrder\n", "minimum: 1\n", "maximum: 10\n"} {
		if !strings.Contains(string(spec), want) {
			t.Errorf("spec lacks %q:\n%s", want, spec)
		}
	}
	// The page names no host, no error code and no body: three warnings,
	// in PAGE:LINE: warning: form, sorted by line.
	wantW := page + ":9: warning: the page names no endpoint host; the host label is assumed to be the service name \"tiny\" (pass --host when the official SDK's region table says otherwise)\n" +
		page + ":9: warning: no error example gives an error code; the error code prefix TINY. is assumed\n" +
		page + ":31: warning: the page does not name the request body (no SDK sample); it is called CreateTinyOrderRequestBody here, the official SDK's model name may differ\n"
	if stderr.String() != wantW {
		t.Errorf("stderr = %q, want %q", stderr.String(), wantW)
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout not empty with --out: %q", stdout.String())
	}
	// Running again into the same file leaves no temporary files behind.
	runTranscribe([]string{page, "--out", out, "--service", "tiny"}, &stdout, &stderr)
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("files in dir after two runs: %d, want 2", len(entries))
	}
}

func TestRunTranscribeUsage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := runTranscribe(nil, &stdout, &stderr); code != 2 {
		t.Errorf("no page: exit %d, want 2", code)
	}
	if code := runTranscribe([]string{"--bogus", "x.txt"}, &stdout, &stderr); code != 2 {
		t.Errorf("bad flag: exit %d, want 2", code)
	}
	if code := runTranscribe([]string{filepath.Join(t.TempDir(), "missing.txt")}, &stdout, &stderr); code != 1 {
		t.Errorf("missing page: exit %d, want 1", code)
	}
	page := filepath.Join(t.TempDir(), "tiny.txt")
	if err := os.WriteFile(page, []byte(tinyPage), 0o644); err != nil {
		t.Fatal(err)
	}
	stderr.Reset()
	if code := runTranscribe([]string{page}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "pass --service") {
		t.Errorf("no service: exit %d, stderr %q; want 1 asking for --service", code, stderr.String())
	}
}

// TestTranscribedSpecsGenerate closes the loop docs -> spec -> code: the
// spec transcribed from each golden page (want/spec.yaml) goes through
// the generate command, and every one generates: gen transcribe only
// writes specs that load (an unknown type gets a noted stand-in type).
func TestTranscribedSpecsGenerate(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a package per golden page")
	}
	paths, err := filepath.Glob("../../golden/transcribe/*.txtar")
	corpus, _ := filepath.Glob("../../golden/transcribe/corpus/*.txtar")
	paths = append(paths, corpus...)
	if err != nil || len(paths) == 0 {
		t.Fatalf("no golden pages: %v", err)
	}
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".txtar")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			_, rest, ok := strings.Cut(string(data), "-- want/spec.yaml --\n")
			spec, _, ok2 := strings.Cut(rest, "-- want/warnings --")
			if !ok || !ok2 {
				t.Fatal("archive has no want/spec.yaml")
			}
			dir := t.TempDir()
			specPath := filepath.Join(dir, "spec.yaml")
			if err := os.WriteFile(specPath, []byte(spec), 0o644); err != nil {
				t.Fatal(err)
			}
			var stdout, stderr bytes.Buffer
			code := run([]string{"--spec", specPath, "--out", filepath.Join(dir, "out"), "--package", "p"}, &stdout, &stderr)
			if code != 0 {
				t.Errorf("exit %d, stderr:\n%s", code, stderr.String())
			}
		})
	}
}

// TestSeedPagesGenerate runs the whole loop on the seed pages beside the
// repository: gen transcribe, then gen on the result.
func TestSeedPagesGenerate(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a package per seed page")
	}
	seeds := seeds.Dir(t) // under CI=true, missing seeds fail the test
	cases := [][]string{
		{"000_e7c30be118e6bd27.txt", "--service", "dsc", "--host", "sdg"},
		{"002_96aab215149a2065.txt", "--service", "dbss", "--operation-id", "CreateDbOmInstancePeriod"},
		{"003_647210aecf19d53b.txt"}, // service from the SDK sample
	}
	for _, c := range cases {
		t.Run(c[0], func(t *testing.T) {
			dir := t.TempDir()
			spec := filepath.Join(dir, "spec.yaml")
			var stdout, stderr bytes.Buffer
			args := append([]string{filepath.Join(seeds, c[0]), "--out", spec}, c[1:]...)
			if code := runTranscribe(args, &stdout, &stderr); code != 0 {
				t.Fatalf("transcribe: exit %d, stderr:\n%s", code, stderr.String())
			}
			stderr.Reset()
			if code := run([]string{"--spec", spec, "--out", filepath.Join(dir, "out"), "--package", "p"}, &stdout, &stderr); code != 0 {
				t.Errorf("generate: exit %d, stderr:\n%s", code, stderr.String())
			}
		})
	}
}
