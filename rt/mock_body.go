package rt

import (
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"time"
)

// readBody reads the request body, after the headers have passed
// authentication as far as they can. Content-Length alone never sizes a
// buffer: the buffer starts at 16 KB and doubles as bytes arrive; only
// once 64 KB have arrived does it grow to the declared length at once.
// Beyond 64 KB, buffers are counted against the server's in-flight budget
// (429 when it is spent). The body
// is read under the Read timeout, even when the mock is mounted in a
// server that has none (408 when it passes).
func (m *MockServer) readBody(c *mockCall, w http.ResponseWriter) (mockReply, bool) {
	r := c.req
	limit := m.cfg.maxBody
	tooLarge := func() (mockReply, bool) {
		return m.fail(http.StatusRequestEntityTooLarge, mockCodeBadReq, "Request entity too large: the body exceeds "+strconv.FormatInt(limit, 10)+" bytes"), false
	}
	if r.ContentLength > limit {
		return tooLarge()
	}
	if r.Body == nil || r.Body == http.NoBody || r.ContentLength == 0 {
		return mockReply{}, true
	}
	var rc *http.ResponseController
	if d := m.cfg.timeouts.Read; d > 0 && w != nil {
		rc = http.NewResponseController(w)
		if rc.SetReadDeadline(time.Now().Add(d)) != nil {
			rc = nil // not a network connection (a recorder, a test)
		}
	}
	// The buffer never needs more than the declared length and one byte
	// (to see the end), nor more than the limit and one byte.
	most := limit + 1
	if r.ContentLength > 0 {
		most = r.ContentLength + 1
	}
	buf := make([]byte, 0, min(most, mockFirstBodyBuffer))
	for {
		if len(buf) == cap(buf) {
			if int64(len(buf)) > limit {
				return tooLarge()
			}
			grown := min(max(2*int64(cap(buf)), mockFirstBodyBuffer), most)
			if r.ContentLength > 0 && len(buf) >= mockFreeBodyBytes {
				// 64 KB have arrived: the client is sending what it
				// declared. One buffer of its size (taken from the
				// budget) spares the copies, and the garbage, of
				// doubling.
				grown = most
			}
			if !m.hold(c, grown) {
				return m.fail(http.StatusTooManyRequests, mockCodeThrottled, "The throttling threshold has been reached: too many large request bodies are being received at once; retry later"), false
			}
			next := make([]byte, len(buf), grown)
			copy(next, buf)
			buf = next
		}
		n, err := r.Body.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == nil {
			continue
		}
		if err == io.EOF {
			break
		}
		var mbe *http.MaxBytesError
		var ne net.Error
		switch {
		case errors.As(err, &mbe):
			return tooLarge()
		case errors.As(err, &ne) && ne.Timeout():
			return m.fail(http.StatusRequestTimeout, mockCodeTimeout, "Request timeout: the body did not arrive within "+m.cfg.timeouts.Read.String()), false
		}
		return m.fail(http.StatusBadRequest, m.svc.invalidCode, "cannot read the request body: "+err.Error()), false
	}
	if int64(len(buf)) > limit {
		return tooLarge()
	}
	if rc != nil {
		// Done reading: lift the deadline, so that the server's own watch
		// for a vanished client does not time out under a slow fault.
		rc.SetReadDeadline(time.Time{})
	}
	c.body = buf
	return mockReply{}, true
}

// hold accounts for c's body buffer growing to size bytes: what goes
// beyond mockFreeBodyBytes is taken from the in-flight budget. It reports
// false when the budget is spent; ServeHTTP gives c.held back.
func (m *MockServer) hold(c *mockCall, size int64) bool {
	need := max(size-mockFreeBodyBytes, 0) - c.held
	if need <= 0 {
		return true
	}
	if !m.inflight.take(need) {
		return false
	}
	c.held += need
	return true
}
