// Command mockload drives cmd/mock as a hostile client would and reports
// what it costs the server, on loopback only, bounded in count and time
// (Linux: it reads /proc). Each scenario gets a fresh mock process, so its
// peak RSS (VmHWM) is the scenario's own:
//
//   - stalled: 200 connections that stall (no request, half the headers,
//     a 12 MB body of which 64 KB arrive, idle after a call) must all be
//     closed by the server within a minute, RSS bounded;
//   - big bodies: 50 bodies of 12 MB sent at once with a wrong AK/SK
//     signature (so the server must read them to check the body hash), and
//     50 with a wrong token (refused from the headers), must grow RSS by
//     less than 100 MB;
//   - orders: 2,000 valid orders sent at once must all succeed with
//     distinct IDs;
//   - two processes: 2,000 orders on each of two mocks at once must share
//     no ID;
//   - long run: 50,000 valid orders, then 25,000 refused calls with 60 KB
//     of junk headers, all recorded: RSS must level off under 100 MB.
//
// Run it with `make bench` or `go run ./bench/mockload`; it exits 1 when a
// criterion fails. It is not part of CI.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// config is what the flags say.
type config struct {
	mock                      string // cmd/mock binary; built when empty
	stalled, bodies, orders   int
	flood                     int // valid orders of the long run; half as many refused calls
	stallLimit, scenarioLimit time.Duration
	only                      string // run only the scenarios whose name contains it
}

func main() {
	var cfg config
	flag.StringVar(&cfg.mock, "mock", "", "cmd/mock binary (default: go build ./cmd/mock)")
	flag.IntVar(&cfg.stalled, "stalled", 200, "stalled connections")
	flag.IntVar(&cfg.bodies, "bodies", 50, "12 MB bodies of each rejected kind")
	flag.IntVar(&cfg.orders, "orders", 2000, "concurrent valid orders")
	flag.IntVar(&cfg.flood, "flood", 50000, "valid orders of the long run (and half as many refused calls)")
	flag.DurationVar(&cfg.stallLimit, "stall-limit", time.Minute, "time within which stalled connections must be closed")
	flag.DurationVar(&cfg.scenarioLimit, "scenario-limit", 3*time.Minute, "hard limit of each scenario")
	flag.StringVar(&cfg.only, "only", "", "run only the scenarios whose name contains this")
	flag.Parse()
	if cfg.stalled > 5000 || cfg.bodies > 200 || cfg.orders > 10000 || cfg.flood > 500000 {
		fmt.Fprintln(os.Stderr, "mockload: counts are bounded: at most 5000 stalled, 200 bodies, 10000 orders, 500000 flood")
		os.Exit(2)
	}
	if err := run(cfg); err != nil {
		fmt.Fprintln(os.Stderr, "mockload:", err)
		os.Exit(1)
	}
}

// run builds the mock when needed and runs every scenario, printing a
// report; it returns an error when a criterion fails.
func run(cfg config) error {
	if cfg.mock == "" {
		dir, err := os.MkdirTemp("", "mockload")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		cfg.mock = filepath.Join(dir, "mock")
		if out, err := exec.Command("go", "build", "-o", cfg.mock, "./cmd/mock").CombinedOutput(); err != nil {
			return fmt.Errorf("go build ./cmd/mock: %v\n%s", err, out)
		}
	}
	var failed []string
	for _, s := range []struct {
		name string
		f    func(config) ([]string, error)
	}{{"stalled connections", runStalled}, {"rejected 12 MB bodies", runBodies}, {"concurrent orders", runOrders}, {"two processes", runTwo}, {"long run", runLong}} {
		if !strings.Contains(s.name, cfg.only) {
			continue
		}
		fmt.Printf("## %s\n\n", s.name)
		lines, err := s.f(cfg)
		for _, l := range lines {
			fmt.Println(l)
		}
		if err != nil {
			fmt.Printf("\nFAIL: %v\n", err)
			failed = append(failed, s.name)
		}
		fmt.Println()
	}
	if len(failed) > 0 {
		return fmt.Errorf("failed: %s", strings.Join(failed, ", "))
	}
	fmt.Println("all criteria met")
	return nil
}
