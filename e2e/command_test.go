package e2e

import (
	"bufio"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// startCommandMock builds cmd/mock, starts it on a free loopback port with
// args (credentials) and --quiet, stops it when the test ends, and returns
// its base URL.
func startCommandMock(t *testing.T, args ...string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "mock")
	build := exec.Command("go", "build", "-o", bin, "./cmd/mock")
	build.Dir = ".." // the root module, which has cmd/mock's dependencies
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, append(append([]string{"--addr", "127.0.0.1:0"}, args...), "--quiet")...)
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "listening on ") {
		t.Fatalf("first line %q: %v", line, err)
	}
	return strings.TrimSpace(strings.TrimPrefix(line, "listening on "))
}
