package rt

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// testOrderBody stands in for a generated body type: it has Validate and a
// redacting String, as the generated types do.
type testOrderBody struct {
	Name     string `json:"name"`
	Count    int32  `json:"count"`
	Password string `json:"password"`
}

// UnmarshalJSON decodes as generated code does, through Decoder.
func (b *testOrderBody) UnmarshalJSON(data []byte) error {
	d := NewDecoder(data)
	*b = testOrderBody{}
	if d.Object() {
		for n := 0; d.Member(&n); {
			switch string(d.key) {
			case "name":
				b.Name = d.Str()
			case "count":
				b.Count = d.Int32()
			case "password":
				b.Password = d.Str()
			default:
				d.Skip()
			}
		}
	}
	return d.End()
}

func (b testOrderBody) String() string {
	b.Password = Redacted
	return JSONText(b)
}

func (b *testOrderBody) Validate() error {
	var v Violations
	v.In = "body"
	root := Root()
	if b.Name == "" {
		p := root.Child("name")
		v.Add(&p, "required", "is missing")
	}
	if b.Count < 1 {
		p := root.Child("count")
		v.Add(&p, "minimum", "must be >= 1")
	}
	return v.Err()
}

// testService is what generated code would hand newMockServer.
func testService() mockService {
	handle := func(c *mockCall) error {
		var bad []Violation
		if s, ok := c.QueryValue("limit"); ok {
			ParseInt(s, 32, "query", "limit", &bad)
		}
		if len(bad) > 0 {
			return &ValidationError{Violations: bad}
		}
		var b testOrderBody
		return c.Body(&b, true)
	}
	return mockService{
		name:        "tst",
		invalidCode: "TST.0001",
		errorBody: func(code, msg string) []byte {
			b, _ := json.Marshal(struct {
				ErrorCode string `json:"error_code"`
				ErrorMsg  string `json:"error_msg"`
			}{code, msg})
			return b
		},
		operations: []*mockOperation{{
			id: "CreateOrder", method: "POST", path: "/v1/{project_id}/order",
			params:  []mockParam{{name: "project_id", in: "path"}, {name: "limit", in: "query"}},
			hasBody: true, status: 200, replyHead: `{"order_id":"`, replyTail: `"}`, hasID: true,
			handle: handle, newBody: func() any { return new(testOrderBody) },
		}},
	}
}

// call sends one request to h and decodes the reply.
func call(t *testing.T, h http.Handler, method, path, body string, hdr map[string]string) (int, map[string]any, http.Header) {
	t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var out map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		t.Fatalf("%s %s: reply is not JSON: %v: %s", method, path, err, rec.Body)
	}
	return rec.Code, out, rec.Header()
}

var tokenHdr = map[string]string{"X-Auth-Token": "tok"}

