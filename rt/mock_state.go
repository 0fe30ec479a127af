package rt

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"time"
)

// mockRecord is one call as received; rendered into a MockRequest or
// MockOrder only when asked for, so that the hot path copies pointers. The
// body is kept as the bytes received (one pointer-free allocation, cheap
// for the garbage collector) and decoded again when read; a body too large
// to keep, or of a rejected call, is kept as its size and digest.
type mockRecord struct {
	time     time.Time
	op       *mockOperation
	method   string
	url      *url.URL
	header   http.Header
	pathVals []string // decoded path parameter values, template order
	body     []byte
	bodySize int
	bodySum  string // hex SHA-256 of a body not kept
	status   int
	code     string
	msg      string
	orderID  string
	size     int64 // what the record holds, as recordSize counts it
}

// MockRequest is one call the mock received, with secrets redacted.
type MockRequest struct {
	Time time.Time `json:"time"`
	// Operation is the operationId, "" when no operation matched.
	Operation string `json:"operation,omitempty"`
	Method    string `json:"method"`
	Path      string `json:"path"`
	Query     string `json:"query,omitempty"`
	// Params holds the declared path, query and header parameters sent.
	Params map[string]string `json:"params,omitempty"`
	// Header holds every header; credentials read "******".
	Header http.Header `json:"header"`
	// Body is the decoded body as JSON, secrets replaced by "******"; nil
	// when the body was absent or not JSON.
	Body json.RawMessage `json:"body,omitempty"`
	// BodySize is the length of the body read; 0 when there was none or
	// the call was refused before its body was read.
	BodySize int `json:"body_size,omitempty"`
	// BodySHA256 is the hex SHA-256 of a body that was read but not kept:
	// that of a rejected call, or one over the record size limit.
	BodySHA256 string `json:"body_sha256,omitempty"`
	Status     int    `json:"status"`
	ErrorCode  string `json:"error_code,omitempty"`
	ErrorMsg   string `json:"error_msg,omitempty"`
	OrderID    string `json:"order_id,omitempty"`
}

// MockOrder is one order the mock accepted.
type MockOrder struct {
	ID        string            `json:"order_id"`
	Operation string            `json:"operation"`
	Time      time.Time         `json:"time"`
	Params    map[string]string `json:"params,omitempty"`
	// Body is the order's request body as JSON, secrets replaced; null
	// when it was over the record size limit (see BodySHA256).
	Body       json.RawMessage `json:"body"`
	BodySize   int             `json:"body_size,omitempty"`
	BodySHA256 string          `json:"body_sha256,omitempty"`
}

// MockFault programs failures. A fault applies to the calls of Operation
// (an operationId; "" for all) that pass routing and authentication: with
// probability Rate when 0 < Rate < 1 (drawn from a generator seeded with
// Seed, so runs repeat), else to every one. An applied fault waits Latency
// and, when Status is set, answers with Status, ErrorCode and ErrorMsg
// instead of serving the call. Count > 0 removes the fault after it has
// applied Count times; Count 0 keeps it until ClearFaults or Reset.
// Latency is at most an hour, and a call waits no longer than the server's
// write timeout (after which no reply can reach the client); at most 1000
// faults are in force at once.
type MockFault struct {
	Operation string        `json:"operation,omitempty"`
	Count     int           `json:"count,omitempty"`
	Status    int           `json:"status,omitempty"`
	ErrorCode string        `json:"error_code,omitempty"`
	ErrorMsg  string        `json:"error_msg,omitempty"`
	Latency   time.Duration `json:"-"`
	// LatencyMS is Latency in milliseconds, for the admin API.
	LatencyMS int64   `json:"latency_ms,omitempty"`
	Rate      float64 `json:"rate,omitempty"`
	Seed      uint64  `json:"seed,omitempty"`
}

// mockFault is a programmed fault with its state.
type mockFault struct {
	MockFault
	left int
	rng  *rand.Rand
}

// Requests returns the calls received since the last Reset, oldest first:
// the newest that fit the record limits (100000 calls and 8 MB by
// default; see WithMockMaxRecords and WithMockMaxRecordBytes).
func (m *MockServer) Requests() []MockRequest {
	m.mu.Lock()
	recs := append([]mockRecord(nil), m.records...)
	m.mu.Unlock()
	out := make([]MockRequest, len(recs))
	for i, rec := range recs {
		out[i] = MockRequest{
			Time: rec.time, Method: rec.method, Path: rec.url.Path, Query: rec.url.RawQuery,
			Header: redactHeader(rec.header, rec.op), Status: rec.status,
			ErrorCode: rec.code, ErrorMsg: rec.msg, OrderID: rec.orderID,
			BodySize: rec.bodySize, BodySHA256: rec.bodySum,
		}
		if rec.op != nil {
			out[i].Operation = rec.op.id
			out[i].Params = recordParams(&rec)
		}
		out[i].Body = recordBody(&rec)
	}
	return out
}

