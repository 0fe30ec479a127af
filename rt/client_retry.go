package rt

import (
	"context"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"time"
)

// retryPolicy bounds the attempts of one call and the waits between them.
type retryPolicy struct {
	attempts  int
	base, max time.Duration
}

// clientMaxRetryAfter is the longest Retry-After the client waits for; a
// server asking for more gets its answer returned instead.
const clientMaxRetryAfter = time.Minute

func defaultRetryPolicy() retryPolicy {
	return retryPolicy{attempts: 3, base: 100 * time.Millisecond, max: 2 * time.Second}
}

// backoff is the wait after the failed attempt n (1-based): base*2^(n-1)
// capped at max, drawn at random from its upper half so that clients that
// failed together do not retry together.
func (p retryPolicy) backoff(n int) time.Duration {
	d := p.base
	for i := 1; i < n && d < p.max; i++ {
		d *= 2
	}
	d = min(d, p.max)
	if d <= 1 {
		return d
	}
	half := d / 2
	return half + time.Duration(rand.Int64N(int64(d-half)+1))
}

// notSent reports whether err proves the request never reached the
// server: the name did not resolve or no connection could be opened. An
// error after the connection was up (reset, timeout, EOF) proves nothing,
// and an order must not be sent twice.
func notSent(err error) bool {
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return true
	}
	var opErr *net.OpError
	return errors.As(err, &opErr) && opErr.Op == "dial"
}

// retryAfter returns how long a 429 or 503 answer asks to wait (its
// Retry-After header: seconds or an HTTP date). ok is false for any other
// answer, a missing or malformed header, or a wait over clientMaxRetryAfter.
func retryAfter(resp *http.Response) (wait time.Duration, ok bool) {
	if resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode != http.StatusServiceUnavailable {
		return 0, false
	}
	v := resp.Header.Get("Retry-After")
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.Atoi(v); err == nil {
		wait = time.Duration(secs) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		wait = time.Until(t)
	} else {
		return 0, false
	}
	if wait < 0 {
		wait = 0
	}
	return wait, wait <= clientMaxRetryAfter
}

// clientSleep waits d unless ctx ends first. It reports false at once,
// without waiting, when ctx's deadline comes before d is over.
func clientSleep(ctx context.Context, d time.Duration) bool {
	if ctx.Err() != nil {
		return false
	}
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < d {
		return false
	}
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
