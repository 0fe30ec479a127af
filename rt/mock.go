package rt

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// The mock server. The generated NewMockServer hands newMockServer a
// mockService (the spec's operations, each with a generated handle function
// that parses and validates one call) and everything else is here, the same
// for every service:
//
//	route (404, 405) -> read body (413) -> authenticate (401) -> faults
//	-> Content-Type (415) -> handle: params, body (400) -> order, reply
//
// Gateway-level rejections use the codes of Huawei Cloud's API gateway
// (APIGW.xxxx); what the service itself checks uses the service's code.

// Gateway error codes, as Huawei Cloud's API gateway returns them.
const (
	mockCodeNotFound  = "APIGW.0101"    // 404: no such API (path or method)
	mockCodeBadReq    = "APIGW.0201"    // 413: request entity too large
	mockCodeAuth      = "APIGW.0301"    // 401: incorrect IAM authentication information
	mockCodeInternal  = "MOCK.INTERNAL" // 500: a bug in the mock, never a client's mistake
	mockAdminPrefix   = "/__mock/"
	mockMaxBodyBytes  = 12 << 20 // what the gateway forwards at most
	mockMaxRecords    = 100000
	mockSignatureSkew = 15 * time.Minute
)

// mockService is what the generated code knows about one service.
type mockService struct {
	name string
	// invalidCode is the service's error_code for a rejected request.
	invalidCode string
	// errorBody renders the service's error body.
	errorBody  func(code, msg string) []byte
	operations []*mockOperation
}

// mockOperation is one operation of the spec.
type mockOperation struct {
	id      string
	method  string
	path    string // template, e.g. /v1/{project_id}/period/order
	params  []mockParam
	hasBody bool
	// status and the success body around the order ID: replyHead + ID +
	// replyTail, or replyHead alone when the response has no order_id.
	status    int
	replyHead string
	replyTail string
	hasID     bool
	// handle parses and validates one call; it returns a *ValidationError,
	// a *mockMalformed or nil.
	handle func(c *mockCall) error
	// newBody returns a pointer to a new body value, to render records;
	// nil when the operation takes no body.
	newBody func() any

	segs []string // path split at "/", set by newMockServer
}

// mockParam names a parameter for the request record.
type mockParam struct {
	name   string
	in     string // path, query, header
	secret bool
}

// MockServer is an in-memory stand-in for the service: an http.Handler that
// routes, authenticates and validates every call as the real service does,
// answers valid orders with the spec's success response and a fresh order
// ID, and records what it saw. Control it from Go (Requests, Orders,
// AddFault, Reset) or over HTTP under /__mock/. It is safe for concurrent
// use.
type MockServer struct {
	svc mockService
	cfg mockConfig

	reqPrefix string
	reqSeq    atomic.Uint64
	nFaults   atomic.Int32

	mu       sync.Mutex
	records  []mockRecord
	orders   []mockRecord   // accepted calls, orderID set
	orderIdx map[string]int // order ID -> index in orders
	dropped  int            // records dropped to stay under maxRecords
	idMinute int64
	idSeq    int
	idPrefix string // "CS" and idMinute as yymmddHHMM
	faults   []*mockFault
	zone     *time.Location // of order IDs: China Standard Time

	srv *http.Server
	url string
}

// mockConfig is what the options set.
type mockConfig struct {
	tokens     map[string]bool
	keys       map[string]string
	now        func() time.Time
	maxBody    int64
	maxRecords int
	// idBlock of idBlocks: the part of each minute's order IDs this
	// server draws from (0 of 1: all of them).
	idBlock, idBlocks int
}

// MockOption configures a MockServer.
type MockOption func(*mockConfig)

// WithMockToken accepts X-Auth-Token values. With no token and no key
// configured the server is permissive: any well-formed credentials pass.
func WithMockToken(tokens ...string) MockOption {
	return func(c *mockConfig) {
		for _, t := range tokens {
			c.tokens[t] = true
		}
	}
}

// WithMockKey accepts AK/SK signatures (SDK-HMAC-SHA256) made with secret
// key sk for access key ak.
func WithMockKey(ak, sk string) MockOption {
	return func(c *mockConfig) { c.keys[ak] = sk }
}

// WithMockClock replaces the clock used for X-Sdk-Date checks, order IDs
// and record times.
func WithMockClock(now func() time.Time) MockOption {
	return func(c *mockConfig) { c.now = now }
}

