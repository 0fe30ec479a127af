package rt

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"
)

// The mock under hostile clients: what it reads, holds and for how long.

// tripwire is a body that fails the test when read.
type tripwire struct{ t *testing.T }

func (b tripwire) Read([]byte) (int, error) {
	b.t.Error("the body was read")
	return 0, io.EOF
}

// TestMockAuthBeforeBody: credentials that the headers already condemn are
// refused without reading a byte of the body.
func TestMockAuthBeforeBody(t *testing.T) {
	now := time.Now()
	date := now.UTC().Format(signDateFormat)
	sig := func(ak string) string {
		return "SDK-HMAC-SHA256 Access=" + ak + ", SignedHeaders=host;x-sdk-date, Signature=" + strings.Repeat("ab", 32)
	}
	for _, tc := range []struct {
		name string
		opts []MockOption
		hdr  map[string]string
		msg  string
	}{
		{"wrong token", []MockOption{WithMockToken("tok")}, map[string]string{"X-Auth-Token": "nope"}, "decrypt token fail"},
		{"empty token", nil, map[string]string{"X-Auth-Token": ""}, "empty X-Auth-Token"},
		{"no credentials", nil, nil, "no credentials"},
		{"unknown access key", []MockOption{WithMockKey("AK", "SK")}, map[string]string{"Authorization": sig("AK9"), "X-Sdk-Date": date}, `Get secretKey failed: unknown access key "AK9"`},
		{"malformed signature", []MockOption{WithMockKey("AK", "SK")}, map[string]string{"Authorization": "SDK-HMAC-SHA256 Access=AK", "X-Sdk-Date": date}, "verify aksk signature fail"},
		{"old date", []MockOption{WithMockKey("AK", "SK")}, map[string]string{"Authorization": sig("AK"), "X-Sdk-Date": "20200101T000000Z"}, "from the server time"},
		{"no date, permissive", nil, map[string]string{"Authorization": sig("AK")}, "missing X-Sdk-Date"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := newMockServer(testService(), append(tc.opts, WithMockClock(func() time.Time { return now })))
			req := httptest.NewRequest("POST", "/v1/p/order", tripwire{t})
			req.ContentLength = 12 << 20
			for k, v := range tc.hdr {
				req.Header.Set(k, v)
			}
			rec := httptest.NewRecorder()
			m.ServeHTTP(rec, req)
			var out struct {
				Msg string `json:"error_msg"`
			}
			json.Unmarshal(rec.Body.Bytes(), &out)
			if rec.Code != 401 || !strings.Contains(out.Msg, tc.msg) {
				t.Errorf("%d %s, want 401 with %q", rec.Code, rec.Body, tc.msg)
			}
			if r := m.Requests()[0]; r.BodySize != 0 || r.Body != nil {
				t.Errorf("record of a refused call: body size %d, body %s; want nothing", r.BodySize, r.Body)
			}
		})
	}
}

