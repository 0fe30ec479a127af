package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

const (
	dscOrder  = `{"charging_mode":0,"cloud_service_type":"hws.service.type.sdg","period_num":1,"period_type":2,"region_id":"cn-north-4","zone":"CH","product_infos":[{"cloud_service_type":"hws.service.type.sdg","product_id":"p","resource_size":30,"resource_size_measure_id":30,"resource_spec_code":"base_professional","resource_type":"hws.resource.type.dsc.base"}]}`
	hssOrder  = `{"resource_spec_code":"hss.version.enterprise","subscription_num":1,"period_num":1,"period_type":2}`
	dscPath   = "/v1/p1/period/order"
	hssPath   = "/v5/p1/quotas/orders"
	dbssPath  = "/v2/0123456789abcdef0123456789abcdef/db-om/charge/period/order"
	waitLimit = 30 * time.Second
)

// lockedBuffer collects stderr while the command runs.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestCommand builds cmd/mock, starts it, drives every service through
// it, then stops it with SIGTERM.
func TestCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the command")
	}
	bin := filepath.Join(t.TempDir(), "mock")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "--addr", "127.0.0.1:0", "--token", "tok", "--ak", "AK", "--sk", "SK")
	stdout, _ := cmd.StdoutPipe()
	var stderr lockedBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "listening on http://127.0.0.1:") {
		t.Fatalf("first line %q (%v), want listening on http://127.0.0.1:PORT; stderr: %s", line, err, stderr.String())
	}
	base := strings.TrimSpace(strings.TrimPrefix(line, "listening on "))

	do := func(method, path, body string, hdr map[string]string) (int, map[string]any, string) {
		req, _ := http.NewRequest(method, base+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		for k, v := range hdr {
			req.Header.Set(k, v)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		var out map[string]any
		json.Unmarshal(b, &out)
		return resp.StatusCode, out, string(b)
	}
	tok := map[string]string{"X-Auth-Token": "tok"}
	calls := []struct {
		method, path, body string
		hdr                map[string]string
		status             int
		code               string
	}{
		{"POST", dscPath, dscOrder, tok, 200, ""},
		{"POST", hssPath, hssOrder, tok, 200, ""},
		{"POST", dbssPath, `{"name":"x"}`, tok, 400, "DBSS.0001"},
		{"POST", dscPath, `{"zone":`, tok, 400, "dsc.40000011"},
		{"POST", "/v9/nothing", `{}`, tok, 404, "APIGW.0101"},
		{"DELETE", hssPath, ``, tok, 405, "APIGW.0101"},
		{"POST", hssPath, hssOrder, nil, 401, "APIGW.0301"},
		{"POST", hssPath, hssOrder, map[string]string{"X-Auth-Token": "other"}, 401, "APIGW.0301"},
		{"POST", hssPath, hssOrder, map[string]string{"X-Auth-Token": "tok", "Content-Type": "text/plain"}, 415, "HSS.0001"},
	}
	for _, c := range calls {
		st, out, raw := do(c.method, c.path, c.body, c.hdr)
		if st != c.status || c.code != "" && out["error_code"] != c.code {
			t.Errorf("%s %s: %d %s, want %d %s", c.method, c.path, st, raw, c.status, c.code)
		}
	}

	// Admin API: merged across services, or per service.
	var orders []map[string]any
	_, _, raw := do("GET", "/__mock/orders", "", nil)
	if err := json.Unmarshal([]byte(raw), &orders); err != nil || len(orders) != 2 {
		t.Errorf("merged orders: %v %s, want 2", err, raw)
	}
	_, _, raw = do("GET", "/__mock/hss/orders", "", nil)
	if err := json.Unmarshal([]byte(raw), &orders); err != nil || len(orders) != 1 || orders[0]["operation"] != "CreateQuotasOrder" {
		t.Errorf("hss orders: %v %s", err, raw)
	}
	if st, _, raw := do("POST", "/__mock/faults", `{"operation":"CreateQuotasOrder","count":1,"status":503,"error_code":"HSS.0099","error_msg":"busy"}`, nil); st != 201 {
		t.Errorf("add fault: %d %s", st, raw)
	}
	if st, out, _ := do("POST", dscPath, dscOrder, tok); st != 200 {
		t.Errorf("dsc call under an hss fault: %d %v", st, out)
	}
	if st, out, _ := do("POST", hssPath, hssOrder, tok); st != 503 || out["error_code"] != "HSS.0099" {
		t.Errorf("faulted hss call: %d %v", st, out)
	}
	var reqs []map[string]any
	_, _, raw = do("GET", "/__mock/requests", "", nil)
	if err := json.Unmarshal([]byte(raw), &reqs); err != nil || len(reqs) != len(calls)+2 {
		t.Errorf("merged requests: %v, %d records, want %d", err, len(reqs), len(calls)+2)
	}
	if st, _, _ := do("POST", "/__mock/reset", "", nil); st != 204 {
		t.Errorf("reset: %d", st)
	}
	if _, _, raw = do("GET", "/__mock/orders", "", nil); strings.TrimSpace(raw) != "[]" {
		t.Errorf("orders after reset: %s", raw)
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("exit after SIGTERM: %v; stderr: %s", err, stderr.String())
		}
	case <-time.After(waitLimit):
		t.Fatal("no exit after SIGTERM")
	}
	logs := stderr.String()
	// The banner, one line per call (method, path, operation, status,
	// order ID or error code, duration) and per admin request, then the
	// shutdown line.
	callLine := regexp.MustCompile(`^\d{4}/\d\d/\d\d [\d:.]+ (POST|DELETE) /v\S* (-|Create\w+) \d{3} (order_id=CS\d{10}[A-Z]{10}|error_code=\S+) \d\S*s$`)
	var callLines, adminLines int
	for _, l := range strings.Split(strings.TrimSpace(logs), "\n") {
		switch {
		case callLine.MatchString(l):
			callLines++
		case strings.Contains(l, " /__mock/") && strings.Contains(l, " admin "):
			adminLines++
		}
	}
	if want := len(calls) + 2; callLines != want || adminLines != 6 || !strings.Contains(logs, "shutting down") {
		t.Errorf("%d call log lines, want %d; %d admin lines, want 6; and a shutdown line:\n%s", callLines, want, adminLines, logs)
	}
	for _, s := range []string{"mock: serving 15 services on " + base, "hss   POST /v5/{project_id}/quotas/orders CreateQuotasOrder", "auth: 1 X-Auth-Token value(s) or AK/SK signatures of 1 access key(s)", "admin API (no credentials): " + base + "/__mock/"} {
		if !strings.Contains(logs, s) {
			t.Errorf("banner lacks %q:\n%s", s, logs)
		}
	}
	if strings.Contains(logs, "WARNING") {
		t.Errorf("warnings with credentials configured, on loopback:\n%s", logs)
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{{"--ak", "AK"}, {"--nope"}, {"extra"}} {
		var stderr bytes.Buffer
		if st := run(context.Background(), args, io.Discard, &stderr); st != 2 {
			t.Errorf("run(%q) = %d, want 2 (stderr %s)", args, st, stderr.String())
		}
	}
	var stderr bytes.Buffer
	if st := run(context.Background(), []string{"--addr", "256.0.0.1:1"}, io.Discard, &stderr); st != 1 {
		t.Errorf("bad address: %d, want 1", st)
	}
}