// WithMockMaxBody sets the largest request body accepted (default 12 MB,
// as Huawei Cloud's API gateway).
func WithMockMaxBody(n int64) MockOption {
	return func(c *mockConfig) { c.maxBody = n }
}

// WithMockMaxRecords bounds how many requests and orders are kept (default
// 100000); beyond it the oldest half is dropped.
func WithMockMaxRecords(n int) MockOption {
	return func(c *mockConfig) { c.maxRecords = max(n, 2) }
}

// WithMockIDBlock makes the server draw its order IDs from block i of n
// disjoint blocks of each minute's IDs, so that n servers behind one
// address (as cmd/mock runs them) never issue the same ID. Out-of-range
// values leave the default, one block.
func WithMockIDBlock(i, n int) MockOption {
	return func(c *mockConfig) {
		if n >= 1 && n <= mockIDSpace && i >= 0 && i < n {
			c.idBlock, c.idBlocks = i, n
		}
	}
}

// newMockServer builds the server for svc.
func newMockServer(svc mockService, opts []MockOption) *MockServer {
	cfg := mockConfig{
		tokens:     map[string]bool{},
		keys:       map[string]string{},
		now:        time.Now,
		maxBody:    mockMaxBodyBytes,
		maxRecords: mockMaxRecords,
		idBlocks:   1,
	}
	for _, o := range opts {
		o(&cfg)
	}
	for _, op := range svc.operations {
		op.segs = strings.Split(strings.TrimPrefix(op.path, "/"), "/")
	}
	return &MockServer{
		svc:       svc,
		cfg:       cfg,
		reqPrefix: strconv.FormatInt(cfg.now().UnixNano()&0xffffffffff, 16),
		orderIdx:  map[string]int{},
		zone:      time.FixedZone("CST", 8*60*60),
	}
}

// Start serves m on a free port of 127.0.0.1 and returns its base URL;
// Close stops it.
func (m *MockServer) Start() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	m.srv = &http.Server{Handler: m, ReadHeaderTimeout: 10 * time.Second}
	m.url = "http://" + ln.Addr().String()
	go m.srv.Serve(ln)
	return m.url, nil
}

// URL returns the base URL Start chose, or "".
func (m *MockServer) URL() string { return m.url }

// Close stops a started server, waiting up to five seconds for calls in
// flight.
func (m *MockServer) Close() error {
	if m.srv == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return m.srv.Shutdown(ctx)
}

// mockT is the part of testing.TB that startForTest needs.
type mockT interface {
	Helper()
	Cleanup(func())
	Fatalf(format string, args ...any)
}

// startForTest starts m and stops it when the test ends.
func (m *MockServer) startForTest(t mockT) *MockServer {
	t.Helper()
	if _, err := m.Start(); err != nil {
		t.Fatalf("start mock server: %v", err)
	}
	t.Cleanup(func() { m.Close() })
	return m
}

// Handles reports whether path is one of the service's operation paths, so
// that several mocks can share one listener.
func (m *MockServer) Handles(path string) bool {
	var vals [8]string
	for _, op := range m.svc.operations {
		if _, ok := matchPath(op.segs, path, vals[:0]); ok {
			return true
		}
	}
	return false
}

// mockReply is the answer to one call.
type mockReply struct {
	status int
	code   string // error_code, "" on success
	msg    string
	body   []byte
	allow  string
}

// ServeHTTP serves one call or one /__mock/ admin request.
func (m *MockServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, mockAdminPrefix) {
		m.serveAdmin(w, r)
		return
	}
	c := mockCall{req: r}
	var rep mockReply
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p)
			}
			// A bug in the mock, never the client's fault.
			rep = m.fail(http.StatusInternalServerError, mockCodeInternal, "internal error in the mock server: "+panicText(p))
			m.write(w, &rep)
		}
		m.record(&c, &rep)
	}()
	rep = m.serve(&c)
	m.write(w, &rep)
}

// panicText renders a recovered value.
func panicText(p any) string {
	switch v := p.(type) {
	case error:
		return v.Error()
	case string:
		return v
	}
	return "panic"
}

