package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// runStalled: the stalled connections scenario.
func runStalled(cfg config) ([]string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), cfg.scenarioLimit)
	defer cancel()
	p, err := startMock(ctx, cfg.mock, "--token", "tok", "--quiet")
	if err != nil {
		return nil, err
	}
	defer p.stop()
	if _, fails := orders(p.base, 1); len(fails) > 0 {
		return nil, fmt.Errorf("warm-up order: %v", fails)
	}
	before, err := p.mem()
	if err != nil {
		return nil, err
	}
	took, open, err := stalled(ctx, p, cfg.stalled)
	after, merr := p.mem()
	out := []string{
		fmt.Sprintf("- %d stalled connections (default timeouts: read-header 10s, read 30s, idle 30s)", cfg.stalled),
		fmt.Sprintf("- all closed by the server after %s; left open: %d", took.Round(100*time.Millisecond), open),
		fmt.Sprintf("- RSS %s before, peak %s, %s after", mb(before.rss), mb(after.peak), mb(after.rss)),
	}
	switch {
	case err != nil:
		return out, err
	case merr != nil:
		return out, merr
	case took > cfg.stallLimit:
		return out, fmt.Errorf("closing took %s, over %s", took, cfg.stallLimit)
	case after.peak-before.rss > 100<<20:
		return out, fmt.Errorf("peak RSS grew by %s", mb(after.peak-before.rss))
	}
	return out, nil
}

// runBodies: the rejected 12 MB bodies scenario.
func runBodies(cfg config) ([]string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), cfg.scenarioLimit)
	defer cancel()
	p, err := startMock(ctx, cfg.mock, "--ak", "AK", "--sk", "SK", "--token", "tok", "--quiet")
	if err != nil {
		return nil, err
	}
	defer p.stop()
	if _, fails := orders(p.base, 1); len(fails) > 0 {
		return nil, fmt.Errorf("warm-up order: %v", fails)
	}
	before, err := p.mem()
	if err != nil {
		return nil, err
	}
	var out []string
	var bad error
	badSig := map[string]string{
		"Authorization": "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=" + strings.Repeat("ab", 32),
		"X-Sdk-Date":    time.Now().UTC().Format("20060102T150405Z"),
	}
	for _, kind := range []struct {
		name string
		conc int
		hdr  map[string]string
	}{
		{"at once, wrong AK/SK signature (the body must be read to check its hash)", cfg.bodies, badSig},
		{"one after the other, wrong AK/SK signature", 1, badSig},
		{"at once, wrong token (refused from the headers)", cfg.bodies, map[string]string{"X-Auth-Token": "nope"}},
		{"at once, valid token, a JSON body of one 12 MB string (read, decoded, refused as invalid)", cfg.bodies, map[string]string{"X-Auth-Token": "tok"}},
	} {
		statuses, _ := bigBodies(p, cfg.bodies, kind.conc, kind.hdr)
		m, err := p.settle(5 * time.Second)
		if err != nil {
			return out, err
		}
		out = append(out, fmt.Sprintf("- %d bodies of 12 MB %s: statuses %v; RSS %s after (peak so far %s)", cfg.bodies, kind.name, statuses, mb(m.rss), mb(m.peak)))
		for st, n := range statuses {
			// 0: the server answered and closed the connection before the
			// client had sent the whole body.
			if st != 401 && st != 400 && st != 429 && st != 0 {
				bad = errors.Join(bad, fmt.Errorf("%d bodies answered %d, want 400, 401 or 429", n, st))
			}
		}
	}
	if err := reset(p); err != nil {
		return out, err
	}
	after, err := p.settle(5 * time.Second)
	if err != nil {
		return out, err
	}
	out = append([]string{fmt.Sprintf("- RSS %s before", mb(before.rss))}, out...)
	out = append(out, fmt.Sprintf("- after /__mock/reset: RSS %s; growth over the scenario %s, peak growth %s", mb(after.rss), mb(after.rss-before.rss), mb(after.peak-before.rss)))
	if after.peak-before.rss >= 100<<20 {
		bad = errors.Join(bad, fmt.Errorf("peak RSS grew by %s, want under 100 MB", mb(after.peak-before.rss)))
	}
	return out, bad
}

