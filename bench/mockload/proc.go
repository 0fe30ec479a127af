package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// mockProc is one cmd/mock process under test.
type mockProc struct {
	cmd  *exec.Cmd
	base string // http://127.0.0.1:PORT
	addr string // 127.0.0.1:PORT
}

// startMock starts bin on a free loopback port with args and waits for
// its "listening on" line.
func startMock(ctx context.Context, bin string, args ...string) (*mockProc, error) {
	cmd := exec.CommandContext(ctx, bin, append([]string{"--addr", "127.0.0.1:0"}, args...)...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "listening on http://127.0.0.1:") {
		cmd.Process.Kill()
		cmd.Wait()
		return nil, fmt.Errorf("mock did not start: %q %v", line, err)
	}
	base := strings.TrimSpace(strings.TrimPrefix(line, "listening on "))
	return &mockProc{cmd: cmd, base: base, addr: strings.TrimPrefix(base, "http://")}, nil
}

// stop ends the process.
func (p *mockProc) stop() {
	p.cmd.Process.Kill()
	p.cmd.Wait()
}

// memory is a process's resident set now and at its peak, in bytes.
type memory struct{ rss, peak int64 }

// mem reads VmRSS and VmHWM from /proc/PID/status.
func (p *mockProc) mem() (memory, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	if err != nil {
		return memory{}, err
	}
	var m memory
	for _, l := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(l, ":")
		if !ok || (k != "VmRSS" && k != "VmHWM") {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		if err != nil {
			return memory{}, fmt.Errorf("/proc status %s: %v", k, err)
		}
		if k == "VmRSS" {
			m.rss = kb << 10
		} else {
			m.peak = kb << 10
		}
	}
	return m, nil
}

// settle waits for the process's RSS to stop falling (the Go runtime gives
// memory back in the background), at most 1.5s+d, and returns the last reading.
func (p *mockProc) settle(d time.Duration) (memory, error) {
	end := time.Now().Add(d)
	time.Sleep(1500 * time.Millisecond) // the mock returns memory at most once a second
	last, err := p.mem()
	for err == nil && time.Now().Before(end) {
		time.Sleep(500 * time.Millisecond)
		var cur memory
		if cur, err = p.mem(); err == nil {
			if cur.rss >= last.rss {
				return cur, nil
			}
			last = cur
		}
	}
	return last, err
}

// mb renders bytes as MB with one decimal.
func mb(n int64) string { return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB" }
