package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// binDir holds the command built for the tests; TestMain removes it.
var binDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "mockbin")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// buildOnce builds cmd/mock once for the tests that run it.
var buildOnce = sync.OnceValues(func() (string, error) {
	bin := filepath.Join(binDir, "mock")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
})

// startCommand starts the built command with args on a free loopback port
// and returns its base URL and stderr; it is killed when the test ends.
func startCommand(t *testing.T, args ...string) (string, *lockedBuffer) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the command")
	}
	bin, err := buildOnce()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, append([]string{"--addr", "127.0.0.1:0"}, args...)...)
	stdout, _ := cmd.StdoutPipe()
	stderr := &lockedBuffer{}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "listening on http://") {
		t.Fatalf("first line %q (%v); stderr: %s", line, err, stderr.String())
	}
	return strings.TrimSpace(strings.TrimPrefix(line, "listening on ")), stderr
}

// post sends body to base+path with the token and returns status and reply.
func post(t *testing.T, client *http.Client, base, path, body string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest("POST", base+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Auth-Token", "tok")
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

// TestTwoProcessesDistinctIDs starts two commands and places orders on
// every service of both at once: no order ID is handed out twice.
func TestTwoProcessesDistinctIDs(t *testing.T) {
	a, _ := startCommand(t, "--token", "tok", "--quiet")
	b, _ := startCommand(t, "--token", "tok", "--quiet")
	idForm := regexp.MustCompile(`^CS\d{10}[A-Z]{10}$`)
	var mu sync.Mutex
	seen := map[string]string{}
	var wg sync.WaitGroup
	for _, base := range []string{a, b} {
		for _, o := range [][2]string{{dscPath, dscOrder}, {hssPath, hssOrder}} {
			wg.Go(func() {
				for range 100 {
					st, out := post(t, http.DefaultClient, base, o[0], o[1])
					id, _ := out["order_id"].(string)
					mu.Lock()
					prev, dup := seen[id]
					seen[id] = base + o[0]
					mu.Unlock()
					if st != 200 || !idForm.MatchString(id) || dup {
						t.Errorf("%s%s: %d %v; ID %q malformed, or also given by %s", base, o[0], st, out, id, prev)
						return
					}
				}
			})
		}
	}
	wg.Wait()
	if len(seen) != 400 {
		t.Errorf("%d distinct IDs, want 400", len(seen))
	}
}

// TestStalledConnectionsClosed: clients that stall in their headers, their
// body, or between calls are disconnected after the configured timeouts.
func TestStalledConnectionsClosed(t *testing.T) {
	base, _ := startCommand(t, "--token", "tok", "--quiet", "--read-header-timeout", "300ms", "--read-timeout", "300ms", "--idle-timeout", "300ms")
	addr := strings.TrimPrefix(base, "http://")
	heads := []string{
		"",
		"POST " + hssPath + " HTTP/1.1\r\nHost: x\r\n",
		"POST " + hssPath + " HTTP/1.1\r\nHost: x\r\nX-Auth-Token: tok\r\nContent-Type: application/json\r\nContent-Length: 12000000\r\n\r\n{",
		"POST " + hssPath + " HTTP/1.1\r\nHost: x\r\nX-Auth-Token: tok\r\nContent-Type: application/json\r\nContent-Length: " + fmt.Sprint(len(hssOrder)) + "\r\n\r\n" + hssOrder,
	}
	var wg sync.WaitGroup
	for i := range 40 {
		head := heads[i%len(heads)]
		wg.Go(func() {
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				t.Error(err)
				return
			}
			defer conn.Close()
			io.WriteString(conn, head)
			conn.SetReadDeadline(time.Now().Add(30 * time.Second))
			if _, err := io.ReadAll(conn); err != nil {
				t.Errorf("connection %d (%q...) not closed by the server: %v", i, head[:min(len(head), 20)], err)
			}
		})
	}
	wg.Wait()
}

// TestHostileRequests: through the command, traversal paths match nothing,
// NUL is refused, large rejected bodies are not kept, and the admin API
// refuses faults it cannot honour.
func TestHostileRequests(t *testing.T) {
	base, _ := startCommand(t, "--ak", "AK", "--sk", "SK", "--token", "tok", "--max-record-body", "1000")
	addr := strings.TrimPrefix(base, "http://")
	raw := func(path string) string {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: x\r\nX-Auth-Token: tok\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s", path, len(hssOrder), hssOrder)
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		return fmt.Sprintf("%d %s", resp.StatusCode, b)
	}
	for path, want := range map[string]string{
		"/v5/../quotas/orders":       "404 ",
		"/v5/%2e%2e/quotas/orders":   "404 ",
		"/v5/p%00/quotas/orders":     `400 {"error_code":"HSS.0001"`,
		"/v5/p1/./quotas/orders":     "404 ",
		"/v5/p1/quotas/orders/../..": "404 ",
	} {
		if got := raw(path); !strings.HasPrefix(got, want) {
			t.Errorf("POST %s: %s, want %s...", path, got, want)
		}
	}

	big := `{"x":"` + strings.Repeat("a", 2<<20) + `"}`
	req, _ := http.NewRequest("POST", base+hssPath, strings.NewReader(big))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Sdk-Date", time.Now().UTC().Format("20060102T150405Z"))
	req.Header.Set("Authorization", "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature="+strings.Repeat("ab", 32))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Errorf("2 MB body with a wrong signature: %d, want 401", resp.StatusCode)
	}
	resp, err = http.Get(base + "/__mock/hss/requests")
	if err != nil {
		t.Fatal(err)
	}
	var reqs []struct {
		Status     int             `json:"status"`
		Body       json.RawMessage `json:"body"`
		BodySize   int             `json:"body_size"`
		BodySHA256 string          `json:"body_sha256"`
	}
	json.NewDecoder(resp.Body).Decode(&reqs)
	resp.Body.Close()
	last := reqs[len(reqs)-1]
	if last.Status != 401 || last.Body != nil || last.BodySize != len(big) || len(last.BodySHA256) != 64 {
		t.Errorf("record of the rejected 2 MB call: %+v, want no body, its size and digest", last)
	}

	for body, want := range map[string]int{
		`{"latency_ms":9223372036854775807}`: 400,
		`{"status":503}{"status":500}`:       400,
		`{"status":503,"count":1}`:           201,
	} {
		resp, err := http.Post(base+"/__mock/faults", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("POST /__mock/faults %s: %d, want %d", body, resp.StatusCode, want)
		}
	}
}

