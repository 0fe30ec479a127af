package dbss

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
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
		var v ChargeOrderDbssNew
		if err := json.Unmarshal([]byte(validOrder), &v); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMockServeToken(b *testing.B) {
	m := NewMockServer(WithMockToken("tok"), WithMockMaxRecords(10000))
	benchServe(b, m, []byte(validOrder), func(r *http.Request) { r.Header.Set("X-Auth-Token", "tok") })
}

func BenchmarkMockServeSigned(b *testing.B) {
	now := time.Now()
	m := NewMockServer(WithMockKey("AK", "SK"), WithMockClock(func() time.Time { return now }), WithMockMaxRecords(10000))
	body := []byte(validOrder)
	benchServe(b, m, body, func(r *http.Request) {
		if err := signRequest(r, body, "AK", "SK", now); err != nil {
			b.Fatal(err)
		}
	})
}
