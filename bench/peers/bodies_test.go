package peers

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"syscall"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/go-faster/jx"

	"github.com/hwcorder/ordergen/bench/peers/ogen/dbss"
	"github.com/hwcorder/ordergen/bench/peers/ogen/hss"
	ourdbss "github.com/hwcorder/ordergen/generated/dbss"
	ourhss "github.com/hwcorder/ordergen/generated/hss"
	"github.com/hwcorder/ordergen/specs"
)

// A body is one service's request body: its example from the spec, its
// schema for kin-openapi, and the three ways to decode and validate it.
type body struct {
	service string
	example []byte
	schema  *openapi3.Schema
	impls   []impl
}

// An impl decodes and validates a body one way. validator, when not nil,
// decodes data once and returns a function that validates the decoded
// value again; it is what the Validate benchmarks time.
type impl struct {
	name      string
	decodeVal func(data []byte) error
	validator func(data []byte) (func() error, error)
}

// bodies lists the benchmarked bodies. Only exported names of the
// generated packages are used (the body types, UnmarshalJSON through
// json.Unmarshal, Validate), so the harness survives a regeneration.
func bodies(tb testing.TB) []*body {
	tb.Helper()
	return []*body{
		newBody(tb, "dbss",
			impl{"ours", oursDecodeValidate[ourdbss.ChargeOrderDbssNew], oursValidator[ourdbss.ChargeOrderDbssNew]},
			impl{"ours-direct", oursDirect[ourdbss.ChargeOrderDbssNew], nil},
			impl{"ogen", ogenDecodeValidate[dbss.ChargeOrderDbssNew], ogenValidator[dbss.ChargeOrderDbssNew]},
		),
		newBody(tb, "hss",
			impl{"ours", oursDecodeValidate[ourhss.CreateQuotasOrderRequestInfo], oursValidator[ourhss.CreateQuotasOrderRequestInfo]},
			impl{"ours-direct", oursDirect[ourhss.CreateQuotasOrderRequestInfo], nil},
			impl{"ogen", ogenDecodeValidate[hss.CreateQuotasOrderRequestInfo], ogenValidator[hss.CreateQuotasOrderRequestInfo]},
		),
	}
}

// newBody loads the embedded spec of service with kin-openapi and takes
// its one operation's request body schema and example; kin-openapi is
// added as the third impl.
func newBody(tb testing.TB, service string, impls ...impl) *body {
	tb.Helper()
	data, file, ok := specs.Spec(service)
	if !ok {
		tb.Fatalf("no embedded spec %q", service)
	}
	doc, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		tb.Fatalf("%s: %v", file, err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		tb.Fatalf("%s: %v", file, err)
	}
	var mt *openapi3.MediaType
	for _, path := range doc.Paths.InMatchingOrder() {
		for _, op := range doc.Paths.Value(path).Operations() {
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				if mt != nil {
					tb.Fatalf("%s: more than one request body", file)
				}
				mt = op.RequestBody.Value.Content.Get("application/json")
			}
		}
	}
	if mt == nil || mt.Schema == nil || mt.Schema.Value == nil || mt.Example == nil {
		tb.Fatalf("%s: no application/json request body with a schema and an example", file)
	}
	example, err := json.Marshal(mt.Example)
	if err != nil {
		tb.Fatalf("%s: example: %v", file, err)
	}
	b := &body{service: service, example: example, schema: mt.Schema.Value}
	b.impls = append(impls, impl{"kin", b.kinDecodeVisit, nil})
	return b
}

// oursDecodeValidate is what the generated mock does with a body:
// json.Unmarshal (which calls the generated UnmarshalJSON), then Validate.
func oursDecodeValidate[T any, P interface {
	*T
	Validate() error
}](data []byte) error {
	var v T
	if err := json.Unmarshal(data, P(&v)); err != nil {
		return err
	}
	return P(&v).Validate()
}

