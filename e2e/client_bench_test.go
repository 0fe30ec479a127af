package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/basic"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/config"
	dbsssdk "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dbss/v1"
	dscsdk "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dsc/v1"
	hsssdk "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/hss/v5"

	"github.com/hwcorder/ordergen/generated/dbss"
	"github.com/hwcorder/ordergen/generated/dsc"
	"github.com/hwcorder/ordergen/generated/hss"
)

// Per-request client overhead: our generated client (validates, signs with
// AK/SK), the official SDK client (signs with AK/SK) and a plain
// net/http + encoding/json client (neither validates nor signs; sends a
// token), placing the same order. "inmem" answers from an http.RoundTripper
// without any network, so the clients' own work is what is measured;
// "loopback" goes through a bare httptest server. See docs/bench-client.md.

const (
	benchAK      = "HPUABENCHAK000000000"
	benchSK      = "bench-secret-key-0123456789abcdefghijkl"
	benchToken   = "MIIbench-token"
	benchProject = "0c5d8fa3a480f3b82f15c01d2cf1f5d2"
	benchAnswer  = `{"order_id":"CS2611231015ABCDE"}`
)

// benchTransport answers every request with benchAnswer, in memory.
type benchTransport struct{}

func (benchTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		io.Copy(io.Discard, r.Body)
		r.Body.Close()
	}
	return &http.Response{
		StatusCode: 200, Status: "200 OK", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:        http.Header{"Content-Type": {"application/json"}, "X-Request-Id": {"bench"}},
		Body:          io.NopCloser(bytes.NewReader([]byte(benchAnswer))),
		ContentLength: int64(len(benchAnswer)),
		Request:       r,
	}, nil
}

// benchServer is the loopback peer: it reads the body and answers
// benchAnswer, nothing else.
func benchServer(b *testing.B) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, benchAnswer)
	}))
	b.Cleanup(srv.Close)
	return srv
}

// benchOrder is one service's order in the three clients' terms.
type benchOrder struct {
	service string
	ours    func(endpoint string, hc *http.Client) (func(context.Context) error, error)
	sdk     func(endpoint string, hc *config.HttpConfig) (func() error, error)
	path    string // for the plain client
	body    any    // for the plain client
	query   string // for the plain client
}

// benchCredentials are the SDK's AK/SK credentials of every benchmark.
func benchCredentials() (*basic.Credentials, error) {
	return basic.NewCredentialsBuilder().WithAk(benchAK).WithSk(benchSK).WithProjectId(benchProject).SafeBuild()
}

func benchOrders() []benchOrder {
	return []benchOrder{
		{
			service: "dsc", path: "/v1/" + benchProject + "/period/order", body: oursDSCOrder(),
			ours: func(endpoint string, hc *http.Client) (func(context.Context) error, error) {
				c, err := dsc.NewClient(endpoint, dsc.WithAKSK(benchAK, benchSK), dsc.WithProjectID(benchProject), dsc.WithHTTPClient(hc))
				if err != nil {
					return nil, err
				}
				body := oursDSCOrder()
				return func(ctx context.Context) error {
					res, err := c.CreateProductOrder(ctx, nil, body)
					return checkOrderID(res.OrderID, err)
				}, nil
			},
			sdk: func(endpoint string, hc *config.HttpConfig) (func() error, error) {
				cred, err := benchCredentials()
				if err != nil {
					return nil, err
				}
				hcc, err := dscsdk.DscClientBuilder().WithEndpoints([]string{endpoint}).WithCredential(cred).WithHttpConfig(hc).SafeBuild()
				if err != nil {
					return nil, err
				}
				c := dscsdk.NewDscClient(hcc)
				return func() error {
					res, err := c.CreateProductOrder(dscOrder())
					if err != nil {
						return err
					}
					return checkOrderID(res.OrderId, nil)
				}, nil
			},
		},
		{
			service: "dbss", path: "/v2/" + benchProject + "/db-om/charge/period/order", body: oursDBSSOrder(),
			ours: func(endpoint string, hc *http.Client) (func(context.Context) error, error) {
				c, err := dbss.NewClient(endpoint, dbss.WithAKSK(benchAK, benchSK), dbss.WithProjectID(benchProject), dbss.WithHTTPClient(hc))
				if err != nil {
					return nil, err
				}
				body := oursDBSSOrder()
				return func(ctx context.Context) error {
					res, err := c.CreateDbOmInstancePeriod(ctx, nil, body)
					return checkOrderID(res.OrderID, err)
				}, nil
			},
			sdk: func(endpoint string, hc *config.HttpConfig) (func() error, error) {
				cred, err := benchCredentials()
				if err != nil {
					return nil, err
				}
				hcc, err := dbsssdk.DbssClientBuilder().WithEndpoints([]string{endpoint}).WithCredential(cred).WithHttpConfig(hc).SafeBuild()
				if err != nil {
					return nil, err
				}
				c := dbsssdk.NewDbssClient(hcc)
				return func() error {
					res, err := c.CreateDbOmInstancePeriod(dbssOrder())
					if err != nil {
						return err
					}
					return checkOrderID(res.OrderId, nil)
				}, nil
			},
		},
		{
			service: "hss", path: "/v5/" + benchProject + "/quotas/orders", query: "enterprise_project_id=0", body: oursHSSOrder(),
			ours: func(endpoint string, hc *http.Client) (func(context.Context) error, error) {
				c, err := hss.NewClient(endpoint, hss.WithAKSK(benchAK, benchSK), hss.WithProjectID(benchProject), hss.WithHTTPClient(hc))
				if err != nil {
					return nil, err
				}
				body := oursHSSOrder()
				eps := "0"
				params := &hss.CreateQuotasOrderParams{EnterpriseProjectID: &eps}
				return func(ctx context.Context) error {
					res, err := c.CreateQuotasOrder(ctx, params, body)
					return checkOrderID(res.OrderID, err)
				}, nil
			},
			sdk: func(endpoint string, hc *config.HttpConfig) (func() error, error) {
				cred, err := benchCredentials()
				if err != nil {
					return nil, err
				}
				hcc, err := hsssdk.HssClientBuilder().WithEndpoints([]string{endpoint}).WithCredential(cred).WithHttpConfig(hc).SafeBuild()
				if err != nil {
					return nil, err
				}
				c := hsssdk.NewHssClient(hcc)
				return func() error {
					res, err := c.CreateQuotasOrder(hssOrder())
					if err != nil {
						return err
					}
					return checkOrderID(res.OrderId, nil)
				}, nil
			},
		},
	}
}