// runOrders: the concurrent orders scenario.
func runOrders(cfg config) ([]string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), cfg.scenarioLimit)
	defer cancel()
	p, err := startMock(ctx, cfg.mock, "--token", "tok", "--quiet")
	if err != nil {
		return nil, err
	}
	defer p.stop()
	start := time.Now()
	ids, fails := orders(p.base, cfg.orders)
	took := time.Since(start)
	m, _ := p.mem()
	distinct := len(slices.Compact(slices.Sorted(slices.Values(ids))))
	out := []string{
		fmt.Sprintf("- %d valid orders (DSC and HSS alternating) sent at once, one connection each: %d succeeded, %d distinct IDs, in %s", cfg.orders, cfg.orders-len(fails), distinct, took.Round(time.Millisecond)),
		fmt.Sprintf("- RSS %s after, peak %s", mb(m.rss), mb(m.peak)),
	}
	if len(fails) > 0 || distinct != cfg.orders {
		return out, fmt.Errorf("%d failed (first: %v), %d distinct IDs of %d", len(fails), first(fails), distinct, cfg.orders)
	}
	return out, nil
}

// runTwo: the two processes scenario.
func runTwo(cfg config) ([]string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), cfg.scenarioLimit)
	defer cancel()
	var ps [2]*mockProc
	for i := range ps {
		p, err := startMock(ctx, cfg.mock, "--token", "tok", "--quiet")
		if err != nil {
			return nil, err
		}
		defer p.stop()
		ps[i] = p
	}
	var ids [2][]string
	var fails [2][]string
	done := make(chan int)
	for i, p := range ps {
		go func() { ids[i], fails[i] = orders(p.base, cfg.orders); done <- i }()
	}
	<-done
	<-done
	all := slices.Concat(ids[0], ids[1])
	distinct := len(slices.Compact(slices.Sorted(slices.Values(all))))
	out := []string{fmt.Sprintf("- two mocks started together, %d orders at once on each: %d+%d succeeded, %d distinct IDs of %d (minutes %s and %s)",
		cfg.orders, cfg.orders-len(fails[0]), cfg.orders-len(fails[1]), distinct, len(all), minute(ids[0]), minute(ids[1]))}
	if len(fails[0])+len(fails[1]) > 0 || distinct != len(all) {
		return out, fmt.Errorf("%d shared IDs, %d failures (first: %v %v)", len(all)-distinct, len(fails[0])+len(fails[1]), first(fails[0]), first(fails[1]))
	}
	return out, nil
}

// first returns the first element of s, or "".
func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// minute returns the minute stamps (yymmddHHMM) the IDs carry.
func minute(ids []string) string {
	var ms []string
	for _, id := range ids {
		if len(id) >= 12 {
			ms = append(ms, id[2:12])
		}
	}
	return strings.Join(slices.Compact(slices.Sorted(slices.Values(ms))), ",")
}

// runLong: the long-running scenario: a flood of valid orders, then one of
// refused calls carrying 60 KB of junk headers each, both recorded; RSS
// must level off under the record limits.
func runLong(cfg config) ([]string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), cfg.scenarioLimit)
	defer cancel()
	p, err := startMock(ctx, cfg.mock, "--token", "tok", "--quiet")
	if err != nil {
		return nil, err
	}
	defer p.stop()
	before, err := p.mem()
	if err != nil {
		return nil, err
	}
	out := []string{fmt.Sprintf("- RSS %s before", mb(before.rss))}
	var bad error
	for _, kind := range []struct {
		name string
		n    int
		junk bool
	}{{"valid orders", cfg.flood, false}, {"refused calls with 60 KB of junk headers", cfg.flood / 2, true}} {
		var samples []string
		start := time.Now()
		failed := flood(p.base, kind.n, 32, kind.junk, func(int) {
			if m, err := p.mem(); err == nil {
				samples = append(samples, strings.TrimSuffix(mb(m.rss), " MB"))
			}
		})
		m, _ := p.mem()
		out = append(out, fmt.Sprintf("- %d %s, 32 at a time, in %s: %d failed; RSS after each tenth (MB): %s; peak so far %s",
			kind.n, kind.name, time.Since(start).Round(100*time.Millisecond), failed, strings.Join(samples, " "), mb(m.peak)))
		if failed > 0 {
			bad = errors.Join(bad, fmt.Errorf("%d of %d %s failed", failed, kind.n, kind.name))
		}
	}
	if m, err := p.mem(); err == nil && m.peak >= 100<<20 {
		bad = errors.Join(bad, fmt.Errorf("peak RSS %s, want under 100 MB", mb(m.peak)))
	}
	return out, bad
}
