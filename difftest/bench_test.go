package difftest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/hwcorder/ordergen/generated/dbss"
	"github.com/hwcorder/ordergen/generated/hss"
)

// The benchmarks validate the request example of the DBSS and HSS specs
// four ways:
//
//	Validate        the generated Validate on an already decoded body
//	DecodeValidate  json.Unmarshal into the generated type, then Validate
//	VisitJSON       kin-openapi's Schema.VisitJSON on the body decoded into any
//	DecodeVisitJSON decoding into any (as openapi3filter does), then VisitJSON
//	ValidateRequest openapi3filter: route lookup and ValidateRequest on a
//	                whole http.Request (path, headers and body)

func BenchmarkDBSS(b *testing.B) {
	benchService[dbss.ChargeOrderDbssNew](b, "dbss",
		"https://dbss.cn-north-4.myhuaweicloud.com/v2/0123456789abcdef0123456789abcdef/db-om/charge/period/order")
}

func BenchmarkHSS(b *testing.B) {
	benchService[hss.CreateQuotasOrderRequestInfo](b, "hss",
		"https://hss.cn-north-4.myhuaweicloud.com/v5/0123456789abcdef0123456789abcdef/quotas/orders?enterprise_project_id=0")
}

func benchService[T any, P interface {
	*T
	Validate() error
}](b *testing.B, name, url string) {
	s := mustService(b, name)
	var data []byte
	for _, ex := range s.examples {
		if ex.target == s.body {
			data = ex.data
			break
		}
	}
	if data == nil {
		b.Fatalf("%s: no request example", name)
	}
	b.Run("Validate", func(b *testing.B) {
		var v T
		if err := json.Unmarshal(data, P(&v)); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if err := P(&v).Validate(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("DecodeValidate", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var v T
			if err := json.Unmarshal(data, P(&v)); err != nil {
				b.Fatal(err)
			}
			if err := P(&v).Validate(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("VisitJSON", func(b *testing.B) {
		v, err := decodeAny(data)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if err := s.body.schema.VisitJSON(v); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("DecodeVisitJSON", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			v, err := decodeAny(data)
			if err != nil {
				b.Fatal(err)
			}
			if err := s.body.schema.VisitJSON(v); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("ValidateRequest", func(b *testing.B) {
		router, err := legacy.NewRouter(s.doc)
		if err != nil {
			b.Fatal(err)
		}
		req, err := http.NewRequest(http.MethodPost, url, nil)
		if err != nil {
			b.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		opts := &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}
		b.ReportAllocs()
		for b.Loop() {
			req.Body, req.GetBody = io.NopCloser(bytes.NewReader(data)), nil
			route, params, err := router.FindRoute(req)
			if err != nil {
				b.Fatal(err)
			}
			in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: opts}
			if err := openapi3filter.ValidateRequest(req.Context(), in); err != nil {
				b.Fatal(err)
			}
		}
	})
}
