// Command mock serves the generated mock servers of every service of
// specs/ (fifteen today, from APIG to Workspace) on one address, for tests
// in any language:
//
//	go run ./cmd/mock --addr 127.0.0.1:8080 [--ak AK --sk SK] [--token TOKEN]
//
// Calls are routed by method and path template to the service that owns
// the operation (no two services claim one path; services_test.go checks
// it). With --ak/--sk, AK/SK signatures are verified
// (SDK-HMAC-SHA256, X-Sdk-Date within 15 minutes); with --token, that
// X-Auth-Token is accepted; with neither, the mock is permissive and any
// well-formed credentials pass. On stderr it prints a banner (services,
// paths, auth mode, admin API, limits, and a warning when any credentials
// pass or the admin API is reachable beyond loopback) and then one line per
// call (method, path, operation, status, order ID or error code, duration)
// unless --quiet; on stdout, "listening on http://ADDR" once it accepts
// connections. It shuts down gracefully on SIGINT or SIGTERM.
//
// Whatever its clients do, it stays small: read, write and idle timeouts
// on every connection (--read-header-timeout, --read-timeout,
// --write-timeout, --idle-timeout), bodies read only after the headers'
// credentials pass and never sized from Content-Length (--max-body,
// --max-inflight), and the requests and orders it keeps bounded in count
// and bytes (--max-records, --max-record-bytes, --max-record-body).
//
// The test-control API is under /__mock/: /__mock/requests, /__mock/orders,
// /__mock/orders/{id}, /__mock/faults and /__mock/reset act on every
// service at once (lists are merged; a fault with an "operation" goes to
// the service that has it); /__mock/{dsc,dbss,hss}/... act on one.
//
// It imports the generated mock packages and rt, never the generator.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/pflag"
)

// config is what the flags say.
type config struct {
	addr   string
	ak, sk string
	tokens []string
	quiet  bool
	// maxRecords and maxRecordBytes bound the requests and orders each
	// service keeps; bodies over maxRecordBody are kept as a digest.
	maxRecords     int
	maxRecordBytes int64
	maxRecordBody  int64
	maxBody        int64
	maxInflight    int64
	// timeouts as net/http reads them: 0 is no limit.
	readHeaderTimeout, readTimeout, writeTimeout, idleTimeout time.Duration
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run parses args and serves until ctx is done; it returns the exit
// status: 0 after a clean shutdown, 1 when serving fails, 2 on bad usage.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return 0
		}
		fmt.Fprintf(stderr, "mock: %v\n", err)
		return 2
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		fmt.Fprintf(stderr, "mock: %v\n", err)
		return 1
	}
	logger := log.New(stderr, "", log.LstdFlags|log.Lmicroseconds)
	svcs := services(cfg, logger)
	var h http.Handler = newMux(svcs)
	if !cfg.quiet {
		h = logged(h, logger)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: cfg.readHeaderTimeout,
		ReadTimeout:       cfg.readTimeout,
		WriteTimeout:      cfg.writeTimeout,
		IdleTimeout:       cfg.idleTimeout,
		MaxHeaderBytes:    64 << 10, // as the generated Start: ample for IAM tokens
	}
	io.WriteString(stderr, banner(cfg, ln.Addr(), svcs))
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	fmt.Fprintf(stdout, "listening on http://%s\n", ln.Addr())

	select {
	case err := <-served:
		fmt.Fprintf(stderr, "mock: %v\n", err)
		return 1
	case <-ctx.Done():
	}
	logger.Print("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		fmt.Fprintf(stderr, "mock: shutdown: %v\n", err)
		return 1
	}
	return 0
}
