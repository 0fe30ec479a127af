package e2e

import (
	"context"
	"net/http"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/config"
)

// BenchmarkClientRatios is the steadier form of BenchmarkClient/inmem for a
// shared machine. It runs two clients at a time in turns of 200 calls, so
// that both see the same background load, and compares the medians over the
// turns of their wall time and process CPU time per call: ours against the
// plain client, then ours against the SDK's. Pairs, not all three in turn,
// because the GC work a turn pays for is partly the previous turn's
// garbage: the SDK's garbage would inflate the plain client's time as much
// as ours. (It still inflates ours against the SDK's, which makes that
// ratio err low.) The targets: sdk/ours >= 4, ours/plain <= 1.5.
func BenchmarkClientRatios(b *testing.B) {
	for _, o := range benchOrders() {
		b.Run(o.service, func(b *testing.B) {
			ctx := context.Background()
			endpoint := "https://" + o.service + ".cn-north-4.myhuaweicloud.com"
			hc := &http.Client{Transport: benchTransport{}}
			ours, err := o.ours(endpoint, hc)
			if err != nil {
				b.Fatal(err)
			}
			sdk, err := o.sdk(endpoint, config.DefaultHttpConfig().WithHttpRoundTripper(benchTransport{}))
			if err != nil {
				b.Fatal(err)
			}
			u := endpoint + o.path
			oursCall := func() error { return ours(ctx) }
			plainCall := func() error { return plainOrder(ctx, hc, u, o.body) }
			for _, pair := range []struct {
				name string
				a, b func() error
			}{{"plain", oursCall, plainCall}, {"sdk", oursCall, sdk}} {
				wall, cpu := alternate(b, pair.a, pair.b)
				if pair.name == "plain" {
					b.ReportMetric(wall[0], "ours-ns/call")
					b.ReportMetric(cpu[0], "ours-cpu-ns/call")
					b.ReportMetric(wall[1], "plain-ns/call")
					b.ReportMetric(cpu[1], "plain-cpu-ns/call")
					b.ReportMetric(cpu[0]/cpu[1], "ours/plain-cpu")
					b.ReportMetric(wall[0]/wall[1], "ours/plain-wall")
				} else {
					b.ReportMetric(wall[1], "sdk-ns/call")
					b.ReportMetric(cpu[1], "sdk-cpu-ns/call")
					b.ReportMetric(cpu[1]/cpu[0], "sdk/ours-cpu")
					b.ReportMetric(wall[1]/wall[0], "sdk/ours-wall")
				}
			}
		})
	}
}

// alternate runs a and b in turns until each has made b.N calls (at least
// one turn) and returns the median wall and CPU time per call of each.
func alternate(b *testing.B, calls ...func() error) (wall, cpu [2]float64) {
	const turn = 200
	var walls, cpus [2][]float64
	for done := 0; done < b.N; done += turn {
		for i, call := range calls {
			w0, c0 := time.Now(), processCPU()
			for range turn {
				if err := call(); err != nil {
					b.Fatal(err)
				}
			}
			walls[i] = append(walls[i], float64(time.Since(w0))/turn)
			cpus[i] = append(cpus[i], float64(processCPU()-c0)/turn)
		}
	}
	for i := range calls {
		wall[i], cpu[i] = median(walls[i]), median(cpus[i])
	}
	return wall, cpu
}

// processCPU is the user and system CPU time of the process so far.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(xs))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
