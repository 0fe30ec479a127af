package rt

import (
	"context"
	"errors"
	"log"
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
//	route (404, 405) -> declared size (413) -> credentials in the headers
//	(401) -> read body (413, 408, 429) -> signature over the body (401)
//	-> faults -> Content-Type (415) -> path values (400)
//	-> handle: params, body (400) -> order, reply
//
// A token is checked before a byte of the body is read; an AK/SK signature
// covers the body's hash, so everything else about it is checked first
// and the body is read under a deadline and the limits of mock_limits.go.
//
// Gateway-level rejections use the codes of Huawei Cloud's API gateway
// (APIGW.xxxx); what the service itself checks uses the service's code.

// Gateway error codes, as Huawei Cloud's API gateway returns them.
const (
	mockCodeNotFound  = "APIGW.0101"    // 404: no such API (path or method)
	mockCodeBadReq    = "APIGW.0201"    // 413: request entity too large
	mockCodeTimeout   = "APIGW.0201"    // 408: the body did not arrive in time
	mockCodeThrottled = "APIGW.0308"    // 429: the throttling threshold has been reached
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
	// noAuth: the operation has no security requirement, so calls need
	// no credentials.
	noAuth bool

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

	inflight mockBudget // bytes of bodies being read

	mu          sync.Mutex
	records     []mockRecord
	orders      []mockRecord   // accepted calls, orderID set
	orderIdx    map[string]int // order ID -> index in orders
	recordBytes int64          // what records holds, as recordSize counts it
	orderBytes  int64          // what orders holds
	dropped     int            // records dropped to stay under the limits
	ids         mockIDGen
	faults      []*mockFault

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
	// idBlock of idBlocks: the part of the order IDs this server draws
	// from (0 of 1: all of them, from an offset of its own).
	idBlock, idBlocks int
	// maxRecordBytes bounds records and orders in bytes; bodies over
	// maxRecordBody are kept as size and digest.
	maxRecordBytes int64
	maxRecordBody  int64
	maxInflight    int64
	timeouts       MockTimeouts
	log            *log.Logger // one line per call; nil: none
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
// disjoint blocks of the process's IDs, so that n servers behind one
// address (as cmd/mock runs them) never issue the same ID. Out-of-range
// values leave the default, one block from an offset of the server's own.
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

		maxRecordBytes: mockMaxRecordBytes,
		maxRecordBody:  mockMaxRecordBody,
		maxInflight:    mockMaxInflight,
		timeouts:       MockTimeouts{}.resolved(),
	}
	for _, o := range opts {
		o(&cfg)
	}
	// One body of the largest size must always fit.
	cfg.maxInflight = max(cfg.maxInflight, cfg.maxBody+1-mockFreeBodyBytes, 0)
	for _, op := range svc.operations {
		op.segs = strings.Split(strings.TrimPrefix(op.path, "/"), "/")
	}
	m := &MockServer{
		svc:       svc,
		cfg:       cfg,
		reqPrefix: strconv.FormatInt(cfg.now().UnixNano()&0xffffffffff, 16),
		orderIdx:  map[string]int{},
		ids:       newMockIDGen(cfg.idBlock, cfg.idBlocks),
	}
	m.inflight.max = cfg.maxInflight
	return m
}

// Start serves m on a free port of 127.0.0.1 and returns its base URL;
// Close stops it. The server has the time limits of WithMockTimeouts.
func (m *MockServer) Start() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	m.srv = m.httpServer()
	m.url = "http://" + ln.Addr().String()
	m.logBanner()
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

// Handles reports whether path (escaped, as URL.EscapedPath returns it) is
// one of the service's operation paths, so that several mocks can share
// one listener.
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
	start := time.Now()
	defer func() {
		if c.held > 0 {
			m.inflight.give(c.held)
		}
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p)
			}
			// A bug in the mock, never the client's fault.
			rep = m.fail(http.StatusInternalServerError, mockCodeInternal, "internal error in the mock server: "+panicText(p))
			m.write(w, &rep)
		}
		m.record(&c, &rep)
		m.logCall(&c, &rep, time.Since(start))
	}()
	rep = m.serve(&c, w)
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
func (m *MockServer) serve(c *mockCall, w http.ResponseWriter) mockReply {
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
	if r.ContentLength > m.cfg.maxBody {
		return m.fail(http.StatusRequestEntityTooLarge, mockCodeBadReq, "Request entity too large: the body exceeds "+strconv.FormatInt(m.cfg.maxBody, 10)+" bytes")
	}
	msg, needBody := "", false
	if !op.noAuth {
		msg, needBody = m.authenticateHeaders(r)
	}
	if msg != "" {
		return m.fail(http.StatusUnauthorized, mockCodeAuth, "Incorrect IAM authentication information: "+msg)
	}
	if rep, ok := m.readBody(c, w); !ok {
		return rep
	}
	if needBody {
		if msg := m.authenticateBody(r, c.body); msg != "" {
			return m.fail(http.StatusUnauthorized, mockCodeAuth, "Incorrect IAM authentication information: "+msg)
		}
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
	if msg := c.badPathValue(); msg != "" {
		return m.fail(http.StatusBadRequest, m.svc.invalidCode, msg)
	}
	if err := op.handle(c); err != nil {
		return m.rejection(err)
	}
	return m.accept(c)
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
