package main

import (
	"fmt"
	"log"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// banner is what cmd/mock prints on stderr when it starts: what it serves,
// to whom, and within which limits, with a warning for each setting that
// is unsafe beyond a developer's own machine.
func banner(cfg config, addr net.Addr, svcs []service) string {
	var b strings.Builder
	base := "http://" + addr.String()
	fmt.Fprintf(&b, "mock: serving %d services on %s\n", len(svcs), base)
	for _, s := range svcs {
		for _, r := range s.mock.Routes() {
			fmt.Fprintf(&b, "  %-5s %s\n", s.name, r)
		}
	}
	names := make([]string, len(svcs))
	for i, s := range svcs {
		names[i] = s.name
	}
	fmt.Fprintf(&b, "  auth: %s\n", svcs[0].mock.AuthMode())
	fmt.Fprintf(&b, "  admin API (no credentials): %s%s (every service), %s%s{%s}/ (one)\n", base, adminPrefix, base, adminPrefix, strings.Join(names, ","))
	fmt.Fprintf(&b, "  limits: body %s, bodies in flight %s per service; records per service %d and %s, bodies over %s kept as SHA-256\n",
		size(cfg.maxBody), size(cfg.maxInflight), cfg.maxRecords, size(cfg.maxRecordBytes), size(cfg.maxRecordBody))
	fmt.Fprintf(&b, "  timeouts: read-header %s, read %s, write %s, idle %s\n",
		limit(cfg.readHeaderTimeout), limit(cfg.readTimeout), limit(cfg.writeTimeout), limit(cfg.idleTimeout))
	if cfg.ak == "" && len(cfg.tokens) == 0 {
		b.WriteString("WARNING: no --token or --ak/--sk: any well-formed credentials are accepted\n")
	}
	if !isLoopback(addr) {
		fmt.Fprintf(&b, "WARNING: the admin API %s takes no credentials and is reachable beyond loopback on %s: anyone who can connect can read the recorded requests and program faults\n", adminPrefix, addr)
	}
	return b.String()
}

// size renders a byte count, in KiB or MiB when it is a whole number of
// them.
func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// limit renders a timeout, 0 being none.
func limit(d time.Duration) string {
	if d == 0 {
		return "none"
	}
	return d.String()
}

// isLoopback reports whether addr can be reached only from this machine.
func isLoopback(addr net.Addr) bool {
	tcp, ok := addr.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}

// logged logs one line per admin request, in the form the services use for
// calls: method, path, "admin", status, duration. The services log their
// calls themselves (they know the operation, order ID and error code).
func logged(h http.Handler, logger *log.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, adminPrefix) {
			h.ServeHTTP(w, r)
			return
		}
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(sw, r)
		logger.Printf("%s %s admin %d %s", r.Method, r.URL.EscapedPath(), sw.status, time.Since(start).Round(time.Microsecond))
	})
}

// statusWriter remembers the status written.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}
