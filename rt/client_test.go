package rt

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// testOrder and testOrderResult stand in for generated body and response
// types.
type testOrder struct {
	RegionID string `json:"region_id"`
	Password string `json:"password,omitempty"`
}

type testOrderResult struct {
	OrderID string `json:"order_id"`
}

const (
	testAK    = "TESTAKXXXXXXXXXXXXXX"
	testSK    = "test-secret-key-do-not-print-0123456789"
	testToken = "MIIT-test-token-do-not-print"
)

// fixedClock is the signing time of the client tests.
func fixedClock() time.Time { return time.Date(2026, 11, 23, 11, 0, 0, 0, time.UTC) }

// roundTripFunc is an in-memory transport.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func answer(status int, body string, header ...string) *http.Response {
	h := http.Header{}
	for i := 0; i+1 < len(header); i += 2 {
		h.Set(header[i], header[i+1])
	}
	return &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(strings.NewReader(body))}
}

func orderCall() *Call {
	return &Call{Op: "CreateTestOrder", Method: "POST", Path: "/v1/p%2F1/period/order",
		Query: "enterprise_project_id=0&tag=a+b", Header: []string{"X-Language", "en-us"}}
}

func TestNewClientRejects(t *testing.T) {
	cases := []struct {
		endpoint string
		opts     []Option
		want     string
	}{
		{"dsc.example.com", nil, `new client: endpoint "dsc.example.com" is not an http or https URL without query`},
		{"ftp://dsc.example.com", nil, `new client: endpoint "ftp://dsc.example.com" is not an http or https URL without query`},
		{"https://dsc.example.com?x=1", nil, `new client: endpoint "https://dsc.example.com?x=1" is not an http or https URL without query`},
		{"https://x", []Option{WithAKSK("ak", "")}, "new client: WithAKSK: access key and secret key must not be empty"},
		{"https://x", []Option{WithToken("")}, "new client: WithToken: token must not be empty"},
		{"https://x", []Option{WithHTTPClient(nil)}, "new client: WithHTTPClient: nil *http.Client"},
		{"https://x", []Option{WithRetry(0, 0, 0)}, "new client: WithRetry: want attempts >= 1 and 0 <= base <= max"},
		{"https://x", []Option{WithAKSK(testAK, testSK), WithToken(testToken)}, "new client: WithAKSK and WithToken exclude each other"},
	}
	for _, c := range cases {
		_, err := NewClient(c.endpoint, c.opts...)
		if err == nil || err.Error() != c.want {
			t.Errorf("NewClient(%q) error = %v, want %q", c.endpoint, err, c.want)
		}
	}
}

func TestClientSignedRequest(t *testing.T) {
	var seen atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen.Add(1)
		body, _ := io.ReadAll(r.Body)
		secret := func(ak string) (string, bool) { return testSK, ak == testAK }
		if err := verifySignature(r, body, secret, fixedClock(), 0); err != nil {
			w.WriteHeader(401)
			fmt.Fprintf(w, `{"error_code":"APIGW.0301","error_msg":%q}`, err.Error())
			return
		}
		checks := []struct{ name, got, want string }{
			{"method", r.Method, "POST"},
			{"raw path", r.URL.EscapedPath(), "/base/v1/p%2F1/period/order"},
			{"query", r.URL.RawQuery, "enterprise_project_id=0&tag=a+b"},
			{"content type", r.Header.Get("Content-Type"), "application/json;charset=UTF-8"},
			{"user agent", r.Header.Get("User-Agent"), "test-agent"},
			{"project", r.Header.Get("X-Project-Id"), "p1"},
			{"language", r.Header.Get("X-Language"), "en-us"},
			{"token", r.Header.Get("X-Auth-Token"), ""},
			{"body", string(body), `{"region_id":"cn-north-4"}`},
		}
		for _, c := range checks {
			if c.got != c.want {
				t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
			}
		}
		w.Header().Set("X-Request-Id", "req-1")
		io.WriteString(w, `{"order_id":"CS2611231100ABCDE"}`)
	}))
	defer srv.Close()
	c, err := NewClient(srv.URL+"/base/", WithAKSK(testAK, testSK), WithProjectID("p1"),
		WithUserAgent("test-agent"), withClientClock(fixedClock))
	if err != nil {
		t.Fatal(err)
	}
	var out testOrderResult
	if err := c.Do(context.Background(), orderCall(), &testOrder{RegionID: "cn-north-4"}, &out); err != nil {
		t.Fatal(err)
	}
	if out.OrderID != "CS2611231100ABCDE" {
		t.Errorf("order_id = %q", out.OrderID)
	}
	if seen.Load() != 1 {
		t.Errorf("server saw %d requests, want 1", seen.Load())
	}
}