// TestBanner: the start-up banner warns when any credentials pass and when
// the admin API is reachable beyond loopback, and only then.
func TestBanner(t *testing.T) {
	cfg, err := parseFlags(nil, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	svcs := services(cfg, nil)
	loop := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}
	for _, tc := range []struct {
		tokens []string
		addr   net.Addr
		warn   []string
	}{
		{[]string{"t"}, loop, nil},
		{nil, loop, []string{"any well-formed credentials are accepted"}},
		{[]string{"t"}, &net.TCPAddr{IP: net.IPv4zero, Port: 8080}, []string{"admin API /__mock/ takes no credentials and is reachable beyond loopback on 0.0.0.0:8080"}},
		{nil, &net.TCPAddr{IP: net.ParseIP("10.1.2.3"), Port: 80}, []string{"any well-formed", "beyond loopback on 10.1.2.3:80"}},
	} {
		c := cfg
		c.tokens = tc.tokens
		out := banner(c, tc.addr, svcs)
		var warns []string
		for _, l := range strings.Split(out, "\n") {
			if strings.HasPrefix(l, "WARNING: ") {
				warns = append(warns, l)
			}
		}
		ok := len(warns) == len(tc.warn)
		for i := range tc.warn {
			ok = ok && strings.Contains(warns[i], tc.warn[i])
		}
		if !ok {
			t.Errorf("tokens %v on %v: warnings %q, want %q", tc.tokens, tc.addr, warns, tc.warn)
		}
		for _, s := range []string{"dsc   POST /v1/{project_id}/period/order CreateProductOrder", "limits: body 12 MiB, bodies in flight 16 MiB per service; records per service 100000 and 8 MiB, bodies over 64 KiB kept as SHA-256", "timeouts: read-header 10s, read 30s, write 1m0s, idle 30s"} {
			if !strings.Contains(out, s) {
				t.Errorf("banner lacks %q:\n%s", s, out)
			}
		}
	}
}

// TestFlags: limits and timeouts are read from the command line; bad
// values are usage errors.
func TestFlags(t *testing.T) {
	cfg, err := parseFlags([]string{"--read-timeout", "5s", "--write-timeout", "0", "--max-record-bytes", "1000", "--max-record-body", "10", "--max-inflight", "0"}, io.Discard)
	if err != nil || cfg.readTimeout != 5*time.Second || cfg.writeTimeout != 0 || cfg.idleTimeout != 30*time.Second || cfg.maxRecordBytes != 1000 || cfg.maxRecordBody != 10 {
		t.Errorf("parsed %+v, %v", cfg, err)
	}
	if d := optionTimeout(0); d >= 0 {
		t.Errorf("timeout 0 (no limit) became %v for the option, want negative", d)
	}
	for _, args := range [][]string{{"--read-timeout", "-1s"}, {"--max-records", "1"}, {"--max-record-bytes", "0"}, {"--max-body", "-1"}, {"--idle-timeout", "x"}} {
		var stderr bytes.Buffer
		if st := run(context.Background(), args, io.Discard, &stderr); st != 2 {
			t.Errorf("run(%q) = %d, want 2 (stderr %s)", args, st, stderr.String())
		}
	}
}