// serve runs the pipeline for one call.
func (m *MockServer) serve(c *mockCall) mockReply {
	r := c.req
	op, allow := m.route(c)
	if op == nil {
		if allow != "" {
			rep := m.fail(http.StatusMethodNotAllowed, mockCodeNotFound, "The API does not exist: method "+r.Method+" is not allowed for "+r.URL.Path+"; allowed: "+allow)
			rep.allow = allow
			return rep
		}
		return m.fail(http.StatusNotFound, mockCodeNotFound, "The API does not exist or has not been published in the environment: no operation at "+r.URL.Path)
	}
	c.op = op
	if rep, ok := m.readBody(c); !ok {
		return rep
	}
	if msg := m.authenticate(r, c.body); msg != "" {
		return m.fail(http.StatusUnauthorized, mockCodeAuth, "Incorrect IAM authentication information: "+msg)
	}
	if m.nFaults.Load() > 0 {
		if rep, ok := m.applyFaults(c); ok {
			return rep
		}
	}
	if op.hasBody && len(c.body) > 0 {
		if ct := r.Header.Get("Content-Type"); !isJSONMediaType(ct) {
			return m.fail(http.StatusUnsupportedMediaType, m.svc.invalidCode, "unsupported Content-Type "+strconv.Quote(ct)+": want application/json")
		}
	}
	if err := op.handle(c); err != nil {
		return m.rejection(err)
	}
	return m.accept(c)
}

// readBody reads the request body, refusing one over the size limit.
func (m *MockServer) readBody(c *mockCall) (mockReply, bool) {
	r := c.req
	tooLarge := func() (mockReply, bool) {
		return m.fail(http.StatusRequestEntityTooLarge, mockCodeBadReq, "Request entity too large: the body exceeds "+strconv.FormatInt(m.cfg.maxBody, 10)+" bytes"), false
	}
	if r.ContentLength > m.cfg.maxBody {
		return tooLarge()
	}
	if r.Body == nil || r.ContentLength == 0 {
		return mockReply{}, true
	}
	size := r.ContentLength
	if size < 0 {
		size = 512
	}
	buf := make([]byte, 0, size+1)
	lr := io.LimitReader(r.Body, m.cfg.maxBody+1)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := lr.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return tooLarge()
			}
			return m.fail(http.StatusBadRequest, m.svc.invalidCode, "cannot read the request body: "+err.Error()), false
		}
	}
	if int64(len(buf)) > m.cfg.maxBody {
		return tooLarge()
	}
	c.body = buf
	return mockReply{}, true
}

// isJSONMediaType reports whether ct is application/json, with or without
// parameters such as charset.
func isJSONMediaType(ct string) bool {
	mt, _, _ := strings.Cut(ct, ";")
	return strings.EqualFold(strings.TrimSpace(mt), "application/json")
}

// fail returns an error reply in the service's error body.
func (m *MockServer) fail(status int, code, msg string) mockReply {
	return mockReply{status: status, code: code, msg: msg, body: m.svc.errorBody(code, msg)}
}

// rejection turns a handle error into a 400 reply.
func (m *MockServer) rejection(err error) mockReply {
	var ve *ValidationError
	if errors.As(err, &ve) && len(ve.Violations) > 0 {
		var b strings.Builder
		b.WriteString("invalid request: ")
		for i, v := range ve.Violations {
			if i > 0 {
				b.WriteString("; ")
			}
			b.WriteString(v.String())
		}
		return m.fail(http.StatusBadRequest, m.svc.invalidCode, b.String())
	}
	return m.fail(http.StatusBadRequest, m.svc.invalidCode, err.Error())
}

// accept records the order and builds the success reply.
func (m *MockServer) accept(c *mockCall) mockReply {
	op := c.op
	id, err := m.newOrder(c)
	if err != nil {
		return m.fail(http.StatusServiceUnavailable, m.svc.invalidCode, err.Error())
	}
	c.orderID = id
	if !op.hasID {
		return mockReply{status: op.status, body: []byte(op.replyHead)}
	}
	body := make([]byte, 0, len(op.replyHead)+len(id)+len(op.replyTail))
	body = append(body, op.replyHead...)
	body = append(body, id...)
	body = append(body, op.replyTail...)
	return mockReply{status: op.status, body: body}
}

// write sends rep with the headers Huawei Cloud sets.
func (m *MockServer) write(w http.ResponseWriter, rep *mockReply) {
	h := w.Header()
	var idArr [40]byte
	id := append(append(idArr[:0], m.reqPrefix...), '-')
	id = strconv.AppendUint(id, m.reqSeq.Add(1), 16)
	h["Content-Type"] = []string{"application/json;charset=UTF-8"}
	h["X-Request-Id"] = []string{string(id)}
	if rep.allow != "" {
		h["Allow"] = []string{rep.allow}
	}
	w.WriteHeader(rep.status)
	w.Write(rep.body)
}