// Orders returns the accepted orders since the last Reset, oldest first.
func (m *MockServer) Orders() []MockOrder {
	m.mu.Lock()
	srcs := append([]mockRecord(nil), m.orders...)
	m.mu.Unlock()
	out := make([]MockOrder, len(srcs))
	for i := range srcs {
		out[i] = orderOf(&srcs[i])
	}
	return out
}

// Order returns the order with the given ID.
func (m *MockServer) Order(id string) (MockOrder, bool) {
	m.mu.Lock()
	i, ok := m.orderIdx[id]
	var src mockRecord
	if ok {
		src = m.orders[i]
	}
	m.mu.Unlock()
	if !ok {
		return MockOrder{}, false
	}
	return orderOf(&src), true
}

// orderOf renders a kept order.
func orderOf(src *mockRecord) MockOrder {
	o := MockOrder{
		ID: src.orderID, Operation: src.op.id, Time: src.time, Params: recordParams(src), Body: recordBody(src),
		BodySize: src.bodySize, BodySHA256: src.bodySum,
	}
	if o.Body == nil {
		o.Body = json.RawMessage("null")
	}
	return o
}

// AddFault programs a fault; see MockFault.
func (m *MockServer) AddFault(f MockFault) error {
	_, err := m.addFault(f)
	return err
}

// addFault is AddFault returning the fault as stored.
func (m *MockServer) addFault(f MockFault) (MockFault, error) {
	// Checked in milliseconds first: a huge latency_ms would overflow
	// time.Duration.
	switch {
	case f.LatencyMS < 0 || f.Latency < 0:
		return f, errors.New("fault latency is negative: want 0 or more")
	case f.LatencyMS > mockMaxFaultLatency.Milliseconds() || f.Latency > mockMaxFaultLatency:
		return f, fmt.Errorf("fault latency_ms %d: want at most %d (%v)", max(f.LatencyMS, f.Latency.Milliseconds()), mockMaxFaultLatency.Milliseconds(), mockMaxFaultLatency)
	}
	if f.Latency == 0 && f.LatencyMS > 0 {
		f.Latency = time.Duration(f.LatencyMS) * time.Millisecond
	}
	f.LatencyMS = f.Latency.Milliseconds()
	switch {
	case f.Status != 0 && (f.Status < 400 || f.Status > 599):
		return f, fmt.Errorf("fault status %d: want 400-599", f.Status)
	case f.Status == 0 && f.Latency <= 0:
		return f, errors.New("fault has neither a status nor a latency")
	case f.Rate < 0 || f.Rate > 1:
		return f, fmt.Errorf("fault rate %v: want 0 to 1", f.Rate)
	case f.Count < 0:
		return f, fmt.Errorf("fault count %d: want 0 or more", f.Count)
	case f.Operation != "" && !m.hasOperation(f.Operation):
		return f, fmt.Errorf("fault operation %q: no such operation", f.Operation)
	}
	if f.Status != 0 && f.ErrorCode == "" {
		f.ErrorCode = "MOCK.FAULT"
	}
	if f.Status != 0 && f.ErrorMsg == "" {
		f.ErrorMsg = "programmed fault: " + http.StatusText(f.Status)
	}
	mf := &mockFault{MockFault: f, left: f.Count, rng: rand.New(rand.NewPCG(f.Seed, f.Seed^0x9e3779b97f4a7c15))}
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.faults) >= mockMaxFaults {
		return f, fmt.Errorf("%d faults in force already: clear some first", len(m.faults))
	}
	m.faults = append(m.faults, mf)
	m.nFaults.Store(int32(len(m.faults)))
	return f, nil
}

// Faults returns the programmed faults still in force; Count is what is
// left of each.
func (m *MockServer) Faults() []MockFault {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]MockFault, len(m.faults))
	for i, f := range m.faults {
		out[i] = f.MockFault
		out[i].Count = f.left
	}
	return out
}

// ClearFaults removes every programmed fault.
func (m *MockServer) ClearFaults() {
	m.mu.Lock()
	m.faults = nil
	m.nFaults.Store(0)
	m.mu.Unlock()
}