func TestClientTokenRequest(t *testing.T) {
	var got *http.Request
	c, err := NewClient("https://hss.example.com", WithToken(testToken), WithHTTPClient(&http.Client{
		Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			got = r
			return answer(200, `{"order_id":"x"}`), nil
		})}))
	if err != nil {
		t.Fatal(err)
	}
	call := &Call{Op: "Op", Method: "GET", Path: "/v5/p/quotas/orders"}
	if err := c.Do(context.Background(), call, nil, nil); err != nil {
		t.Fatal(err)
	}
	if got.Header.Get("X-Auth-Token") != testToken || got.Header.Get("Authorization") != "" {
		t.Errorf("headers = %v, want X-Auth-Token and no Authorization", got.Header)
	}
	if got.Body != nil || got.Header.Get("Content-Type") != "" || got.Header.Get("X-Project-Id") != "" {
		t.Errorf("a call without body sent Body %v, Content-Type %q, X-Project-Id %q", got.Body, got.Header.Get("Content-Type"), got.Header.Get("X-Project-Id"))
	}
	if got.URL.String() != "https://hss.example.com/v5/p/quotas/orders" {
		t.Errorf("URL = %s", got.URL)
	}
}

func TestClientAPIError(t *testing.T) {
	cases := []struct {
		name   string
		resp   *http.Response
		want   APIError
		errMsg string
	}{
		{"service body", answer(400, `{"error_code":"DSC.00000007","error_msg":"product_infos is required","request_id":"body-id"}`, "X-Request-Id", "hdr-id"),
			APIError{StatusCode: 400, ErrorCode: "DSC.00000007", ErrorMsg: "product_infos is required", RequestID: "hdr-id"},
			"CreateTestOrder: HTTP 400 Bad Request: DSC.00000007: product_infos is required (request ID hdr-id)"},
		{"request id from body", answer(403, `{"error_code":"DBSS.XXX","error_msg":"no","request_id":"body-id","details":[{"error_code":"a"}],"encoded_authorization_message":"zz"}`),
			APIError{StatusCode: 403, ErrorCode: "DBSS.XXX", ErrorMsg: "no", RequestID: "body-id"},
			"CreateTestOrder: HTTP 403 Forbidden: DBSS.XXX: no (request ID body-id)"},
		{"gateway body", answer(401, `{"error":{"code":"APIGW.0301","message":"Incorrect IAM authentication information"}}`),
			APIError{StatusCode: 401, ErrorCode: "APIGW.0301", ErrorMsg: "Incorrect IAM authentication information"},
			"CreateTestOrder: HTTP 401 Unauthorized: APIGW.0301: Incorrect IAM authentication information"},
		{"numeric code", answer(500, `{"error_code":500,"error_msg":"internal"}`),
			APIError{StatusCode: 500, ErrorCode: "500", ErrorMsg: "internal"},
			"CreateTestOrder: HTTP 500 Internal Server Error: 500: internal"},
		{"not json", answer(502, `<html>bad gateway</html>`),
			APIError{StatusCode: 502}, "CreateTestOrder: HTTP 502 Bad Gateway"},
		{"unlisted status", answer(418, ``), APIError{StatusCode: 418}, "CreateTestOrder: HTTP 418 I'm a teapot"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := NewClient("https://x", WithHTTPClient(&http.Client{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) { return tc.resp, nil })}))
			err := c.Do(context.Background(), orderCall(), &testOrder{}, &testOrderResult{})
			var ae *APIError
			if !errors.As(err, &ae) {
				t.Fatalf("do = %v, want *APIError", err)
			}
			if ae.StatusCode != tc.want.StatusCode || ae.ErrorCode != tc.want.ErrorCode || ae.ErrorMsg != tc.want.ErrorMsg || ae.RequestID != tc.want.RequestID {
				t.Errorf("APIError = %+v, want %+v", *ae, tc.want)
			}
			if err.Error() != tc.errMsg {
				t.Errorf("Error() = %q, want %q", err.Error(), tc.errMsg)
			}
			if len(ae.Body) == 0 && tc.name != "unlisted status" {
				t.Error("Body is empty")
			}
		})
	}
}

