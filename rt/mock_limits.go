package rt

import (
	"net/http"
	"runtime/debug"
	"sync/atomic"
	"time"
)

// What a mock may hold, and for how long, whoever its clients are: a mock
// left running in CI or on a shared host must stay small and must not be
// held open by clients that stall.
const (
	mockMaxRecordBytes  = 8 << 20  // recorded requests, and orders, in bytes
	mockMaxRecordBody   = 64 << 10 // a body larger than this is recorded as its size and digest
	mockMaxInflight     = 16 << 20 // bodies being read at once, beyond mockFreeBodyBytes each
	mockFreeBodyBytes   = 64 << 10 // of each body, not counted against mockMaxInflight
	mockFirstBodyBuffer = 16 << 10 // first buffer for a body; it grows with what arrives
	mockMaxFaultLatency = time.Hour
	mockMaxFaults       = 1000     // faults in force at once
	mockMaxHeaderBytes  = 64 << 10 // request line and headers (net/http adds 4 KB of slack)
	mockFreeOnReset     = 4 << 20  // Reset returns memory to the OS when it freed this much
)

// MockTimeouts are the time limits of the server Start starts (and of
// StartMock). A zero field takes its default; a negative one means no
// limit.
type MockTimeouts struct {
	// ReadHeader bounds reading the request line and headers (default
	// 10s).
	ReadHeader time.Duration
	// Read bounds reading a whole request, body included (default 30s).
	// Mounted as an http.Handler in another server, the mock still reads
	// each body under this deadline.
	Read time.Duration
	// Write bounds the time from the end of the request headers to the end
	// of the reply (default 60s). A fault with a longer latency ends with
	// the connection closed, as a gateway timeout would.
	Write time.Duration
	// Idle bounds the wait for the next request on a kept-alive
	// connection (default 30s).
	Idle time.Duration
}

// DefaultMockTimeouts returns the defaults of MockTimeouts.
func DefaultMockTimeouts() MockTimeouts {
	return MockTimeouts{ReadHeader: 10 * time.Second, Read: 30 * time.Second, Write: 60 * time.Second, Idle: 30 * time.Second}
}

// resolved returns t with defaults filled in and no-limit as 0, the way
// net/http reads its timeouts.
func (t MockTimeouts) resolved() MockTimeouts {
	pick := func(v, def time.Duration) time.Duration {
		switch {
		case v == 0:
			return def
		case v < 0:
			return 0
		}
		return v
	}
	d := DefaultMockTimeouts()
	return MockTimeouts{ReadHeader: pick(t.ReadHeader, d.ReadHeader), Read: pick(t.Read, d.Read), Write: pick(t.Write, d.Write), Idle: pick(t.Idle, d.Idle)}
}

// WithMockTimeouts sets the server's time limits; see MockTimeouts.
func WithMockTimeouts(t MockTimeouts) MockOption {
	return func(c *mockConfig) { c.timeouts = t.resolved() }
}

// WithMockMaxRecordBytes bounds, in bytes, the requests and orders kept
// (default 8 MB each; counted as bodies kept, headers and URLs): beyond it, as
// beyond WithMockMaxRecords, the oldest half is dropped.
func WithMockMaxRecordBytes(n int64) MockOption {
	return func(c *mockConfig) { c.maxRecordBytes = max(n, 1) }
}

// WithMockMaxRecordBody sets the largest body kept in a record (default 64
// KB); a larger one is recorded as its size and SHA-256 only. Bodies of
// rejected calls are never kept.
func WithMockMaxRecordBody(n int64) MockOption {
	return func(c *mockConfig) { c.maxRecordBody = max(n, 0) }
}

// WithMockMaxInflight bounds the memory of the bodies being read at once
// (default 16 MB, counting what each body holds beyond its first 64 KB). A
// call whose body would go beyond it is refused with 429, as the gateway's
// throttling does, so that large bodies sent at once cannot exhaust memory.
// It is raised to the largest body (WithMockMaxBody) when lower.
func WithMockMaxInflight(n int64) MockOption {
	return func(c *mockConfig) { c.maxInflight = n }
}

// httpServer returns the http.Server Start runs, with the configured
// limits.
func (m *MockServer) httpServer() *http.Server {
	t := m.cfg.timeouts
	return &http.Server{
		Handler:           m,
		ReadHeaderTimeout: t.ReadHeader,
		ReadTimeout:       t.Read,
		WriteTimeout:      t.Write,
		IdleTimeout:       t.Idle,
		MaxHeaderBytes:    mockMaxHeaderBytes,
	}
}

// mockBudget counts bytes held by bodies being read; it never blocks.
type mockBudget struct {
	max      int64
	used     atomic.Int64
	lastFree atomic.Int64 // UnixNano of the last return of memory to the OS
	freeing  atomic.Bool  // a return is scheduled
}

// take reserves n bytes, reporting false (and reserving nothing) when that
// would go over the budget.
func (b *mockBudget) take(n int64) bool {
	for {
		u := b.used.Load()
		if u+n > b.max {
			return false
		}
		if b.used.CompareAndSwap(u, u+n) {
			return true
		}
	}
}

// give returns n bytes. When no large body is left in flight, the memory
// the bodies used goes back to the operating system (at most once a
// second, the last burst included): a burst of large bodies, hostile or
// not, must not leave the mock at its peak.
func (b *mockBudget) give(n int64) {
	if b.used.Add(-n) != 0 || !b.freeing.CompareAndSwap(false, true) {
		return
	}
	go func() {
		// The call that gave the bytes back still holds its body until
		// its handler returns: wait for that, and at least a second since
		// the last return.
		time.Sleep(max(time.Until(time.Unix(0, b.lastFree.Load()).Add(time.Second)), 250*time.Millisecond))
		b.lastFree.Store(time.Now().UnixNano())
		b.freeing.Store(false)
		if b.used.Load() == 0 {
			debug.FreeOSMemory()
		}
	}()
}