// Reset forgets requests, orders and faults. Order IDs stay unique across
// resets.
//
// The memory of the records goes back to the operating system at once when
// it was large (4 MB or more): a mock left running must not keep the peak
// of a past test.
func (m *MockServer) Reset() {
	m.mu.Lock()
	freed := m.recordBytes + m.orderBytes
	m.records, m.orders, m.faults = nil, nil, nil
	m.orderIdx = map[string]int{}
	m.recordBytes, m.orderBytes = 0, 0
	m.dropped = 0
	m.nFaults.Store(0)
	m.mu.Unlock()
	if freed >= mockFreeOnReset {
		debug.FreeOSMemory()
	}
}

// hasOperation reports whether the service has operation id.
func (m *MockServer) hasOperation(id string) bool {
	for _, op := range m.svc.operations {
		if op.id == id {
			return true
		}
	}
	return false
}

// applyFaults applies the programmed faults to c; ok reports a failure
// reply.
func (m *MockServer) applyFaults(c *mockCall) (mockReply, bool) {
	var hit *MockFault
	var delay time.Duration
	m.mu.Lock()
	for i := 0; i < len(m.faults); i++ {
		f := m.faults[i]
		if f.Operation != "" && f.Operation != c.op.id {
			continue
		}
		if f.Rate > 0 && f.Rate < 1 && f.rng.Float64() >= f.Rate {
			continue
		}
		delay += f.Latency
		if f.Count > 0 {
			if f.left--; f.left == 0 {
				m.faults = append(m.faults[:i], m.faults[i+1:]...)
				i--
			}
		}
		if f.Status != 0 {
			fc := f.MockFault
			hit = &fc
			break
		}
	}
	m.nFaults.Store(int32(len(m.faults)))
	m.mu.Unlock()
	// Beyond the write timeout no reply can reach the client: waiting
	// longer would only hold a goroutine.
	if w := m.cfg.timeouts.Write; w > 0 && delay > w {
		delay = w
	}
	if delay > 0 {
		sleepCtx(c.req.Context(), delay)
	}
	if hit == nil {
		return mockReply{}, false
	}
	return m.fail(hit.Status, hit.ErrorCode, hit.ErrorMsg), true
}

// sleepCtx waits d or until ctx is done.
func sleepCtx(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

// redactHeader copies h with credentials replaced.
func redactHeader(h http.Header, op *mockOperation) http.Header {
	out := h.Clone()
	for k := range out {
		if isSecretHeader(k, op) {
			out[k] = []string{Redacted}
		}
	}
	return out
}

// isSecretHeader reports whether header k carries a credential.
func isSecretHeader(k string, op *mockOperation) bool {
	switch strings.ToLower(k) {
	case "x-auth-token", "authorization", "x-subject-token", "x-security-token", "cookie":
		return true
	}
	if op != nil {
		for _, p := range op.params {
			if p.in == "header" && p.secret && strings.EqualFold(p.name, k) {
				return true
			}
		}
	}
	return false
}

// recordParams returns the declared parameters a call sent.
func recordParams(rec *mockRecord) map[string]string {
	if rec.op == nil || len(rec.op.params) == 0 {
		return nil
	}
	out := map[string]string{}
	vals := rec.pathVals
	var query url.Values
	pi := 0
	for _, p := range rec.op.params {
		var v string
		var ok bool
		switch p.in {
		case "path":
			if pi < len(vals) {
				v, ok = vals[pi], true
			}
			pi++
		case "query":
			if query == nil {
				query = rec.url.Query()
			}
			if q, has := query[p.name]; has && len(q) > 0 {
				v, ok = q[0], true
			}
		case "header":
			if h := rec.header.Values(p.name); len(h) > 0 {
				v, ok = h[0], true
			}
		}
		if !ok {
			continue
		}
		if p.secret {
			v = Redacted
		}
		out[p.name] = v
	}
	return out
}

// recordBody decodes a recorded body again and renders it with secrets
// redacted; nil when there was no body or it is not JSON.
func recordBody(rec *mockRecord) json.RawMessage {
	if rec.op == nil || rec.op.newBody == nil || len(rec.body) == 0 {
		return nil
	}
	v := rec.op.newBody()
	var se *json.SyntaxError
	if err := json.Unmarshal(rec.body, v); errors.As(err, &se) {
		return nil
	}
	return redactedBody(v)
}

// redactedBody renders a decoded body with its String method, which the
// generated types give every body type and which replaces secrets.
func redactedBody(v any) json.RawMessage {
	s, ok := v.(fmt.Stringer)
	if !ok {
		return nil
	}
	text := s.String()
	if !json.Valid([]byte(text)) {
		b, _ := json.Marshal(text)
		return b
	}
	return json.RawMessage(text)
}