func TestClientUndecodableSuccess(t *testing.T) {
	c, _ := NewClient("https://x", WithHTTPClient(&http.Client{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) {
		return answer(200, `{"order_id":`), nil
	})}))
	err := c.Do(context.Background(), orderCall(), &testOrder{}, &testOrderResult{})
	var ae *APIError
	if !errors.As(err, &ae) || ae.StatusCode != 200 || string(ae.Body) != `{"order_id":` {
		t.Fatalf("do = %v, want *APIError with status 200 and the body", err)
	}
}

// countingTransport fails the first n round trips with err, then answers.
type countingTransport struct {
	calls    atomic.Int32
	failures int32
	err      error
	resp     func(n int32) *http.Response
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	n := c.calls.Add(1)
	if r.Body != nil {
		io.Copy(io.Discard, r.Body)
	}
	if n <= c.failures {
		return nil, c.err
	}
	return c.resp(n), nil
}

func TestClientRetry(t *testing.T) {
	ok := func(int32) *http.Response { return answer(200, `{"order_id":"x"}`) }
	dial := &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connect: connection refused")}
	cases := []struct {
		name      string
		tr        *countingTransport
		retrySafe bool
		opts      []Option
		timeout   time.Duration
		wantCalls int32
		wantErr   bool
	}{
		{name: "connection refused is retried", tr: &countingTransport{failures: 2, err: dial, resp: ok}, wantCalls: 3},
		{name: "dns failure is retried", tr: &countingTransport{failures: 1, err: &net.DNSError{Err: "no such host", Name: "x", IsNotFound: true}, resp: ok}, wantCalls: 2},
		{name: "attempts are bounded", tr: &countingTransport{failures: 5, err: dial, resp: ok}, wantCalls: 3, wantErr: true},
		{name: "one attempt", tr: &countingTransport{failures: 5, err: dial, resp: ok}, opts: []Option{WithRetry(1, 0, 0)}, wantCalls: 1, wantErr: true},
		{name: "reset after connect is not retried", tr: &countingTransport{failures: 1, err: &net.OpError{Op: "read", Err: errors.New("connection reset by peer")}, resp: ok}, wantCalls: 1, wantErr: true},
		{name: "eof is not retried", tr: &countingTransport{failures: 1, err: io.ErrUnexpectedEOF, resp: ok}, wantCalls: 1, wantErr: true},
		{name: "backoff past the deadline is not waited", tr: &countingTransport{failures: 1, err: dial, resp: ok},
			opts: []Option{WithRetry(3, time.Hour, time.Hour)}, timeout: time.Minute, wantCalls: 1, wantErr: true},
		{name: "429 retry-after on a safe operation", retrySafe: true, tr: &countingTransport{resp: func(n int32) *http.Response {
			if n == 1 {
				return answer(429, `{"error_code":"APIGW.0308"}`, "Retry-After", "0")
			}
			return answer(200, `{"order_id":"x"}`)
		}}, wantCalls: 2},
		{name: "503 retry-after on an unsafe operation", tr: &countingTransport{resp: func(int32) *http.Response {
			return answer(503, `{}`, "Retry-After", "0")
		}}, wantCalls: 1, wantErr: true},
		{name: "503 without retry-after", retrySafe: true, tr: &countingTransport{resp: func(int32) *http.Response { return answer(503, `{}`) }}, wantCalls: 1, wantErr: true},
		{name: "500 with retry-after", retrySafe: true, tr: &countingTransport{resp: func(int32) *http.Response { return answer(500, `{}`, "Retry-After", "0") }}, wantCalls: 1, wantErr: true},
		{name: "retry-after past the deadline", retrySafe: true, tr: &countingTransport{resp: func(int32) *http.Response { return answer(429, `{}`, "Retry-After", "50") }},
			timeout: 10 * time.Second, wantCalls: 1, wantErr: true},
		{name: "retry-after over the cap", retrySafe: true, tr: &countingTransport{resp: func(int32) *http.Response { return answer(429, `{}`, "Retry-After", "3600") }},
			wantCalls: 1, wantErr: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			opts := append([]Option{WithHTTPClient(&http.Client{Transport: tc.tr}), WithRetry(3, time.Millisecond, 2*time.Millisecond)}, tc.opts...)
			c, err := NewClient("https://x", opts...)
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			if tc.timeout > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, tc.timeout)
				defer cancel()
			}
			call := orderCall()
			call.RetrySafe = tc.retrySafe
			err = c.Do(ctx, call, &testOrder{RegionID: "r"}, &testOrderResult{})
			if (err != nil) != tc.wantErr {
				t.Errorf("do error = %v, want error %v", err, tc.wantErr)
			}
			if got := tc.tr.calls.Load(); got != tc.wantCalls {
				t.Errorf("%d round trips, want %d", got, tc.wantCalls)
			}
		})
	}
}

