package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Valid orders, one per service, and the paths they go to.
const (
	dscPath   = "/v1/p1/period/order"
	hssPath   = "/v5/p1/quotas/orders"
	dbssPath  = "/v2/0123456789abcdef0123456789abcdef/db-om/charge/period/order"
	dscOrder  = `{"charging_mode":0,"cloud_service_type":"hws.service.type.sdg","period_num":1,"period_type":2,"region_id":"cn-north-4","zone":"CH","product_infos":[{"cloud_service_type":"hws.service.type.sdg","product_id":"p","resource_size":30,"resource_size_measure_id":30,"resource_spec_code":"base_professional","resource_type":"hws.resource.type.dsc.base"}]}`
	hssOrder  = `{"resource_spec_code":"hss.version.enterprise","subscription_num":1,"period_num":1,"period_type":2}`
	bodyBytes = 12_000_000 // "12 MB": under the 12 MiB limit, so only the credentials refuse it
)

// stalled opens n connections that stall in four ways (a quarter each:
// nothing sent; half the headers; headers declaring a 12 MB body and 64 KB
// of it; a complete call, then idle on keep-alive) and returns how long
// the server took to close the last one and how many it left open.
func stalled(ctx context.Context, p *mockProc, n int) (time.Duration, int, error) {
	heads := []string{
		"",
		"POST " + hssPath + " HTTP/1.1\r\nHost: x\r\nX-Auth-Token: tok\r\n",
		"POST " + hssPath + " HTTP/1.1\r\nHost: x\r\nX-Auth-Token: tok\r\nContent-Type: application/json\r\nContent-Length: 12000000\r\n\r\n{\"x\":\"" + strings.Repeat("a", 64<<10),
		fmt.Sprintf("POST %s HTTP/1.1\r\nHost: x\r\nX-Auth-Token: tok\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", hssPath, len(hssOrder), hssOrder),
	}
	start := time.Now()
	var wg sync.WaitGroup
	var last atomic.Int64
	var open atomic.Int32
	errs := make(chan error, n)
	for i := range n {
		conn, err := net.Dial("tcp", p.addr)
		if err != nil {
			return 0, 0, err
		}
		open.Add(1)
		wg.Go(func() {
			defer conn.Close()
			io.WriteString(conn, heads[i%len(heads)])
			if dl, ok := ctx.Deadline(); ok {
				conn.SetReadDeadline(dl)
			}
			if _, err := io.Copy(io.Discard, conn); err != nil {
				errs <- fmt.Errorf("connection %d not closed by the server: %v", i, err)
				return
			}
			open.Add(-1)
			last.Store(int64(time.Since(start)))
		})
	}
	wg.Wait()
	close(errs)
	return time.Duration(last.Load()), int(open.Load()), <-errs
}

// bigBodies sends n bodies of bodyBytes, conc at a time, each refused by
// its credentials or content (hdr), and counts the statuses.
func bigBodies(p *mockProc, n, conc int, hdr map[string]string) (map[int]int, error) {
	sem := make(chan struct{}, conc)
	body := `{"name":"` + strings.Repeat("a", bodyBytes-11) + `"}`
	client := &http.Client{Transport: &http.Transport{MaxConnsPerHost: 0, MaxIdleConnsPerHost: n}, Timeout: 2 * time.Minute}
	var mu sync.Mutex
	statuses := map[int]int{}
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			req, _ := http.NewRequest("POST", p.base+dbssPath, strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			for k, v := range hdr {
				req.Header.Set(k, v)
			}
			st := 0 // the server closed the connection before the reply
			if resp, err := client.Do(req); err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				st = resp.StatusCode
			}
			mu.Lock()
			statuses[st]++
			mu.Unlock()
		})
	}
	wg.Wait()
	client.CloseIdleConnections()
	return statuses, nil
}

// orders places n valid orders at once on base (alternating DSC and HSS,
// each on its own connection) and returns their IDs and the failures.
func orders(base string, n int) ([]string, []string) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: n}, Timeout: 2 * time.Minute}
	defer client.CloseIdleConnections()
	ids := make([]string, n)
	fails := make([]string, n)
	gate := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		path, body := dscPath, dscOrder
		if i%2 == 1 {
			path, body = hssPath, hssOrder
		}
		wg.Go(func() {
			<-gate
			req, _ := http.NewRequest("POST", base+path, strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("X-Auth-Token", "tok")
			resp, err := client.Do(req)
			if err != nil {
				fails[i] = err.Error()
				return
			}
			defer resp.Body.Close()
			var out struct {
				OrderID string `json:"order_id"`
			}
			if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != 200 || out.OrderID == "" {
				fails[i] = fmt.Sprintf("%d %v", resp.StatusCode, err)
				return
			}
			ids[i] = out.OrderID
		})
	}
	close(gate)
	wg.Wait()
	var failed []string
	for _, f := range fails {
		if f != "" {
			failed = append(failed, f)
		}
	}
	return ids, failed
}

// reset calls /__mock/reset.
func reset(p *mockProc) error {
	resp, err := http.Post(p.base+"/__mock/reset", "application/json", nil)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		return fmt.Errorf("reset: %s", resp.Status)
	}
	return nil
}

// flood makes n calls to HSS, conc at a time on kept-alive connections:
// valid orders, or (junk) calls with a wrong token and 60 KB of junk
// headers, refused but recorded. every is called after each tenth.
func flood(base string, n, conc int, junk bool, every func(done int)) (failed int) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: conc}, Timeout: time.Minute}
	defer client.CloseIdleConnections()
	pad := strings.Repeat("j", 60000)
	var bad atomic.Int64
	step := max(n/10, 1)
	for done := 0; done < n; done += step {
		var wg sync.WaitGroup
		batch := min(step, n-done)
		for w := range conc {
			wg.Go(func() {
				for i := w; i < batch; i += conc {
					req, _ := http.NewRequest("POST", base+hssPath, strings.NewReader(hssOrder))
					req.Header.Set("Content-Type", "application/json")
					want := 200
					if junk {
						req.Header.Set("X-Auth-Token", "nope")
						req.Header.Set("X-Junk", pad)
						want = 401
					} else {
						req.Header.Set("X-Auth-Token", "tok")
					}
					resp, err := client.Do(req)
					if err != nil {
						bad.Add(1)
						continue
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != want {
						bad.Add(1)
					}
				}
			})
		}
		wg.Wait()
		every(done + batch)
	}
	return int(bad.Load())
}
