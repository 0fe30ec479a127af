package rt

import (
	"bytes"
	"net/http/httptest"
	"os"
	"testing"
	"time"
)

// BenchmarkMockVerifySignature is the server-side cost of checking one
// SDK-HMAC-SHA256 signature over the benchmark's 1.2 kB DBSS order, what
// bench/mock.sh's mock-aksk run pays on top of mock-token.
func BenchmarkMockVerifySignature(b *testing.B) {
	body, err := os.ReadFile("../../bench/dbss-order.json")
	if err != nil {
		b.Skip(err)
	}
	now := time.Now()
	req := httptest.NewRequest("POST", "http://127.0.0.1:18082/v2/0123456789abcdef0123456789abcdef/db-om/charge/period/order", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json;charset=UTF-8")
	if err := signRequest(req, body, "AK", "SK", now); err != nil {
		b.Fatal(err)
	}
	secret := func(string) (string, bool) { return "SK", true }
	b.ReportAllocs()
	for b.Loop() {
		if err := verifySignature(req, body, secret, now, mockSignatureSkew); err != nil {
			b.Fatal(err)
		}
	}
}