// oursDirect calls the generated UnmarshalJSON itself, as the generated
// mock and client do (rt's mock and client code), which saves
// json.Unmarshal's own syntax scan of the whole input before the call;
// the generated decoder checks the syntax as it goes.
func oursDirect[T any, P interface {
	*T
	UnmarshalJSON([]byte) error
	Validate() error
}](data []byte) error {
	var v T
	if err := P(&v).UnmarshalJSON(data); err != nil {
		return err
	}
	return P(&v).Validate()
}

func oursValidator[T any, P interface {
	*T
	Validate() error
}](data []byte) (func() error, error) {
	v := new(T)
	if err := json.Unmarshal(data, P(v)); err != nil {
		return nil, err
	}
	return P(v).Validate, nil
}

// ogenDecodeValidate is what ogen's generated server does with a body once
// it has read it (decode<Op>Request in oas_request_decoders_gen.go,
// without the HTTP parts): jx.DecodeBytes, Decode, a trailing-data check,
// then Validate.
func ogenDecodeValidate[T any, P interface {
	*T
	Decode(*jx.Decoder) error
	Validate() error
}](data []byte) error {
	d := jx.DecodeBytes(data)
	var v T
	if err := P(&v).Decode(d); err != nil {
		return err
	}
	if err := d.Skip(); err != io.EOF {
		return errors.New("unexpected trailing data")
	}
	return P(&v).Validate()
}

func ogenValidator[T any, P interface {
	*T
	Decode(*jx.Decoder) error
	Validate() error
}](data []byte) (func() error, error) {
	v := new(T)
	if err := P(v).Decode(jx.DecodeBytes(data)); err != nil {
		return nil, err
	}
	return P(v).Validate, nil
}

// kinDecodeVisit is what kin-openapi's openapi3filter does with a JSON
// body: decode into any with UseNumber, then Schema.VisitJSON with the
// request options (readOnly members refused, writeOnly ones allowed).
func (b *body) kinDecodeVisit(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("trailing data after the JSON value")
	}
	return b.schema.VisitJSON(v, openapi3.VisitAsRequest())
}

// BenchmarkDecodeValidate times decoding and validating each service's
// request example, ours against ogen's generated code and kin-openapi.
// Compare with: benchstat -col /impl
func BenchmarkDecodeValidate(b *testing.B) {
	for _, bd := range bodies(b) {
		for _, im := range bd.impls {
			b.Run(fmt.Sprintf("service=%s/impl=%s", bd.service, im.name), func(b *testing.B) {
				if err := im.decodeVal(bd.example); err != nil {
					b.Fatalf("example: %v", err)
				}
				b.SetBytes(int64(len(bd.example)))
				b.ReportAllocs()
				cpu := startCPU(b)
				for b.Loop() {
					if err := im.decodeVal(bd.example); err != nil {
						b.Fatal(err)
					}
				}
				cpu.report(b)
			})
		}
	}
}

// BenchmarkValidate times Validate alone on an already decoded example,
// ours against ogen's generated code.
func BenchmarkValidate(b *testing.B) {
	for _, bd := range bodies(b) {
		for _, im := range bd.impls {
			if im.validator == nil {
				continue
			}
			b.Run(fmt.Sprintf("service=%s/impl=%s", bd.service, im.name), func(b *testing.B) {
				validate, err := im.validator(bd.example)
				if err != nil {
					b.Fatalf("example: %v", err)
				}
				if err := validate(); err != nil {
					b.Fatalf("example: %v", err)
				}
				b.ReportAllocs()
				cpu := startCPU(b)
				for b.Loop() {
					if err := validate(); err != nil {
						b.Fatal(err)
					}
				}
				cpu.report(b)
			})
		}
	}
}

// cpuClock reads the process's CPU time (user + system, every thread, so
// the garbage collector's work counts too). On a machine shared with
// other jobs wall time per operation mostly measures how much of the CPU
// the benchmark was given; CPU time per operation does not.
type cpuClock struct{ start time.Duration }

func startCPU(tb testing.TB) cpuClock { return cpuClock{processCPU(tb)} }

// report adds cpu-ns/op: the CPU time since startCPU over b.N, which
// b.Loop has set to every iteration it ran.
func (c cpuClock) report(b *testing.B) {
	if b.N > 0 {
		b.ReportMetric(float64((processCPU(b)-c.start).Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

func processCPU(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
