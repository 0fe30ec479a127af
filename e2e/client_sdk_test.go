package e2e

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"reflect"
	"sync"
	"testing"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/signer"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/request"

	"github.com/hwcorder/ordergen/generated/dbss"
	"github.com/hwcorder/ordergen/generated/dsc"
	"github.com/hwcorder/ordergen/generated/hss"
)

// captureTransport keeps the requests a client sends and answers each with
// benchAnswer.
type captureTransport struct {
	mu     sync.Mutex
	reqs   []*http.Request
	bodies [][]byte
}

func (c *captureTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	var body []byte
	if r.Body != nil {
		body, _ = io.ReadAll(r.Body)
		r.Body.Close()
	}
	c.mu.Lock()
	c.reqs = append(c.reqs, r)
	c.bodies = append(c.bodies, body)
	c.mu.Unlock()
	return benchTransport{}.RoundTrip(r)
}

// sdkResign signs what our client sent with the official SDK's signer, the
// way the SDK's HTTP client builds its requests, and returns the SDK's
// Authorization value: the header a Huawei Cloud gateway expects.
func sdkResign(t *testing.T, r *http.Request, body []byte, ak, sk string) string {
	t.Helper()
	b := request.NewHttpRequestBuilder().WithEndpoint(r.URL.Scheme + "://" + r.URL.Host).
		WithMethod(r.Method).WithPath(r.URL.Path)
	for k, vs := range r.URL.Query() {
		if len(vs) == 1 {
			b.AddQueryParam(k, reflect.ValueOf(vs[0]))
		} else {
			b.AddQueryParam(k, reflect.ValueOf(vs))
		}
	}
	for k, vs := range r.Header {
		if k != "Authorization" {
			b.AddHeaderParam(k, vs[0])
		}
	}
	if len(body) > 0 {
		b.WithBody("", string(body))
	}
	added, err := signer.Sign(b.Build(), ak, sk)
	if err != nil {
		t.Fatal(err)
	}
	return added["Authorization"]
}

// TestClientSignatureMatchesSDK sends orders through our generated clients
// (odd project IDs, query and header parameters included) and wants every
// Authorization header to be the one the official SDK's signer computes for
// the same request.
func TestClientSignatureMatchesSDK(t *testing.T) {
	ctx := context.Background()
	tr := &captureTransport{}
	hc := &http.Client{Transport: tr}
	const ak, sk = benchAK, benchSK
	for _, project := range []string{benchProject, "proj ect~x(2)*!", "项目-0c5d8fa3a480f3b82f15c01d2cf1f5d2"} {
		dc, err := dsc.NewClient("https://dsc.cn-north-4.myhuaweicloud.com", dsc.WithAKSK(ak, sk), dsc.WithProjectID(project), dsc.WithHTTPClient(hc))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := dc.CreateProductOrder(ctx, nil, oursDSCOrder()); err != nil {
			t.Fatalf("dsc %q: %v", project, err)
		}
	}
	bc, err := dbss.NewClient("https://dbss.cn-north-4.myhuaweicloud.com/", dbss.WithAKSK(ak, sk), dbss.WithUserAgent("ordergen-e2e/1.0"), dbss.WithHTTPClient(hc))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bc.CreateDbOmInstancePeriod(ctx, &dbss.CreateDbOmInstancePeriodParams{ProjectID: benchProject}, oursDBSSOrder()); err != nil {
		t.Fatal(err)
	}
	hsc, err := hss.NewClient("http://127.0.0.1:8080", hss.WithAKSK(ak, sk), hss.WithProjectID(benchProject), hss.WithHTTPClient(hc))
	if err != nil {
		t.Fatal(err)
	}
	for _, eps := range []string{"0", "all_granted_eps", "a b&c=d+e"} {
		region := "cn-north-4"
		params := &hss.CreateQuotasOrderParams{EnterpriseProjectID: &eps, Region: &region}
		if _, err := hsc.CreateQuotasOrder(ctx, params, oursHSSOrder()); err != nil {
			t.Fatalf("hss %q: %v", eps, err)
		}
	}
	if len(tr.reqs) != 7 {
		t.Fatalf("captured %d requests, want 7", len(tr.reqs))
	}
	for i, r := range tr.reqs {
		got := r.Header.Get("Authorization")
		want := sdkResign(t, r, tr.bodies[i], ak, sk)
		if got != want || got == "" {
			t.Errorf("%s %s?%s\n ours %s\n  sdk %s", r.Method, r.URL.EscapedPath(), r.URL.RawQuery, got, want)
		}
		if !bytes.HasPrefix(tr.bodies[i], []byte("{")) {
			t.Errorf("%s: body %q", r.URL, tr.bodies[i])
		}
	}
}
