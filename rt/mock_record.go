package rt

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
)

// What a record keeps of a call, and how the records stay within their
// bounds (WithMockMaxRecords, WithMockMaxRecordBytes,
// WithMockMaxRecordBody).

// mockMaxHeaderValue is the longest header value a record keeps as sent;
// a longer one is kept as its first mockHeaderHead bytes and its length,
// and a credential as "******" (Requests shows no more of it anyway).
const (
	mockMaxHeaderValue = 1 << 10
	mockHeaderHead     = 128
)

// record appends the call to the request log.
func (m *MockServer) record(c *mockCall, rep *mockReply) {
	r := c.req
	rec := mockRecord{
		time: m.cfg.now(), op: c.op, method: r.Method, url: r.URL, header: c.keptHeader(),
		status: rep.status, code: rep.code, msg: rep.msg, orderID: c.orderID,
	}
	if len(c.pathVals) > 0 {
		rec.pathVals = append([]string(nil), c.pathVals...)
	}
	m.keepBody(&rec, c, rep.status < 400)
	m.mu.Lock()
	var n int
	m.records, m.recordBytes, n = trimRecords(m.records, m.recordBytes, rec.size, m.cfg.maxRecords, m.cfg.maxRecordBytes)
	m.dropped += n
	m.records = append(m.records, rec)
	m.recordBytes += rec.size
	m.mu.Unlock()
}

// keepBody puts c's body into rec: the bytes when the call was accepted
// and the body is within the record size limit, else its size and digest.
// It sets rec.size.
func (m *MockServer) keepBody(rec *mockRecord, c *mockCall, accepted bool) {
	body := c.body
	rec.bodySize = len(body)
	switch {
	case len(body) == 0:
	case accepted && int64(len(body)) <= m.cfg.maxRecordBody:
		if cap(body)-len(body) > 4096 {
			body = bytes.Clone(body) // do not keep the slack of the read buffer
			c.body = body
		}
		rec.body = body
	default:
		if c.bodySum == "" {
			sum := sha256.Sum256(body)
			c.bodySum = hex.EncodeToString(sum[:])
		}
		rec.bodySum = c.bodySum
	}
	rec.size = recordSize(rec)
}

// recordSize is what a record holds, in bytes: its body, URL, headers and
// strings, and a fixed share for the record, its URL and header map. A
// request's record and its order share the URL, headers and body, and each
// counts them, so that either alone is counted at its full size.
func recordSize(rec *mockRecord) int64 {
	n := 512 + len(rec.body) + len(rec.bodySum) + len(rec.msg) + len(rec.code) + len(rec.orderID)
	if rec.url != nil {
		n += len(rec.url.Path) + len(rec.url.RawPath) + len(rec.url.RawQuery)
	}
	for _, v := range rec.pathVals {
		n += 16 + len(v)
	}
	for k, vs := range rec.header {
		n += 64 + len(k)
		for _, v := range vs {
			n += 32 + len(v)
		}
	}
	return int64(n)
}

// trimRecords makes room for a record of the given size: when adding it
// would go beyond maxN records or maxBytes, the oldest are dropped until
// at most half of each is left. It returns the records, their bytes and
// how many were dropped.
func trimRecords(recs []mockRecord, total, size int64, maxN int, maxBytes int64) ([]mockRecord, int64, int) {
	if len(recs) < maxN && total+size <= maxBytes {
		return recs, total, 0
	}
	k := 0
	for k < len(recs) && (len(recs)-k > maxN/2 || total > maxBytes/2) {
		total -= recs[k].size
		k++
	}
	// A new backing array: the old one, sized for the peak, goes.
	out := make([]mockRecord, len(recs)-k, len(recs)-k+16)
	copy(out, recs[k:])
	return out, total, k
}

// newOrder assigns an order ID to c and stores the order.
func (m *MockServer) newOrder(c *mockCall) (string, error) {
	now := m.cfg.now()
	r := c.req
	// Params and body are rendered when the orders are read.
	rec := mockRecord{time: now, op: c.op, method: r.Method, url: r.URL, header: c.keptHeader()}
	if len(c.pathVals) > 0 {
		rec.pathVals = append([]string(nil), c.pathVals...)
	}
	m.keepBody(&rec, c, true)
	m.mu.Lock()
	defer m.mu.Unlock()
	rec.orderID = m.ids.next(now)
	var n int
	if m.orders, m.orderBytes, n = trimRecords(m.orders, m.orderBytes, rec.size, m.cfg.maxRecords, m.cfg.maxRecordBytes); n > 0 {
		m.orderIdx = make(map[string]int, len(m.orders)) // a map never shrinks: a new one
		for i, o := range m.orders {
			m.orderIdx[o.orderID] = i
		}
	}
	m.orders = append(m.orders, rec)
	m.orderBytes += rec.size
	m.orderIdx[rec.orderID] = len(m.orders) - 1
	return rec.orderID, nil
}

// keptHeader returns the headers a record keeps: the request's own map,
// or, when a value is longer than mockMaxHeaderValue, a copy with such
// values cut and credentials replaced. Computed once per call.
func (c *mockCall) keptHeader() http.Header {
	if c.header != nil {
		return c.header
	}
	h := c.req.Header
	c.header = h
	for _, vs := range h {
		for _, v := range vs {
			if len(v) > mockMaxHeaderValue {
				c.header = cutHeader(h, c.op)
				return c.header
			}
		}
	}
	return h
}

// cutHeader copies h with credentials replaced by "******" and values
// longer than mockMaxHeaderValue cut to their head and length.
func cutHeader(h http.Header, op *mockOperation) http.Header {
	out := make(http.Header, len(h))
	for k, vs := range h {
		if isSecretHeader(k, op) {
			out[k] = []string{Redacted}
			continue
		}
		cp := make([]string, len(vs))
		for i, v := range vs {
			if len(v) > mockMaxHeaderValue {
				v = v[:mockHeaderHead] + "... (" + strconv.Itoa(len(v)) + " bytes)"
			}
			cp[i] = v
		}
		out[k] = cp
	}
	return out
}