func TestClientRealConnectionRefused(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	c, _ := NewClient("http://"+addr, WithRetry(2, time.Millisecond, time.Millisecond))
	err = c.Do(context.Background(), orderCall(), &testOrder{}, nil)
	var op *net.OpError
	if !errors.As(err, &op) || op.Op != "dial" || !notSent(err) {
		t.Fatalf("do = %v, want a dial *net.OpError", err)
	}
	if !strings.HasPrefix(err.Error(), "CreateTestOrder: ") {
		t.Errorf("error %q does not name the operation", err)
	}
}

func TestClientContextCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	c, _ := NewClient("https://x", WithHTTPClient(&http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return nil, r.Context().Err()
	})}))
	if err := c.Do(ctx, orderCall(), nil, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("do = %v, want context.Canceled", err)
	}
}

func TestBackoff(t *testing.T) {
	p := retryPolicy{attempts: 5, base: 100 * time.Millisecond, max: 300 * time.Millisecond}
	for n, want := range []time.Duration{100, 200, 300, 300} {
		want *= time.Millisecond
		for range 20 {
			if d := p.backoff(n + 1); d < want/2 || d > want {
				t.Fatalf("backoff(%d) = %v, want within [%v, %v]", n+1, d, want/2, want)
			}
		}
	}
}

// TestClientNeverPrintsSecrets greps every error and printed form for the
// secret key and the token, with a server that echoes them back.
func TestClientNeverPrintsSecrets(t *testing.T) {
	echo := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		msg := "bad token " + r.Header.Get("X-Auth-Token") + " for key " + testSK
		return answer(401, fmt.Sprintf(`{"error_code":"APIGW.0301 %s","error_msg":%q}`, testToken, msg), "X-Request-Id", testToken), nil
	})
	failing := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return nil, errors.New("proxy said: " + testSK + " " + testToken)
	})
	auths := []struct {
		opt    Option
		secret string
	}{{WithAKSK(testAK, testSK), testSK}, {WithToken(testToken), testToken}}
	for _, rt := range []http.RoundTripper{echo, failing} {
		for _, a := range auths {
			c, err := NewClient("https://x", a.opt, WithHTTPClient(&http.Client{Transport: rt}), WithRetry(1, 0, 0))
			if err != nil {
				t.Fatal(err)
			}
			err = c.Do(context.Background(), orderCall(), &testOrder{Password: "p"}, &testOrderResult{})
			if err == nil {
				t.Fatal("do succeeded")
			}
			texts := []string{err.Error(), fmt.Sprintf("%v %+v %#v", err, err, err),
				fmt.Sprintf("%v %+v %#v", c, c, c), fmt.Sprintf("%v %+v %#v", *c, *c, *c)}
			var ae *APIError
			if errors.As(err, &ae) {
				texts = append(texts, string(ae.Body), ae.ErrorMsg, ae.ErrorCode, ae.RequestID)
			}
			for _, s := range texts {
				if strings.Contains(s, a.secret) {
					t.Errorf("secret in %q", s)
				}
			}
		}
	}
}