// TestMockBodyNotSizedFromContentLength: a declared length is not an
// allocation; only bytes that arrive are.
func TestMockBodyNotSizedFromContentLength(t *testing.T) {
	m := newMockServer(testService(), []MockOption{WithMockToken("tok")})
	body := `{"name":"a","count":1}`
	serve := func(declared int64) uint64 {
		req := httptest.NewRequest("POST", "/v1/p/order", strings.NewReader(body))
		req.ContentLength = declared
		req.Header.Set("X-Auth-Token", "tok")
		req.Header.Set("Content-Type", "application/json")
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		m.ServeHTTP(httptest.NewRecorder(), req)
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	serve(int64(len(body))) // warm up
	if got := serve(12<<20 - 1); got > 1<<20 {
		t.Errorf("a call declaring 12 MB and sending %d bytes allocated %d bytes, want under 1 MB", len(body), got)
	}
}

// TestMockBodyGrowth: bodies of every size up to the limit, with and
// without Content-Length, are read whole; one byte more is 413.
func TestMockBodyGrowth(t *testing.T) {
	const limit = 300 << 10
	m := newMockServer(testService(), []MockOption{WithMockToken("tok"), WithMockMaxBody(limit)})
	rng := rand.New(rand.NewPCG(1, 2))
	sizes := []int{0, 1, mockFirstBodyBuffer - 1, mockFirstBodyBuffer, mockFirstBodyBuffer + 1, limit - 1, limit, limit + 1}
	for range 20 {
		sizes = append(sizes, rng.IntN(limit+10))
	}
	for _, n := range sizes {
		for _, chunked := range []bool{false, true} {
			body := strings.Repeat(" ", max(n-2, 0)) + "{}"[:min(n, 2)]
			req := httptest.NewRequest("POST", "/v1/p/order", io.MultiReader(strings.NewReader(body)))
			req.ContentLength = int64(n)
			if chunked {
				req.ContentLength = -1
			}
			req.Header.Set("X-Auth-Token", "tok")
			req.Header.Set("Content-Type", "application/json")
			c := mockCall{req: req}
			rep, ok := m.readBody(&c, nil)
			switch {
			case n > limit && (ok || rep.status != 413):
				t.Errorf("%d bytes (chunked %v): %v %d, want 413", n, chunked, ok, rep.status)
			case n <= limit && (!ok || len(c.body) != n):
				t.Errorf("%d bytes (chunked %v): %v %d, read %d", n, chunked, ok, rep.status, len(c.body))
			}
			if c.held > 0 {
				m.inflight.give(c.held)
			}
		}
	}
	if u := m.inflight.used.Load(); u != 0 {
		t.Errorf("%d bytes of the in-flight budget left after every body was given back", u)
	}
}

// TestMockInflightBudget: while one large body is being received, another
// that would go beyond the budget is refused with 429, and served once the
// first is done.
func TestMockInflightBudget(t *testing.T) {
	const size = 900 << 10
	m := newMockServer(testService(), []MockOption{WithMockToken("tok"), WithMockMaxBody(1 << 20), WithMockMaxInflight(1)})
	body := `{"name":"a","count":1}` + strings.Repeat(" ", size-22)
	send := func(r io.Reader) *httptest.ResponseRecorder {
		req := httptest.NewRequest("POST", "/v1/p/order", r)
		req.ContentLength = size
		req.Header.Set("X-Auth-Token", "tok")
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		m.ServeHTTP(rec, req)
		return rec
	}
	pr, pw := io.Pipe()
	first := make(chan *httptest.ResponseRecorder)
	go func() { first <- send(pr) }()
	pw.Write([]byte(body[:size-100])) // returns once the mock has read it
	if rec := send(strings.NewReader(body)); rec.Code != 429 || !strings.Contains(rec.Body.String(), "APIGW.0308") {
		t.Errorf("second large body while the first is held: %d %s, want 429 APIGW.0308", rec.Code, rec.Body)
	}
	pw.Write([]byte(body[size-100:]))
	pw.Close()
	if rec := <-first; rec.Code != 200 {
		t.Errorf("first body: %d %s", rec.Code, rec.Body)
	}
	if rec := send(strings.NewReader(body)); rec.Code != 200 {
		t.Errorf("large body after the first was done: %d %s", rec.Code, rec.Body)
	}
	if u := m.inflight.used.Load(); u != 0 {
		t.Errorf("%d bytes of the budget still held", u)
	}
}

// rawConn dials addr and sends head.
func rawConn(t *testing.T, addr, head string) net.Conn {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	if head != "" {
		if _, err := io.WriteString(conn, head); err != nil {
			t.Fatal(err)
		}
	}
	return conn
}

// readUntilClosed reads what the server sends until it closes the
// connection; it fails the test when that takes longer than guard.
func readUntilClosed(t *testing.T, conn net.Conn, guard time.Duration) string {
	t.Helper()
	conn.SetReadDeadline(time.Now().Add(guard))
	b, err := io.ReadAll(conn)
	if err != nil {
		t.Fatalf("connection not closed by the server: %v (read %q)", err, b)
	}
	return string(b)
}

// TestMockStalledClients: a client that stops sending its body, its
// headers, or anything after a call, has its connection closed.
func TestMockStalledClients(t *testing.T) {
	short := 200 * time.Millisecond
	m := newMockServer(testService(), []MockOption{WithMockToken("tok"), WithMockTimeouts(MockTimeouts{ReadHeader: short, Read: short, Idle: short})})
	base, err := m.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	addr := strings.TrimPrefix(base, "http://")
	head := "POST /v1/p/order HTTP/1.1\r\nHost: x\r\nX-Auth-Token: tok\r\nContent-Type: application/json\r\nContent-Length: 12000000\r\n\r\n{"
	if got := readUntilClosed(t, rawConn(t, addr, head), 20*time.Second); !strings.HasPrefix(got, "HTTP/1.1 408 ") {
		t.Errorf("stalled body: reply %q, want 408", got)
	}
	if got := readUntilClosed(t, rawConn(t, addr, "POST /v1/p/order HTTP/1.1\r\nHost: x\r\n"), 20*time.Second); strings.Contains(got, "200 OK") {
		t.Errorf("stalled headers: reply %q", got)
	}
	ok := "POST /v1/p/order HTTP/1.1\r\nHost: x\r\nX-Auth-Token: tok\r\nContent-Type: application/json\r\nContent-Length: 22\r\n\r\n" + `{"name":"a","count":1}`
	if got := readUntilClosed(t, rawConn(t, addr, ok), 20*time.Second); !strings.HasPrefix(got, "HTTP/1.1 200 ") {
		t.Errorf("idle after a call: reply %q, want 200 then the connection closed", got)
	}
}

// TestMockMountedBodyDeadline: mounted in a server without timeouts, the
// mock still reads each body under its Read timeout.
func TestMockMountedBodyDeadline(t *testing.T) {
	m := newMockServer(testService(), []MockOption{WithMockToken("tok"), WithMockTimeouts(MockTimeouts{Read: 200 * time.Millisecond})})
	srv := httptest.NewServer(m)
	defer srv.Close()
	head := "POST /v1/p/order HTTP/1.1\r\nHost: x\r\nX-Auth-Token: tok\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"
	conn := rawConn(t, strings.TrimPrefix(srv.URL, "http://"), head)
	conn.SetReadDeadline(time.Now().Add(20 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no reply to a stalled body: %v", err)
	}
	if resp.StatusCode != 408 {
		t.Errorf("stalled body: %d, want 408", resp.StatusCode)
	}
}

// TestMockServerLimits: Start's server carries the configured timeouts;
// zero takes the default, negative means none.
func TestMockServerLimits(t *testing.T) {
	def := DefaultMockTimeouts()
	for _, tc := range []struct {
		in, want MockTimeouts
	}{
		{MockTimeouts{}, def},
		{MockTimeouts{Read: time.Second, Idle: -1}, MockTimeouts{ReadHeader: def.ReadHeader, Read: time.Second, Write: def.Write}},
		{MockTimeouts{ReadHeader: -1, Read: -1, Write: -1, Idle: -1}, MockTimeouts{}},
	} {
		srv := newMockServer(testService(), []MockOption{WithMockTimeouts(tc.in)}).httpServer()
		got := MockTimeouts{ReadHeader: srv.ReadHeaderTimeout, Read: srv.ReadTimeout, Write: srv.WriteTimeout, Idle: srv.IdleTimeout}
		if got != tc.want {
			t.Errorf("WithMockTimeouts(%+v): server has %+v, want %+v", tc.in, got, tc.want)
		}
	}
	if srv := newMockServer(testService(), nil).httpServer(); srv.ReadTimeout == 0 || srv.WriteTimeout == 0 || srv.IdleTimeout == 0 || srv.ReadHeaderTimeout == 0 {
		t.Errorf("default server without a timeout: %+v", srv)
	}
}

// order sends a valid order with extra spaces in its body to reach size
// bytes, and returns the reply.
func order(t *testing.T, m *MockServer, size int) (int, map[string]any) {
	t.Helper()
	body := `{"name":"a","count":1}`
	body += strings.Repeat(" ", max(size-len(body), 0))
	st, out, _ := call(t, m, "POST", "/v1/p/order", body, tokenHdr)
	return st, out
}

// TestMockRecordBytes: records and orders stay under their byte bound,
// the newest kept, whatever the count bound.
func TestMockRecordBytes(t *testing.T) {
	const bound = 40 << 10
	m := newMockServer(testService(), []MockOption{WithMockToken("tok"), WithMockMaxRecordBytes(bound)})
	var last string
	for range 200 {
		st, out := order(t, m, 1000)
		if st != 200 {
			t.Fatalf("%d %v", st, out)
		}
		last = out["order_id"].(string)
		if m.recordBytes > bound || m.orderBytes > bound {
			t.Fatalf("%d bytes of records, %d of orders: over %d", m.recordBytes, m.orderBytes, bound)
		}
	}
	var sum int64
	for _, r := range m.records {
		sum += recordSize(&r)
	}
	if sum != m.recordBytes {
		t.Errorf("records hold %d bytes, counted %d", sum, m.recordBytes)
	}
	reqs, orders := m.Requests(), m.Orders()
	if len(reqs) < 10 || len(orders) < 10 || reqs[len(reqs)-1].OrderID != last || orders[len(orders)-1].ID != last {
		t.Errorf("%d requests, %d orders kept, newest %q: want at least 10 each, the newest %s", len(reqs), len(orders), reqs[len(reqs)-1].OrderID, last)
	}
	if _, ok := m.Order(last); !ok {
		t.Error("newest order not found by ID")
	}
}

// TestMockRecordBodies: a body over the record limit, and every body of a
// rejected call, is kept as its size and digest only.
func TestMockRecordBodies(t *testing.T) {
	m := newMockServer(testService(), []MockOption{WithMockToken("tok"), WithMockMaxRecordBody(100)})
	digest := func(s string) string { h := sha256.Sum256([]byte(s)); return hex.EncodeToString(h[:]) }
	small := `{"name":"a","count":1}`
	large := small + strings.Repeat(" ", 100)
	bad := `{"name":"a","count":0}`
	call(t, m, "POST", "/v1/p/order", small, tokenHdr)
	call(t, m, "POST", "/v1/p/order", large, tokenHdr)
	call(t, m, "POST", "/v1/p/order", bad, tokenHdr)
	call(t, m, "POST", "/v1/p/order", small, map[string]string{"X-Auth-Token": "nope"})
	reqs := m.Requests()
	type view struct {
		status int
		body   string
		size   int
		sum    string
	}
	var got []view
	for _, r := range reqs {
		got = append(got, view{r.Status, string(r.Body), r.BodySize, r.BodySHA256})
	}
	want := []view{
		{200, `{"name":"a","count":1,"password":"******"}`, len(small), ""},
		{200, "", len(large), digest(large)},
		{400, "", len(bad), digest(bad)},
		{401, "", 0, ""},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("records:\n got %v\nwant %v", got, want)
	}
	orders := m.Orders()
	if len(orders) != 2 || string(orders[1].Body) != "null" || orders[1].BodySHA256 != digest(large) || orders[1].BodySize != len(large) {
		t.Errorf("orders %+v: want the large one as null body, size and digest", orders)
	}
}

// TestMockResetFreesMemory: after Reset the records' memory can be
// collected.
func TestMockResetFreesMemory(t *testing.T) {
	m := newMockServer(testService(), []MockOption{WithMockToken("tok")})
	heap := func() uint64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	before := heap()
	for range 200 {
		order(t, m, 60<<10)
	}
	full := heap()
	m.Reset()
	after := heap()
	if full < before+8<<20 || after > before+2<<20 {
		t.Errorf("heap %d before, %d with 200 orders of 60 KB, %d after Reset: want +12 MB, then back within 2 MB", before, full, after)
	}
	if m.recordBytes != 0 || m.orderBytes != 0 || len(m.orderIdx) != 0 {
		t.Errorf("after Reset: %d record bytes, %d order bytes, %d IDs indexed", m.recordBytes, m.orderBytes, len(m.orderIdx))
	}
}

var orderIDForm = regexp.MustCompile(`^CS\d{10}[A-Z]{10}$`)

// TestMockOrderIDs: one server never repeats an ID; two servers (two
// services, or two processes: each draws its own offset) do not share
// one.
func TestMockOrderIDs(t *testing.T) {
	if mockIDStride%2 == 0 || mockIDStride%13 == 0 || mockIDStride >= mockIDSpace {
		t.Fatal("the stride is not coprime with 26^10: IDs would repeat")
	}
	// The letters are a bijection of the sequence number, for any offset.
	rng := rand.New(rand.NewPCG(3, 4))
	for range 5 {
		off := rng.Uint64N(mockIDSpace)
		start := rng.Uint64N(1 << 40)
		seen := map[uint64]bool{}
		for s := start; s < start+20000; s++ {
			n := mockIDLetterValue(off, s)
			if n >= mockIDSpace || seen[n] {
				t.Fatalf("offset %d, seq %d: value %d repeated or out of range", off, s, n)
			}
			seen[n] = true
		}
	}
	now := time.Date(2025, 8, 25, 9, 14, 30, 0, time.UTC)
	clock := func() time.Time { return now }
	a, b := newMockIDGen(0, 1), newMockIDGen(0, 1)
	ids := map[string]bool{}
	for i := range 5000 {
		for _, g := range []*mockIDGen{&a, &b} {
			id := g.next(clock())
			if !orderIDForm.MatchString(id) || !strings.HasPrefix(id, "CS2508251714") || ids[id] {
				t.Fatalf("order %d: ID %q malformed, not of 2025-08-25 17:14 CST, or repeated", i, id)
			}
			ids[id] = true
		}
	}
	// A clock that steps back keeps the newest minute.
	g := newMockIDGen(0, 1)
	g.next(now)
	if id := g.next(now.Add(-time.Hour)); !strings.HasPrefix(id, "CS2508251714") {
		t.Errorf("ID after the clock stepped back: %s", id)
	}
}

// TestMockPathValues: path values are decoded once; dot segments match
// nothing and control characters are refused.
func TestMockPathValues(t *testing.T) {
	m := newMockServer(testService(), []MockOption{WithMockToken("tok")})
	good := `{"name":"a","count":1}`
	for _, tc := range []struct {
		path   string
		status int
		msg    string
	}{
		{"/v1/../order", 404, "no operation at /v1/../order"},
		{"/v1/./order", 404, ""},
		{"/v1/%2e%2e/order", 404, ""},
		{"/v1/a%00b/order", 400, `invalid request: path parameter "project_id": format: must be UTF-8 text without control characters, not "a\x00b"`},
		{"/v1/a%0Ab/order", 400, ""},
		{"/v1/%ff/order", 400, `not "\xff"`},
		{"/v1/a%2Fb/order", 200, ""},
		{"/v1/%E9%A1%B9%E7%9B%AE/order", 200, ""},
	} {
		st, out, _ := call(t, m, "POST", tc.path, good, tokenHdr)
		if msg, _ := out["error_msg"].(string); st != tc.status || !strings.Contains(msg, tc.msg) {
			t.Errorf("%s: %d %v, want %d %q", tc.path, st, out, tc.status, tc.msg)
		}
	}
	var params []string
	for _, o := range m.Orders() {
		params = append(params, o.Params["project_id"])
	}
	if fmt.Sprint(params) != "[a/b 项目]" {
		t.Errorf("project_id of the orders: %q, want decoded values", params)
	}
	if m.Handles("/v1/../order") || !m.Handles("/v1/a%2Fb/order") {
		t.Error("Handles disagrees with routing")
	}
}

// TestMockLogLines: one line per call, with the operation and the order ID
// or error code, and a banner on Start.
func TestMockLogLines(t *testing.T) {
	var buf bytes.Buffer
	m := newMockServer(testService(), []MockOption{WithMockLogger(log.New(&buf, "", 0))})
	good := `{"name":"a","count":1}`
	call(t, m, "POST", "/v1/p/order", good, tokenHdr)
	call(t, m, "POST", "/v1/p/order", good, nil)
	call(t, m, "GET", "/v9/a%0Ab", "", tokenHdr)
	m.AddFault(MockFault{Count: 1, Status: 503, ErrorCode: "bad code\n"})
	call(t, m, "POST", "/v1/p/order", good, tokenHdr)
	m.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/__mock/orders", nil))
	want := []string{
		`^POST /v1/p/order CreateOrder 200 order_id=CS\d{10}[A-Z]{10} \S+s$`,
		`^POST /v1/p/order CreateOrder 401 error_code=APIGW.0301 \S+s$`,
		`^GET /v9/a%0Ab - 404 error_code=APIGW.0101 \S+s$`,
		`^POST /v1/p/order CreateOrder 503 error_code="bad code\\n" \S+s$`,
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != len(want) {
		t.Fatalf("%d log lines, want %d:\n%s", len(lines), len(want), buf.String())
	}
	for i, l := range lines {
		if !regexp.MustCompile(want[i]).MatchString(l) {
			t.Errorf("line %d: %q, want %s", i, l, want[i])
		}
	}

	buf.Reset()
	if _, err := m.Start(); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	banner := buf.String()
	for _, s := range []string{"mock tst serving " + m.URL(), "POST /v1/{project_id}/order CreateOrder", "auth: permissive", "admin API (no credentials): " + m.URL() + "/__mock/", "read 30s", "WARNING: mock tst accepts any well-formed credentials"} {
		if !strings.Contains(banner, s) {
			t.Errorf("banner lacks %q:\n%s", s, banner)
		}
	}
	if a := newMockServer(testService(), []MockOption{WithMockToken("a", "b"), WithMockKey("AK", "SK")}).AuthMode(); a != "2 X-Auth-Token value(s) or AK/SK signatures of 1 access key(s)" {
		t.Errorf("AuthMode: %q", a)
	}
}

// TestMockAdminFaultInput: latencies that overflow or exceed an hour, and
// data after the fault object, are refused.
func TestMockAdminFaultInput(t *testing.T) {
	m := newMockServer(testService(), nil)
	for body, want := range map[string]int{
		`{"latency_ms":9223372036854775807}`: 400,
		`{"latency_ms":3600001}`:             400,
		`{"latency_ms":-5}`:                  400,
		`{"latency_ms":3600000}`:             201,
		`{"status":500}{"status":501}`:       400,
		`{"status":500} x`:                   400,
		`{"status":500}` + " \n\t":           201,
		`{"status":500,"latency_ms":1e3}`:    400,
	} {
		req := httptest.NewRequest("POST", "/__mock/faults", strings.NewReader(body))
		rec := httptest.NewRecorder()
		m.ServeHTTP(rec, req)
		if rec.Code != want {
			t.Errorf("POST /__mock/faults %s: %d %s, want %d", body, rec.Code, rec.Body, want)
		}
	}
	for _, f := range m.Faults() {
		if f.Latency < 0 || f.LatencyMS < 0 {
			t.Errorf("fault with a negative latency kept: %+v", f)
		}
	}
	if err := m.AddFault(MockFault{Status: 500, Latency: -time.Second}); err == nil {
		t.Error("AddFault with a negative Latency accepted")
	}
	if err := m.AddFault(MockFault{Status: 500, Latency: 2 * time.Hour}); err == nil {
		t.Error("AddFault with a two-hour Latency accepted")
	}
}

// TestMockConcurrentServersDistinctIDs: two servers placing orders at once
// hand out no ID twice.
func TestMockConcurrentServersDistinctIDs(t *testing.T) {
	a := newMockServer(testService(), []MockOption{WithMockToken("tok")})
	b := newMockServer(testService(), []MockOption{WithMockToken("tok")})
	seen := map[string]bool{}
	for i := range 500 {
		for _, m := range []*MockServer{a, b} {
			_, out := order(t, m, 0)
			id, _ := out["order_id"].(string)
			if !orderIDForm.MatchString(id) || seen[id] {
				t.Fatalf("order %d: ID %q malformed or repeated", i, id)
			}
			seen[id] = true
		}
	}
}

// TestMockFaultBounds: faults in force are bounded in number, and a fault
// waits no longer than the write timeout, after which no reply could reach
// the client anyway.
func TestMockFaultBounds(t *testing.T) {
	m := newMockServer(testService(), []MockOption{WithMockToken("tok"), WithMockTimeouts(MockTimeouts{Write: 50 * time.Millisecond})})
	for i := range mockMaxFaults + 1 {
		err := m.AddFault(MockFault{Operation: "CreateOrder", Latency: time.Hour})
		if (err != nil) != (i == mockMaxFaults) {
			t.Fatalf("fault %d: %v", i, err)
		}
	}
	m.ClearFaults()
	m.AddFault(MockFault{Latency: time.Hour, Status: 503})
	done := make(chan int)
	go func() {
		req := httptest.NewRequest("POST", "/v1/p/order", strings.NewReader(`{"name":"a","count":1}`))
		req.Header.Set("X-Auth-Token", "tok")
		rec := httptest.NewRecorder()
		m.ServeHTTP(rec, req)
		done <- rec.Code
	}()
	select {
	case st := <-done:
		if st != 503 {
			t.Errorf("faulted call: %d, want 503", st)
		}
	case <-time.After(time.Minute):
		t.Fatal("a one-hour fault held the call beyond the 50ms write timeout")
	}
}
