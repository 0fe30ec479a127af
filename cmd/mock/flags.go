package main

import (
	"errors"
	"fmt"
	"io"
	"log"
	"slices"
	"time"

	"github.com/spf13/pflag"

	"github.com/hwcorder/ordergen/generated/apig/apigmock"
	"github.com/hwcorder/ordergen/generated/cbh/cbhmock"
	"github.com/hwcorder/ordergen/generated/cbr/cbrmock"
	"github.com/hwcorder/ordergen/generated/ccm/ccmmock"
	"github.com/hwcorder/ordergen/generated/dbss/dbssmock"
	"github.com/hwcorder/ordergen/generated/dcs/dcsmock"
	"github.com/hwcorder/ordergen/generated/dli/dlimock"
	"github.com/hwcorder/ordergen/generated/dsc/dscmock"
	"github.com/hwcorder/ordergen/generated/eip/eipmock"
	"github.com/hwcorder/ordergen/generated/hss/hssmock"
	"github.com/hwcorder/ordergen/generated/modelarts/modelartsmock"
	"github.com/hwcorder/ordergen/generated/nat/natmock"
	"github.com/hwcorder/ordergen/generated/secmaster/secmastermock"
	"github.com/hwcorder/ordergen/generated/waf/wafmock"
	"github.com/hwcorder/ordergen/generated/workspace/workspacemock"
	"github.com/hwcorder/ordergen/rt"
)

// parseFlags reads the command line into a config.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	var cfg config
	def := rt.DefaultMockTimeouts()
	fs := pflag.NewFlagSet("mock", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:8080", "address to listen on (port 0 picks a free one)")
	fs.StringVar(&cfg.ak, "ak", "", "access key whose AK/SK signatures are accepted")
	fs.StringVar(&cfg.sk, "sk", "", "secret key of --ak")
	fs.StringArrayVar(&cfg.tokens, "token", nil, "X-Auth-Token value to accept (repeatable)")
	fs.BoolVar(&cfg.quiet, "quiet", false, "do not log each call")
	fs.IntVar(&cfg.maxRecords, "max-records", 100000, "requests and orders kept per service (the oldest half goes beyond it)")
	fs.Int64Var(&cfg.maxRecordBytes, "max-record-bytes", 8<<20, "bytes of requests and orders kept per service (the oldest half goes beyond it)")
	fs.Int64Var(&cfg.maxRecordBody, "max-record-body", 64<<10, "largest body kept in a record; larger ones, and those of rejected calls, are kept as size and SHA-256")
	fs.Int64Var(&cfg.maxBody, "max-body", 12<<20, "largest request body accepted (413 beyond)")
	fs.Int64Var(&cfg.maxInflight, "max-inflight", 16<<20, "bytes of request bodies read at once per service, beyond 64 KB each (429 beyond; at least --max-body)")
	fs.DurationVar(&cfg.readHeaderTimeout, "read-header-timeout", def.ReadHeader, "time to read a request's headers (0: no limit)")
	fs.DurationVar(&cfg.readTimeout, "read-timeout", def.Read, "time to read a whole request, body included (0: no limit)")
	fs.DurationVar(&cfg.writeTimeout, "write-timeout", def.Write, "time from the end of a request's headers to the end of the reply; longer fault latencies end with the connection closed (0: no limit)")
	fs.DurationVar(&cfg.idleTimeout, "idle-timeout", def.Idle, "time a kept-alive connection may wait for its next request (0: no limit)")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	switch {
	case fs.NArg() > 0:
		return cfg, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	case (cfg.ak == "") != (cfg.sk == ""):
		return cfg, errors.New("--ak and --sk go together")
	case cfg.maxRecords < 2:
		return cfg, fmt.Errorf("--max-records %d: want 2 or more", cfg.maxRecords)
	case cfg.maxRecordBytes < 1 || cfg.maxRecordBody < 0 || cfg.maxBody < 1 || cfg.maxInflight < 0:
		return cfg, errors.New("--max-record-bytes and --max-body must be positive, --max-record-body and --max-inflight not negative")
	case cfg.readHeaderTimeout < 0 || cfg.readTimeout < 0 || cfg.writeTimeout < 0 || cfg.idleTimeout < 0:
		return cfg, errors.New("timeouts must not be negative (0: no limit)")
	}
	return cfg, nil
}

// optionTimeout turns a flag's timeout (0: no limit) into a MockTimeouts
// field (negative: no limit).
func optionTimeout(d time.Duration) time.Duration {
	if d == 0 {
		return -1
	}
	return d
}

// services builds one mock per generated package, configured alike; each
// logs its calls to logger unless cfg.quiet, and draws its order IDs from
// its own block, so that no two services issue the same ID. DSC comes
// first: it answers paths no service has.
func services(cfg config, logger *log.Logger) []service {
	if cfg.quiet {
		logger = nil
	}
	opts := []rt.MockOption{
		rt.WithMockMaxRecords(cfg.maxRecords), rt.WithMockMaxRecordBytes(cfg.maxRecordBytes), rt.WithMockMaxRecordBody(cfg.maxRecordBody),
		rt.WithMockMaxBody(cfg.maxBody), rt.WithMockMaxInflight(cfg.maxInflight), rt.WithMockLogger(logger),
		rt.WithMockTimeouts(rt.MockTimeouts{
			ReadHeader: optionTimeout(cfg.readHeaderTimeout), Read: optionTimeout(cfg.readTimeout),
			Write: optionTimeout(cfg.writeTimeout), Idle: optionTimeout(cfg.idleTimeout),
		}),
	}
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
		{"apig", apigmock.NewServer},
		{"cbr", cbrmock.NewServer},
		{"eip", eipmock.NewServer},
		{"modelarts", modelartsmock.NewServer},
		{"nat", natmock.NewServer},
		{"workspace", workspacemock.NewServer},
	}
	out := make([]service, len(builds))
	for i, b := range builds {
		own := append(slices.Clip(opts), rt.WithMockIDBlock(i, len(builds)))
		out[i] = service{name: b.name, mock: b.new(own...)}
	}
	return out
}