func TestClientDoesNotFollowRedirects(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		http.Redirect(w, r, "/elsewhere", http.StatusTemporaryRedirect)
	}))
	defer srv.Close()
	c, _ := NewClient(srv.URL)
	err := c.Do(context.Background(), orderCall(), &testOrder{}, &testOrderResult{})
	var ae *APIError
	if !errors.As(err, &ae) || ae.StatusCode != http.StatusTemporaryRedirect {
		t.Fatalf("do = %v, want *APIError 307", err)
	}
	if hits.Load() != 1 {
		t.Errorf("server hit %d times, want 1", hits.Load())
	}
}

func TestClientHTTPClientTimeout(t *testing.T) {
	block := make(chan struct{})
	defer close(block)
	c, _ := NewClient("https://x", WithHTTPClient(&http.Client{Timeout: time.Millisecond, Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		select {
		case <-r.Context().Done():
			return nil, r.Context().Err()
		case <-block:
			return nil, errors.New("unblocked")
		}
	})}))
	if err := c.Do(context.Background(), orderCall(), nil, nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("do = %v, want context.DeadlineExceeded", err)
	}
}

// staticTransport answers every request with a fixed body, in memory.
type staticTransport struct{ body string }

func (s staticTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		io.Copy(io.Discard, r.Body)
		r.Body.Close()
	}
	return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(s.body))}, nil
}

// TestClientAllocs bounds the allocations of a signed call through an
// in-memory transport: the client's share of them is what makes it cheaper
// than the official SDK (166 and more per call).
func TestClientAllocs(t *testing.T) {
	c, err := NewClient("https://dsc.example.com", WithAKSK(testAK, testSK), WithProjectID("p1"),
		WithHTTPClient(&http.Client{Transport: staticTransport{`{"order_id":"CS2611231100ABCDE"}`}}))
	if err != nil {
		t.Fatal(err)
	}
	body := &testOrder{RegionID: "cn-north-4"}
	ctx := context.Background()
	allocs := testing.AllocsPerRun(200, func() {
		call := Call{Op: "Op", Method: "POST", Path: "/v1/p1/period/order"}
		var out testOrderResult
		if err := c.Do(ctx, &call, body, &out); err != nil {
			t.Fatal(err)
		}
	})
	// 21 with Go 1.26: the transport's response makes 4, encoding/json's
	// encoding and reflective decoding about 8, signing 3.
	if allocs > 24 {
		t.Errorf("a signed call allocates %v times, want at most 24", allocs)
	}
}

// TestClientEmptyUserAgent: with WithUserAgent("") net/http sends its own
// User-Agent, which the signature must not cover.
func TestClientEmptyUserAgent(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		secret := func(ak string) (string, bool) { return testSK, ak == testAK }
		if err := verifySignature(r, body, secret, fixedClock(), 0); err != nil {
			t.Errorf("signature refused: %v", err)
		}
		if !strings.HasPrefix(r.Header.Get("User-Agent"), "Go-http-client/") {
			t.Errorf("User-Agent = %q", r.Header.Get("User-Agent"))
		}
	}))
	defer srv.Close()
	c, _ := NewClient(srv.URL, WithAKSK(testAK, testSK), WithUserAgent(""), withClientClock(fixedClock))
	if err := c.Do(context.Background(), orderCall(), &testOrder{RegionID: "r"}, nil); err != nil {
		t.Fatal(err)
	}
}
