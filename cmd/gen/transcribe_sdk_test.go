package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestWriteSpecRefusesUnloadable checks the transcribe guarantee: a spec
// the loader rejects is not written, the loader's located messages are
// printed, and the status is 1; a spec it accepts is written.
func TestWriteSpecRefusesUnloadable(t *testing.T) {
	good, err := os.ReadFile("../../specs/hss.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// A dangling reference: valid YAML, rejected by the loader.
	bad := bytes.Replace(good, []byte("schemas/CreateQuotasOrderResponse'"), []byte("schemas/NoSuchSchema'"), 1)
	if bytes.Equal(bad, good) {
		t.Fatal("could not break the spec")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "out.yaml")
	var stdout, stderr bytes.Buffer
	if code := writeSpec(out, bad, &stdout, &stderr); code != 1 {
		t.Fatalf("exit %d for a spec the loader rejects; stderr:\n%s", code, stderr.String())
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatalf("a rejected spec was written (stat: %v)", err)
	}
	if !regexp.MustCompile(`out\.yaml:\d+:\d+: #/`).MatchString(stderr.String()) || !strings.Contains(stderr.String(), "nothing written") {
		t.Fatalf("want located loader messages, got:\n%s", stderr.String())
	}
	stderr.Reset()
	if code := writeSpec("", bad, &stdout, &stderr); code != 1 || stdout.Len() != 0 {
		t.Fatalf("stdout: exit %d, %d bytes written", code, stdout.Len())
	}
	if code := writeSpec(out, good, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d for a good spec: %s", code, stderr.String())
	}
	if data, _ := os.ReadFile(out); !bytes.Equal(data, good) {
		t.Fatal("the good spec was not written as given")
	}
}

// TestSDKDir resolves --sdk against a fake module cache.
func TestSDKDir(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("GOMODCACHE", cache)
	mod := "github.com/huaweicloud/huaweicloud-sdk-go-v3"
	for _, v := range []string{"v0.1.9", "v0.1.207", "v0.1.30"} {
		if err := os.MkdirAll(filepath.Join(cache, mod+"@"+v, "services", "hss", "v5"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	got, err := sdkDir(mod + "/services/hss/v5")
	if err != nil || got != filepath.Join(cache, mod+"@v0.1.207", "services", "hss", "v5") {
		t.Fatalf("latest: %q, %v", got, err)
	}
	got, err = sdkDir(mod + "@v0.1.30/services/hss/v5")
	if err != nil || got != filepath.Join(cache, mod+"@v0.1.30", "services", "hss", "v5") {
		t.Fatalf("pinned: %q, %v", got, err)
	}
	if _, err := sdkDir(mod + "/services/nope/v1"); err == nil || !strings.Contains(err.Error(), "go mod download") {
		t.Fatalf("missing service: %v", err)
	}
	if _, err := sdkDir("github.com/Some/Mod/services/x/v1"); err == nil || !strings.Contains(err.Error(), "not in the module cache") {
		t.Fatalf("missing module: %v", err)
	}
	if _, err := sdkDir("nonsense"); err == nil {
		t.Fatal("want a usage error")
	}
	if escapeModule("github.com/Some/Mod") != "github.com/!some/!mod" {
		t.Fatal(escapeModule("github.com/Some/Mod"))
	}
}
