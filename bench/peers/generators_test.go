package peers

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/hwcorder/ordergen/bench/peers/orderspec"
)

// OapiCodegen is the peer generator, installed with its own go.mod as its
// users install it.
const OapiCodegen = "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen@v2.8.2"

// A generator is a built binary and how to run it on a spec into an empty
// output directory.
type generator struct {
	name string
	cmd  func(spec, out string) *exec.Cmd
}

// buildGenerators builds our gen (from this repository, with the main
// module's dependencies) and installs oapi-codegen into a temporary
// directory.
func buildGenerators(tb testing.TB) []generator {
	tb.Helper()
	dir := tb.TempDir()
	gen, oapi := filepath.Join(dir, "gen"), filepath.Join(dir, "oapi-codegen")
	build := exec.Command("go", "build", "-o", gen, "./cmd/gen")
	build.Dir = filepath.Join("..", "..")
	install := exec.Command("go", "install", OapiCodegen)
	install.Env = append(os.Environ(), "GOBIN="+dir)
	for _, c := range []*exec.Cmd{build, install} {
		if out, err := c.CombinedOutput(); err != nil {
			tb.Fatalf("%s: %v\n%s", c, err, out)
		}
	}
	return []generator{
		{"ours", func(spec, out string) *exec.Cmd {
			return exec.Command(gen, "--spec", spec, "--out", out, "--package", "orders")
		}},
		// types, client and server: what ours makes (models and
		// validators, client, mock server), as closely as oapi-codegen
		// offers it.
		{"oapi-codegen", func(spec, out string) *exec.Cmd {
			return exec.Command(oapi, "-generate", "types,client,std-http", "-package", "orders", "-o", filepath.Join(out, "orders.gen.go"), spec)
		}},
	}
}

// run runs g on spec into a new directory under parent and returns the
// child's CPU time and peak RSS; the directory is removed afterwards.
func (g generator) run(tb testing.TB, spec, parent string, timed func(func())) (cpu time.Duration, maxRSSKB int64, err error) {
	out, err := os.MkdirTemp(parent, g.name)
	if err != nil {
		tb.Fatal(err)
	}
	defer os.RemoveAll(out)
	cmd := g.cmd(spec, out)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	timed(func() { err = cmd.Run() })
	if err != nil {
		return 0, 0, fmt.Errorf("%s: %v\n%s", cmd, err, stderr.Bytes())
	}
	st := cmd.ProcessState
	if ru, ok := st.SysUsage().(*syscall.Rusage); ok {
		maxRSSKB = ru.Maxrss
	}
	return st.UserTime() + st.SystemTime(), maxRSSKB, nil
}

// BenchmarkGenerator times each generator, a fresh process writing into
// an empty directory per iteration, on specs of 50 to 500 order
// operations (package orderspec). Besides wall time per run it reports
// wall and CPU time per API operation (ns/apiop, cpu-ns/apiop: constant
// across sizes when the generator is linear) and the peak RSS. Run with
// -benchtime 1x: one run of the largest spec takes seconds.
// Compare with: benchstat -col /gen
func BenchmarkGenerator(b *testing.B) {
	gens := buildGenerators(b)
	dir := b.TempDir()
	for _, n := range []int{50, 100, 250, 500} {
		data, err := orderspec.Build(n)
		if err != nil {
			b.Fatal(err)
		}
		spec := filepath.Join(dir, fmt.Sprintf("orders%d.yaml", n))
		if err := os.WriteFile(spec, data, 0o644); err != nil {
			b.Fatal(err)
		}
		for _, g := range gens {
			b.Run(fmt.Sprintf("ops=%d/gen=%s", n, g.name), func(b *testing.B) {
				var cpu time.Duration
				var rss int64
				runs := 0
				timed := func(f func()) { b.StartTimer(); f(); b.StopTimer() }
				for b.Loop() {
					// Only the child process is timed: not making and
					// removing its output directory.
					b.StopTimer()
					c, r, err := g.run(b, spec, dir, timed)
					if err != nil {
						b.Fatal(err)
					}
					cpu += c
					rss = max(rss, r)
					runs++
					b.StartTimer()
				}
				perRun := float64(runs)
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/perRun/float64(n), "ns/apiop")
				b.ReportMetric(float64(cpu.Nanoseconds())/perRun, "cpu-ns/op")
				b.ReportMetric(float64(cpu.Nanoseconds())/perRun/float64(n), "cpu-ns/apiop")
				b.ReportMetric(float64(rss), "maxrss-KB")
			})
		}
	}
}

// TestGeneratorsAcceptOrderSpec runs both generators on a spec with one
// copy of each template, so the benchmark measures successful runs of
// both; ours must also name every operation in its client.
func TestGeneratorsAcceptOrderSpec(t *testing.T) {
	n := len(orderspec.Templates)
	data, err := orderspec.Build(n)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	spec := filepath.Join(dir, "orders.yaml")
	if err := os.WriteFile(spec, data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, g := range buildGenerators(t) {
		out := filepath.Join(dir, g.name)
		if err := os.Mkdir(out, 0o755); err != nil {
			t.Fatal(err)
		}
		cmd := g.cmd(spec, out)
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", cmd, err, msg)
		}
		if g.name != "ours" {
			continue
		}
		client, err := os.ReadFile(filepath.Join(out, "client.gen.go"))
		if err != nil {
			t.Fatal(err)
		}
		for i, op := range []string{"CreateDbOmInstancePeriod", "CreateProductOrder", "CreateQuotasOrder"} {
			method := fmt.Sprintf(") %s%03d(", op, i)
			if !bytes.Contains(client, []byte(method)) {
				t.Errorf("our client has no method %s", method)
			}
		}
	}
}