// checkOrderID fails a call that did not return the answer's order ID.
func checkOrderID(id *string, err error) error {
	if err != nil {
		return err
	}
	if id == nil || *id != "CS2611231015ABCDE" {
		return errors.New("wrong order_id")
	}
	return nil
}

// plainOrder is what a hand-written client does: marshal, build the
// request, send, decode. No validation, no signing.
func plainOrder(ctx context.Context, hc *http.Client, u string, body any) error {
	data, err := json.Marshal(body)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(data))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Auth-Token", benchToken)
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return errors.New(resp.Status)
	}
	var out struct {
		OrderID *string `json:"order_id"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return err
	}
	return checkOrderID(out.OrderID, nil)
}

// BenchmarkClient runs every client on every service, in memory and over
// loopback. Compare ns/op and allocs/op of ours, sdk and plain.
func BenchmarkClient(b *testing.B) {
	for _, net := range []string{"inmem", "loopback"} {
		for _, o := range benchOrders() {
			b.Run(net+"/"+o.service, func(b *testing.B) {
				endpoint := "https://" + o.service + ".cn-north-4.myhuaweicloud.com"
				hc := &http.Client{Transport: benchTransport{}}
				sdkConf := config.DefaultHttpConfig().WithHttpRoundTripper(benchTransport{})
				if net == "loopback" {
					srv := benchServer(b)
					endpoint = srv.URL
					tr := &http.Transport{MaxIdleConnsPerHost: 4}
					b.Cleanup(tr.CloseIdleConnections)
					hc = &http.Client{Transport: tr}
					sdkTr := &http.Transport{MaxIdleConnsPerHost: 4}
					b.Cleanup(sdkTr.CloseIdleConnections)
					sdkConf = config.DefaultHttpConfig().WithHttpTransport(sdkTr)
				}
				ctx := context.Background()
				b.Run("ours", func(b *testing.B) {
					call, err := o.ours(endpoint, hc)
					if err != nil {
						b.Fatal(err)
					}
					b.ReportAllocs()
					for b.Loop() {
						if err := call(ctx); err != nil {
							b.Fatal(err)
						}
					}
				})
				b.Run("sdk", func(b *testing.B) {
					call, err := o.sdk(endpoint, sdkConf)
					if err != nil {
						b.Fatal(err)
					}
					b.ReportAllocs()
					for b.Loop() {
						if err := call(); err != nil {
							b.Fatal(err)
						}
					}
				})
				b.Run("plain", func(b *testing.B) {
					u := endpoint + o.path
					if o.query != "" {
						u += "?" + o.query
					}
					if _, err := url.Parse(u); err != nil {
						b.Fatal(err)
					}
					b.ReportAllocs()
					for b.Loop() {
						if err := plainOrder(ctx, hc, u, o.body); err != nil {
							b.Fatal(err)
						}
					}
				})
			})
		}
	}
}

// TestBenchClientsAgree runs each benchmark call once, so that a broken
// benchmark fails the ordinary test run.
func TestBenchClientsAgree(t *testing.T) {
	ctx := context.Background()
	hc := &http.Client{Transport: benchTransport{}}
	for _, o := range benchOrders() {
		endpoint := "https://" + o.service + ".cn-north-4.myhuaweicloud.com"
		call, err := o.ours(endpoint, hc)
		if err != nil {
			t.Fatal(err)
		}
		if err := call(ctx); err != nil {
			t.Errorf("%s ours: %v", o.service, err)
		}
		sdkCall, err := o.sdk(endpoint, config.DefaultHttpConfig().WithHttpRoundTripper(benchTransport{}))
		if err != nil {
			t.Fatal(err)
		}
		if err := sdkCall(); err != nil {
			t.Errorf("%s sdk: %v", o.service, err)
		}
		if err := plainOrder(ctx, hc, endpoint+o.path, o.body); err != nil {
			t.Errorf("%s plain: %v", o.service, err)
		}
	}
}
