package rt

import (
	"log"
	"strconv"
	"strings"
	"time"
)

// WithMockLogger logs one line per call to l (none by default), and a
// banner when Start starts serving:
//
//	POST /v5/p1/quotas/orders CreateQuotasOrder 200 order_id=CS2612041501ABCDEFGHIJ 412µs
//	POST /v5/p1/quotas/orders CreateQuotasOrder 401 error_code=APIGW.0301 38µs
//	GET /v9/x - 404 error_code=APIGW.0101 12µs
//
// The path is logged escaped and without its query, so a line is one line
// whatever the client sends, and carries no query parameter values.
// Admin requests (/__mock/) are not logged.
func WithMockLogger(l *log.Logger) MockOption {
	return func(c *mockConfig) { c.log = l }
}

// logCall logs one call, when a logger is set.
func (m *MockServer) logCall(c *mockCall, rep *mockReply, d time.Duration) {
	if m.cfg.log == nil {
		return
	}
	m.cfg.log.Print(mockLogLine(c, rep, d))
}

// mockLogLine renders the log line of one call: method, escaped path,
// operation ("-" when none matched), status, the order ID or error code,
// and the duration.
func mockLogLine(c *mockCall, rep *mockReply, d time.Duration) string {
	op := "-"
	if c.op != nil {
		op = c.op.id
	}
	var b strings.Builder
	b.WriteString(c.req.Method)
	b.WriteByte(' ')
	b.WriteString(c.req.URL.EscapedPath())
	b.WriteByte(' ')
	b.WriteString(op)
	b.WriteByte(' ')
	b.WriteString(strconv.Itoa(rep.status))
	switch {
	case c.orderID != "":
		b.WriteString(" order_id=")
		b.WriteString(c.orderID)
	case rep.code != "":
		b.WriteString(" error_code=")
		b.WriteString(mockLogWord(rep.code))
	}
	b.WriteByte(' ')
	b.WriteString(d.Round(time.Microsecond).String())
	return b.String()
}

// mockLogWord returns s as it is when it is one printable word, else
// quoted: an error code programmed through the admin API can be anything.
func mockLogWord(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] >= 0x7f || s[i] == '"' {
			return strconv.QuoteToASCII(s)
		}
	}
	return s
}

// Routes returns the service's operations, one "METHOD /path/{template}
// OperationID" each, in the spec's order: for start-up banners.
func (m *MockServer) Routes() []string {
	out := make([]string, len(m.svc.operations))
	for i, op := range m.svc.operations {
		out[i] = op.method + " " + op.path + " " + op.id
	}
	return out
}

// AuthMode describes what credentials the server accepts, for start-up
// banners.
func (m *MockServer) AuthMode() string {
	var modes []string
	if n := len(m.cfg.tokens); n > 0 {
		modes = append(modes, strconv.Itoa(n)+" X-Auth-Token value(s)")
	}
	if n := len(m.cfg.keys); n > 0 {
		modes = append(modes, "AK/SK signatures of "+strconv.Itoa(n)+" access key(s)")
	}
	if len(modes) == 0 {
		return "permissive: any well-formed credentials pass (no token or key configured)"
	}
	return strings.Join(modes, " or ")
}

// logBanner logs what Start serves, when a logger is set.
func (m *MockServer) logBanner() {
	l := m.cfg.log
	if l == nil {
		return
	}
	t := m.cfg.timeouts
	l.Printf("mock %s serving %s", m.svc.name, m.url)
	for _, r := range m.Routes() {
		l.Printf("  %s", r)
	}
	l.Printf("  auth: %s", m.AuthMode())
	l.Printf("  admin API (no credentials): %s%s", m.url, mockAdminPrefix)
	l.Printf("  limits: body %d bytes, records %d and %d bytes, timeouts read-header %v read %v write %v idle %v",
		m.cfg.maxBody, m.cfg.maxRecords, m.cfg.maxRecordBytes, t.ReadHeader, t.Read, t.Write, t.Idle)
	if len(m.cfg.tokens) == 0 && len(m.cfg.keys) == 0 {
		l.Printf("WARNING: mock %s accepts any well-formed credentials", m.svc.name)
	}
}
