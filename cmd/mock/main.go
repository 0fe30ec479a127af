// Command mock serves the generated mock servers of every service (DSC,
// DBSS, HSS, CBH, CCM, DCS, DLI, SecMaster, WAF) on one address, for tests
// in any language:
//
//	go run ./cmd/mock --addr 127.0.0.1:8080 [--ak AK --sk SK] [--token TOKEN]
//
// Calls are routed by path to the service that owns it (the services'
// paths do not overlap). With --ak/--sk, AK/SK signatures are verified
// (SDK-HMAC-SHA256, X-Sdk-Date within 15 minutes); with --token, that
// X-Auth-Token is accepted; with neither, the mock is permissive and any
// well-formed credentials pass. It prints "listening on http://ADDR" once it
// accepts connections, logs one line per call on stderr (unless --quiet),
// and shuts down gracefully on SIGINT or SIGTERM.
//
// The test-control API is under /__mock/: /__mock/requests, /__mock/orders,
// /__mock/orders/{id}, /__mock/faults and /__mock/reset act on every
// service at once (lists are merged; a fault with an "operation" goes to
// the service that has it); /__mock/{dsc,dbss,hss,cbh,ccm,dcs,dli,secmaster,waf}/...
// act on one.
//
// It imports the generated mock packages, never the generator.
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
	"slices"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"github.com/hwcorder/ordergen/generated/cbh/cbhmock"
	"github.com/hwcorder/ordergen/generated/ccm/ccmmock"
	"github.com/hwcorder/ordergen/generated/dbss/dbssmock"
	"github.com/hwcorder/ordergen/generated/dcs/dcsmock"
	"github.com/hwcorder/ordergen/generated/dli/dlimock"
	"github.com/hwcorder/ordergen/generated/dsc/dscmock"
	"github.com/hwcorder/ordergen/generated/hss/hssmock"
	"github.com/hwcorder/ordergen/generated/secmaster/secmastermock"
	"github.com/hwcorder/ordergen/generated/waf/wafmock"
	"github.com/hwcorder/ordergen/rt"
)

// config is what the flags say.
type config struct {
	addr   string
	ak, sk string
	tokens []string
	quiet  bool
	// maxRecords bounds the requests and orders each service keeps.
	maxRecords int
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
	var h http.Handler = newMux(services(cfg))
	if !cfg.quiet {
		h = logged(h, logger)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
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

// parseFlags reads the command line into a config.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	var cfg config
	fs := pflag.NewFlagSet("mock", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:8080", "address to listen on (port 0 picks a free one)")
	fs.StringVar(&cfg.ak, "ak", "", "access key whose AK/SK signatures are accepted")
	fs.StringVar(&cfg.sk, "sk", "", "secret key of --ak")
	fs.StringArrayVar(&cfg.tokens, "token", nil, "X-Auth-Token value to accept (repeatable)")
	fs.BoolVar(&cfg.quiet, "quiet", false, "do not log each call")
	fs.IntVar(&cfg.maxRecords, "max-records", 100000, "requests and orders kept per service (the oldest half goes beyond it)")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	switch {
	case fs.NArg() > 0:
		return cfg, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	case (cfg.ak == "") != (cfg.sk == ""):
		return cfg, errors.New("--ak and --sk go together")
	}
	return cfg, nil
}

// services builds one mock per generated package, configured alike; each
// draws its order IDs from its own block, so that no two services issue
// the same ID. DSC comes first: it answers paths no service has.
func services(cfg config) []service {
	opts := []rt.MockOption{rt.WithMockMaxRecords(cfg.maxRecords)}
	if len(cfg.tokens) > 0 {
		opts = append(opts, rt.WithMockToken(cfg.tokens...))
	}
	if cfg.ak != "" {
		opts = append(opts, rt.WithMockKey(cfg.ak, cfg.sk))
	}
	builds := []struct {
		name string
		new  func(...rt.MockOption) *rt.MockServer
	}{
		{"dsc", dscmock.NewServer},
		{"dbss", dbssmock.NewServer},
		{"hss", hssmock.NewServer},
		{"cbh", cbhmock.NewServer},
		{"ccm", ccmmock.NewServer},
		{"dcs", dcsmock.NewServer},
		{"dli", dlimock.NewServer},
		{"secmaster", secmastermock.NewServer},
		{"waf", wafmock.NewServer},
	}
	out := make([]service, len(builds))
	for i, b := range builds {
		own := append(slices.Clip(opts), rt.WithMockIDBlock(i, len(builds)))
		out[i] = service{name: b.name, mock: b.new(own...)}
	}
	return out
}

// logged logs one line per call: method, path, status, duration.
func logged(h http.Handler, logger *log.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(sw, r)
		logger.Printf("%s %s %d %s", r.Method, r.URL.RequestURI(), sw.status, time.Since(start).Round(time.Microsecond))
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
