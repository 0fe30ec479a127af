package e2e

import (
	"encoding/json"
	"os"
	"testing"

	oapidbss "github.com/hwcorder/ordergen/e2e/oapiclient/dbss"
	gendbss "github.com/hwcorder/ordergen/generated/dbss"
)

// The decoding the mock cannot avoid, on bench/mock.sh's 1.2 kB DBSS order:
// into any (what bench/bare does), into a plain struct of the same shape
// (oapi-codegen's, no UnmarshalJSON), and into the generated type (whose
// UnmarshalJSON records missing, null and unknown members), then Validate.
// docs/bench-mock.md explains why these matter.

func benchBody(b *testing.B) []byte {
	d, err := os.ReadFile("../bench/dbss-order.json")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	return d
}

func BenchmarkMockDecodeAny(b *testing.B) {
	d := benchBody(b)
	for b.Loop() {
		var v any
		if err := json.Unmarshal(d, &v); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMockDecodePlainStruct(b *testing.B) {
	d := benchBody(b)
	for b.Loop() {
		var v oapidbss.ChargeOrderDbssNew
		if err := json.Unmarshal(d, &v); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMockDecodeGenerated(b *testing.B) {
	d := benchBody(b)
	for b.Loop() {
		var v gendbss.ChargeOrderDbssNew
		if err := json.Unmarshal(d, &v); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMockDecodeGeneratedValidate(b *testing.B) {
	d := benchBody(b)
	for b.Loop() {
		var v gendbss.ChargeOrderDbssNew
		if err := json.Unmarshal(d, &v); err != nil {
			b.Fatal(err)
		}
		if err := v.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMockDecodeGeneratedDirect decodes as the mock does: the
// generated UnmarshalJSON alone, which checks the syntax as it reads.
func BenchmarkMockDecodeGeneratedDirect(b *testing.B) {
	d := benchBody(b)
	for b.Loop() {
		var v gendbss.ChargeOrderDbssNew
		if err := v.UnmarshalJSON(d); err != nil {
			b.Fatal(err)
		}
		if err := v.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}