func TestMockRejections(t *testing.T) {
	m := newMockServer(testService(), []MockOption{WithMockToken("tok"), WithMockMaxBody(1000)})
	good := `{"name":"a","count":1,"password":"p"}`
	for _, tc := range []struct {
		name, method, path, body string
		hdr                      map[string]string
		status                   int
		code, msg                string
	}{
		{"unknown path", "POST", "/v1/p/orders", good, tokenHdr, 404, "APIGW.0101", "The API does not exist or has not been published in the environment: no operation at /v1/p/orders"},
		{"empty project", "POST", "/v1//order", good, tokenHdr, 404, "APIGW.0101", "The API does not exist or has not been published in the environment: no operation at /v1//order"},
		{"wrong method", "GET", "/v1/p/order", "", tokenHdr, 405, "APIGW.0101", "The API does not exist: method GET is not allowed for /v1/p/order; allowed: POST"},
		{"too large", "POST", "/v1/p/order", strings.Repeat(" ", 1001), tokenHdr, 413, "APIGW.0201", "Request entity too large: the body exceeds 1000 bytes"},
		{"no credentials", "POST", "/v1/p/order", good, nil, 401, "APIGW.0301", "Incorrect IAM authentication information: no credentials: send X-Auth-Token, or sign the request with AK/SK (Authorization and X-Sdk-Date)"},
		{"wrong token", "POST", "/v1/p/order", good, map[string]string{"X-Auth-Token": "nope"}, 401, "APIGW.0301", "Incorrect IAM authentication information: decrypt token fail: the X-Auth-Token is not one this server accepts"},
		{"wrong content type", "POST", "/v1/p/order", good, map[string]string{"X-Auth-Token": "tok", "Content-Type": "text/plain"}, 415, "TST.0001", `unsupported Content-Type "text/plain": want application/json`},
		{"malformed", "POST", "/v1/p/order", `{"name":`, tokenHdr, 400, "TST.0001", "malformed JSON at byte 8: unexpected end of JSON input"},
		{"no body", "POST", "/v1/p/order", ``, tokenHdr, 400, "TST.0001", "invalid request: body: required: the request body is missing"},
		{"wrong type", "POST", "/v1/p/order", `{"name":"a","count":"x"}`, tokenHdr, 400, "TST.0001", "invalid request: /count: type: must be an integer (int32), not a string"},
		{"two violations", "POST", "/v1/p/order", `{"count":0}`, tokenHdr, 400, "TST.0001", "invalid request: /name: required: is missing; /count: minimum: must be >= 1"},
		{"bad query", "POST", "/v1/p/order?limit=x", good, tokenHdr, 400, "TST.0001", `invalid request: query parameter "limit": type: must be an integer of 32 bits, not "x"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, out, hdr := call(t, m, tc.method, tc.path, tc.body, tc.hdr)
			if status != tc.status || out["error_code"] != tc.code || out["error_msg"] != tc.msg {
				t.Errorf("got %d %v %q, want %d %v %q", status, out["error_code"], out["error_msg"], tc.status, tc.code, tc.msg)
			}
			if tc.status == 405 && hdr.Get("Allow") != "POST" {
				t.Errorf("Allow = %q, want POST", hdr.Get("Allow"))
			}
		})
	}
	if n := len(m.Orders()); n != 0 {
		t.Errorf("%d orders after rejections only, want 0", n)
	}
}

func TestMockOrderAndRecords(t *testing.T) {
	now := time.Date(2025, 8, 25, 9, 14, 30, 0, time.UTC) // 17:14 in China
	m := newMockServer(testService(), []MockOption{WithMockToken("tok"), WithMockClock(func() time.Time { return now })})
	status, out, hdr := call(t, m, "POST", "/v1/p1/order?limit=3", `{"name":"a","count":2,"password":"hunter2"}`, tokenHdr)
	if status != 200 {
		t.Fatalf("status %d: %v", status, out)
	}
	id, _ := out["order_id"].(string)
	if !regexp.MustCompile(`^CS2508251714[A-Z]{10}$`).MatchString(id) {
		t.Errorf("order_id %q, want CS2508251714 and ten letters", id)
	}
	if hdr.Get("X-Request-Id") == "" {
		t.Error("no X-Request-Id")
	}
	o, ok := m.Order(id)
	if !ok {
		t.Fatalf("order %s not kept", id)
	}
	want := `{"name":"a","count":2,"password":"******"}`
	if o.Operation != "CreateOrder" || string(o.Body) != want || o.Params["project_id"] != "p1" || o.Params["limit"] != "3" {
		t.Errorf("order = %+v, body %s; want CreateOrder, body %s, project p1, limit 3", o, o.Body, want)
	}
	reqs := m.Requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests recorded, want 1", len(reqs))
	}
	r := reqs[0]
	if r.Header.Get("X-Auth-Token") != Redacted || string(r.Body) != want || r.OrderID != id || r.Status != 200 {
		t.Errorf("request record = %+v, body %s", r, r.Body)
	}
	m.Reset()
	if len(m.Requests())+len(m.Orders()) != 0 {
		t.Error("Reset kept records")
	}
}

func TestMockSignature(t *testing.T) {
	now := time.Now()
	m := newMockServer(testService(), []MockOption{WithMockKey("AK1", "SK1"), WithMockClock(func() time.Time { return now })})
	body := `{"name":"a","count":1}`
	send := func(sk string, at time.Time, tamper func(*http.Request)) (int, string) {
		req := httptest.NewRequest("POST", "http://mock.local/v1/p/order", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if err := signRequest(req, []byte(body), "AK1", sk, at); err != nil {
			t.Fatal(err)
		}
		if tamper != nil {
			tamper(req)
		}
		rec := httptest.NewRecorder()
		m.ServeHTTP(rec, req)
		var out map[string]string
		json.Unmarshal(rec.Body.Bytes(), &out)
		return rec.Code, out["error_msg"]
	}
	if st, msg := send("SK1", now, nil); st != 200 {
		t.Fatalf("signed request: %d %s", st, msg)
	}
	for _, tc := range []struct {
		name   string
		sk     string
		at     time.Time
		tamper func(*http.Request)
		msg    string
	}{
		{"wrong secret", "SK2", now, nil, "verify aksk signature fail: signature does not match"},
		{"old date", "SK1", now.Add(-16 * time.Minute), nil, "is more than 15m0s from the server time"},
		{"tampered body", "SK1", now, func(r *http.Request) {
			r.Body = io.NopCloser(strings.NewReader(`{"name":"b","count":1}`))
		}, "signature does not match"},
		{"tampered path", "SK1", now, func(r *http.Request) { r.URL.Path = "/v1/q/order" }, "signature does not match"},
		{"unknown key", "SK1", now, func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "AK1", "AK9", 1))
		}, "Get secretKey failed"},
	} {
		if st, msg := send(tc.sk, tc.at, tc.tamper); st != 401 || !strings.Contains(msg, tc.msg) {
			t.Errorf("%s: got %d %q, want 401 with %q", tc.name, st, msg, tc.msg)
		}
	}
}

func TestMockPermissive(t *testing.T) {
	m := newMockServer(testService(), nil)
	good := `{"name":"a","count":1}`
	if st, out, _ := call(t, m, "POST", "/v1/p/order", good, map[string]string{"X-Auth-Token": "anything"}); st != 200 {
		t.Errorf("any token: %d %v", st, out)
	}
	sig := map[string]string{
		"Authorization": "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=" + strings.Repeat("ab", 32),
		"X-Sdk-Date":    time.Now().UTC().Format("20060102T150405Z"),
	}
	if st, out, _ := call(t, m, "POST", "/v1/p/order", good, sig); st != 200 {
		t.Errorf("well-formed signature: %d %v", st, out)
	}
	sig["X-Sdk-Date"] = "20250101T000000Z"
	if st, _, _ := call(t, m, "POST", "/v1/p/order", good, sig); st != 401 {
		t.Errorf("well-formed signature with an old date: %d, want 401", st)
	}
	sig["Authorization"] = "SDK-HMAC-SHA256 Access=AK"
	if st, _, _ := call(t, m, "POST", "/v1/p/order", good, sig); st != 401 {
		t.Errorf("malformed signature: %d, want 401", st)
	}
	if st, _, _ := call(t, m, "POST", "/v1/p/order", good, nil); st != 401 {
		t.Errorf("no credentials: %d, want 401", st)
	}
}

func TestMockFaults(t *testing.T) {
	m := newMockServer(testService(), []MockOption{WithMockToken("tok")})
	good := `{"name":"a","count":1}`
	if err := m.AddFault(MockFault{Count: 2, Status: 503, ErrorCode: "TST.0503", ErrorMsg: "busy"}); err != nil {
		t.Fatal(err)
	}
	var got []string
	for range 3 {
		st, out, _ := call(t, m, "POST", "/v1/p/order", good, tokenHdr)
		got = append(got, fmt.Sprintf("%d %v", st, out["error_code"]))
	}
	if want := "[503 TST.0503 503 TST.0503 200 <nil>]"; fmt.Sprint(got) != want {
		t.Errorf("next-2 fault: got %v, want %v", got, want)
	}
	if len(m.Faults()) != 0 {
		t.Error("fault not removed after its count")
	}
	// A seeded error rate repeats exactly.
	run := func() string {
		m.ClearFaults()
		if err := m.AddFault(MockFault{Status: 500, Rate: 0.5, Seed: 7}); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for range 20 {
			st, _, _ := call(t, m, "POST", "/v1/p/order", good, tokenHdr)
			fmt.Fprint(&b, st/100)
		}
		return b.String()
	}
	a, b := run(), run()
	if a != b || !strings.Contains(a, "5") || !strings.Contains(a, "2") {
		t.Errorf("seeded rate: runs %s and %s, want equal, mixing 2xx and 5xx", a, b)
	}
	for _, f := range []MockFault{{}, {Status: 200}, {Status: 500, Rate: 2}, {Status: 500, Operation: "Nope"}} {
		if err := m.AddFault(f); err == nil {
			t.Errorf("AddFault(%+v) accepted", f)
		}
	}
}

func TestMockAdminHTTP(t *testing.T) {
	m := newMockServer(testService(), []MockOption{WithMockToken("tok")})
	url, err := m.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	do := func(method, path, body string, hdr map[string]string) (int, string) {
		req, _ := http.NewRequest(method, url+path, strings.NewReader(body))
		for k, v := range hdr {
			req.Header.Set(k, v)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	hdr := map[string]string{"X-Auth-Token": "tok", "Content-Type": "application/json;charset=UTF-8"}
	if st, body := do("POST", "/__mock/faults", `{"count":1,"status":500,"error_code":"X.1","error_msg":"boom"}`, nil); st != 201 {
		t.Fatalf("add fault: %d %s", st, body)
	}
	if st, body := do("POST", "/v1/p/order", `{"name":"a","count":1}`, hdr); st != 500 || !strings.Contains(body, `"X.1"`) {
		t.Errorf("faulted call: %d %s", st, body)
	}
	st, body := do("POST", "/v1/p/order", `{"name":"a","count":1}`, hdr)
	if st != 200 {
		t.Fatalf("call: %d %s", st, body)
	}
	var placed struct {
		OrderID string `json:"order_id"`
	}
	json.Unmarshal([]byte(body), &placed)
	if st, body := do("GET", "/__mock/orders/"+placed.OrderID, "", nil); st != 200 || !strings.Contains(body, placed.OrderID) {
		t.Errorf("order lookup: %d %s", st, body)
	}
	var reqs []MockRequest
	_, body = do("GET", "/__mock/requests", "", nil)
	if err := json.Unmarshal([]byte(body), &reqs); err != nil || len(reqs) != 2 || reqs[0].Status != 500 || reqs[1].Header.Get("X-Auth-Token") != Redacted {
		t.Errorf("requests: %v %s", err, body)
	}
	if st, _ := do("POST", "/__mock/reset", "", nil); st != 204 {
		t.Errorf("reset: %d", st)
	}
	if _, body := do("GET", "/__mock/orders", "", nil); strings.TrimSpace(body) != "[]" {
		t.Errorf("orders after reset: %s", body)
	}
	if st, _ := do("POST", "/__mock/faults", `{"status":"x"}`, nil); st != 400 {
		t.Errorf("bad fault: %d, want 400", st)
	}
}

func TestMockConcurrentOrders(t *testing.T) {
	m := newMockServer(testService(), []MockOption{WithMockToken("tok")})
	const workers, each = 32, 50
	ids := make(chan string, workers*each)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for range each {
				req := httptest.NewRequest("POST", "/v1/p/order", bytes.NewReader([]byte(`{"name":"a","count":1}`)))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("X-Auth-Token", "tok")
				rec := httptest.NewRecorder()
				m.ServeHTTP(rec, req)
				var out struct {
					OrderID string `json:"order_id"`
				}
				json.Unmarshal(rec.Body.Bytes(), &out)
				ids <- out.OrderID
			}
		})
	}
	wg.Wait()
	close(ids)
	seen := map[string]bool{}
	for id := range ids {
		if id == "" || seen[id] {
			t.Fatalf("order ID %q empty or repeated", id)
		}
		seen[id] = true
	}
	if len(seen) != workers*each || len(m.Orders()) != workers*each || len(m.Requests()) != workers*each {
		t.Errorf("%d IDs, %d orders, %d requests; want %d each", len(seen), len(m.Orders()), len(m.Requests()), workers*each)
	}
}

func TestMockRecordCap(t *testing.T) {
	m := newMockServer(testService(), []MockOption{WithMockToken("tok"), WithMockMaxRecords(10)})
	var last string
	for range 25 {
		_, out, _ := call(t, m, "POST", "/v1/p/order", `{"name":"a","count":1}`, tokenHdr)
		last = out["order_id"].(string)
	}
	if n := len(m.Orders()); n > 10 || n < 5 {
		t.Errorf("%d orders kept, want 5-10", n)
	}
	if _, ok := m.Order(last); !ok {
		t.Error("newest order dropped")
	}
}

func TestMatchPath(t *testing.T) {
	segs := []string{"v1", "{project_id}", "period", "order"}
	for path, want := range map[string]string{
		"/v1/p/period/order":      "[p]",
		"/v1/p/period/order/":     "no",
		"/v1/p/period":            "no",
		"v1/p/period/order":       "no",
		"/v1//period/order":       "no",
		"/v2/p/period/order":      "no",
		"/v1/a%2Fb/period/order":  "[a/b]",
		"/v1/%70/period/order":    "[p]",
		"/v1/../period/order":     "no",
		"/v1/./period/order":      "no",
		"/v1/%2e%2E/period/order": "no",
		"/v1/%2E/period/order":    "no",
		"/v1/p/%2e%2e/order":      "no",
		"/v1/%zz/period/order":    "no",
	} {
		vals, ok := matchPath(segs, path, nil)
		got := "no"
		if ok {
			got = fmt.Sprint(vals)
		}
		if got != want {
			t.Errorf("matchPath(%q) = %s, want %s", path, got, want)
		}
	}
}

func TestPointerAt(t *testing.T) {
	// The value marked X is the one whose pointer is asked for.
	for body, want := range map[string]string{
		`{"items":[{"n":1},{"n":"X"}]}`:             "/items/1/n",
		`{"name":"X"}`:                              "/name",
		`{"items":[{"n":1}], "name":{"a":[1,"X"]}}`: "/name/a/1",
		`{"deep":[[{"n":1}],[{"n":2},{"n":"X"}]]}`:  "/deep/1/1/n",
		`{"m":{"a/b":"X"}}`:                         "/m/a~1b",
		`["X"]`:                                     "/0",
		`"X"`:                                       "",
	} {
		if got := pointerAt([]byte(body), strings.Index(body, `"X"`)); got != want {
			t.Errorf("%s: pointer %q, want %q", body, got, want)
		}
	}
}

// TestMockChunkedBody sends bodies without Content-Length: a small one is
// served, one over the limit is refused while it is read.
func TestMockChunkedBody(t *testing.T) {
	m := newMockServer(testService(), []MockOption{WithMockToken("tok"), WithMockMaxBody(100)})
	for _, tc := range []struct {
		body   string
		status int
	}{
		{`{"name":"a","count":1}`, 200},
		{`{"name":"` + strings.Repeat("a", 200) + `","count":1}`, 413},
	} {
		req := httptest.NewRequest("POST", "/v1/p/order", io.MultiReader(strings.NewReader(tc.body)))
		req.ContentLength = -1
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Auth-Token", "tok")
		rec := httptest.NewRecorder()
		m.ServeHTTP(rec, req)
		if rec.Code != tc.status {
			t.Errorf("%d-byte chunked body: %d %s, want %d", len(tc.body), rec.Code, rec.Body, tc.status)
		}
	}
}
