package dbss_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/hwcorder/ordergen/generated/dbss"
	"github.com/hwcorder/ordergen/generated/dbss/dbssmock"
	"github.com/hwcorder/ordergen/rt"
)

// discard is a ResponseWriter that keeps nothing, so that the benchmarks
// measure the handler alone.
type discard struct{ h http.Header }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(b []byte) (int, error) { return len(b), nil }
func (d *discard) WriteHeader(int)             {}

// benchServe serves b.N copies of req (rebuilt from body each time).
func benchServe(b *testing.B, h http.Handler, body []byte, prepare func(*http.Request)) {
	b.ReportAllocs()
	w := &discard{h: http.Header{}}
	for b.Loop() {
		req := httptest.NewRequest("POST", orderPath, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		prepare(req)
		clear(w.h)
		h.ServeHTTP(w, req)
	}
}

// BenchmarkBareAny is the ceiling: read the body, decode into any, answer.
func BenchmarkBareAny(b *testing.B) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var v any
		if json.Unmarshal(body, &v) != nil {
			w.WriteHeader(400)
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"order_id":"CS2508251714AAAAA"}`))
	})
	benchServe(b, h, []byte(validOrder), func(*http.Request) {})
}

// BenchmarkDecodeTyped decodes into the generated body type only.
func BenchmarkDecodeTyped(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		var v dbss.ChargeOrderDbssNew
		if err := json.Unmarshal([]byte(validOrder), &v); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMockServeToken(b *testing.B) {
	m := dbssmock.NewServer(dbssmock.WithToken("tok"), rt.WithMockMaxRecords(10000))
	benchServe(b, m, []byte(validOrder), func(r *http.Request) { r.Header.Set("X-Auth-Token", "tok") })
}

func BenchmarkMockServeSigned(b *testing.B) {
	now := time.Now()
	m := dbssmock.NewServer(dbssmock.WithKey("AK", "SK"), rt.WithMockClock(func() time.Time { return now }), rt.WithMockMaxRecords(10000))
	body := []byte(validOrder)
	benchServe(b, m, body, func(r *http.Request) {
		if err := rt.SignForTest(r, body, "AK", "SK", now); err != nil {
			b.Fatal(err)
		}
	})
}
