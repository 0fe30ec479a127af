package rt

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// sdkTime is the X-Sdk-Date of the official SDK's own signer tests.
var sdkTime = time.Date(2006, 1, 2, 15, 4, 5, 0, time.UTC)

func newSignReq(t *testing.T, method, url string, headers ...string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Add(headers[i], headers[i+1])
	}
	return req
}

// TestSignRequestSDKVectors checks the two Authorization values the
// official SDK's signer_test.go expects (core/auth/signer, v0.1.207).
func TestSignRequestSDKVectors(t *testing.T) {
	cases := []struct {
		name, method, url, body string
		headers                 []string
		want                    string
	}{
		{
			name: "get", method: "GET", url: "https://example.huaweicloud.com/path?limit=1",
			headers: []string{"TEST_UNDERSCORE", "TEST_VALUE"},
			want:    "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624",
		},
		{
			name: "post", method: "POST", url: "https://example.huaweicloud.com/path?key=value",
			body:    `{"Name":"test","Id":1}` + "\n",
			headers: []string{"TEST_UNDERSCORE", "TEST_VALUE", "Content-Type", "application/json"},
			want:    "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=x-sdk-date, Signature=cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req := newSignReq(t, c.method, c.url, c.headers...)
			if err := signRequest(req, []byte(c.body), "AccessKey", "SecretKey", sdkTime); err != nil {
				t.Fatal(err)
			}
			if got := req.Header.Get("Authorization"); got != c.want {
				t.Errorf("Authorization:\n got %s\nwant %s", got, c.want)
			}
			if got := req.Header.Get("X-Sdk-Date"); got != "20060102T150405Z" {
				t.Errorf("X-Sdk-Date = %q", got)
			}
		})
	}
}

func TestCanonicalQuery(t *testing.T) {
	cases := []struct{ raw, want string }{
		{"", ""},
		// The SDK's own canonical-query vector, as its client puts it on the wire.
		{"test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29&path=%2Ftmp%2F123&multi=3&multi=1&multi=2&limit=1&enable=true",
			"enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29"},
		{"b&a=&c=x+y", "a=&b=&c=x%20y"},
		{"k=2&k=10&k=1&&", "k=1&k=10&k=2"},
		{"%7Ek=%2a", "~k=%2A"},
	}
	for _, c := range cases {
		got, err := appendCanonicalQuery(nil, c.raw)
		if err != nil || string(got) != c.want {
			t.Errorf("appendCanonicalQuery(%q) = %q, %v; want %q", c.raw, got, err, c.want)
		}
	}
	if _, err := appendCanonicalQuery(nil, "a=%zz"); err == nil {
		t.Error("appendCanonicalQuery accepted a malformed escape")
	}
}

func TestCanonicalURI(t *testing.T) {
	cases := []struct{ path, want string }{
		{"", "/"},
		{"/", "/"},
		{"/v1/p/period/order", "/v1/p/period/order/"},
		{"/v1/p/period/order/", "/v1/p/period/order/"},
		{"/v1/a%20b/x*y/%7E", "/v1/a%20b/x%2Ay/~/"},
		{"/v1/a%2Fb", "/v1/a%2Fb/"},
		{"/v1/%E4%B8%80(1)", "/v1/%E4%B8%80%281%29/"},
	}
	for _, c := range cases {
		got, err := appendCanonicalURI(nil, c.path)
		if err != nil || string(got) != c.want {
			t.Errorf("appendCanonicalURI(%q) = %q, %v; want %q", c.path, got, err, c.want)
		}
	}
}

func TestAppendSignDate(t *testing.T) {
	for _, tm := range []time.Time{sdkTime, time.Date(2026, 12, 31, 23, 59, 59, 999, time.UTC),
		time.Date(999, 1, 2, 3, 4, 5, 0, time.UTC), time.Date(2026, 11, 23, 18, 0, 0, 0, time.FixedZone("CST", 8*3600))} {
		if got, want := string(appendSignDate(nil, tm)), tm.UTC().Format(signDateFormat); got != want {
			t.Errorf("appendSignDate(%v) = %s, want %s", tm, got, want)
		}
	}
}

func TestSignatureOfIsHMAC(t *testing.T) {
	date := []byte("20260101T000000Z")
	cr := []byte("POST\n/v1/\n\nx-sdk-date:20260101T000000Z\n\nx-sdk-date\ne3b0")
	for _, sk := range []string{"k", strings.Repeat("s", 64), strings.Repeat("long", 40)} {
		crSum := sha256.Sum256(cr)
		sts := "SDK-HMAC-SHA256\n" + string(date) + "\n" + hex.EncodeToString(crSum[:])
		m := hmac.New(sha256.New, []byte(sk))
		m.Write([]byte(sts))
		want := hex.EncodeToString(m.Sum(nil))
		got := signatureOf(sk, date, cr)
		if string(got[:]) != want {
			t.Errorf("len(sk)=%d: signatureOf = %s, want %s", len(sk), got, want)
		}
	}
}

func TestSignRequestHeaders(t *testing.T) {
	req := newSignReq(t, "POST", "https://dsc.example.com/v1/p1/period/order?b=2&a=1",
		"Content-Type", "application/json;charset=UTF-8",
		"X-Project-Id", "p1",
		"User-Agent", "ordergen",
		"X-Language", " en-us ",
		"X_Under", "skip",
		"Authorization", "stale")
	if err := signRequest(req, []byte(`{}`), "AK", "SK", sdkTime); err != nil {
		t.Fatal(err)
	}
	got := req.Header.Get("Authorization")
	want := "SDK-HMAC-SHA256 Access=AK, SignedHeaders=user-agent;x-language;x-project-id;x-sdk-date, Signature="
	if !strings.HasPrefix(got, want) || len(got) != len(want)+64 {
		t.Errorf("Authorization = %q, want prefix %q and 64 hex digits", got, want)
	}
	if len(req.Header["Authorization"]) != 1 {
		t.Errorf("Authorization has %d values, want 1", len(req.Header["Authorization"]))
	}
}

func TestSignRequestRejectsEmptyKeys(t *testing.T) {
	req := newSignReq(t, "GET", "https://x/")
	if err := signRequest(req, nil, "", "sk", sdkTime); err == nil {
		t.Error("empty access key accepted")
	}
	if err := signRequest(req, nil, "ak", "", sdkTime); err == nil {
		t.Error("empty secret key accepted")
	}
}

func TestSignRequestAllocs(t *testing.T) {
	body := []byte(`{"project_id":"p1","product_infos":[{"product_id":"00301-225396-0--0","cloud_service_type":"hws.service.type.sdg"}]}`)
	req := newSignReq(t, "POST", "https://dsc.example.com/v1/p1/period/order",
		"Content-Type", "application/json", "X-Project-Id", "p1", "User-Agent", "ordergen")
	allocs := testing.AllocsPerRun(100, func() {
		if err := signRequest(req, body, "AK", "SK", sdkTime); err != nil {
			t.Fatal(err)
		}
	})
	// X-Sdk-Date and Authorization: two strings and a slice holding them.
	if allocs > 3 {
		t.Errorf("signRequest allocates %v times per call, want at most 3", allocs)
	}
}

// secrets is the secretFor of the verification tests.
func secrets(ak string) (string, bool) {
	if ak == "AK1" {
		return "very-secret-SK1", true
	}
	return "", false
}

func TestVerifySignature(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	body := []byte(`{"order":1}`)
	signed := func(t *testing.T) *http.Request {
		req := newSignReq(t, "POST", "http://127.0.0.1:8080/v1/p1/period/order?x=1&y=",
			"Content-Type", "application/json", "X-Project-Id", "p1", "X-Language", "en-us")
		if err := signRequest(req, body, "AK1", "very-secret-SK1", now); err != nil {
			t.Fatal(err)
		}
		return req
	}
	if err := verifySignature(signed(t), body, secrets, now.Add(14*time.Minute), 0); err != nil {
		t.Fatalf("valid signature rejected: %v", err)
	}
	cases := []struct {
		name   string
		edit   func(r *http.Request) []byte
		at     time.Duration
		skew   time.Duration
		fault  signatureFault
		substr string
	}{
		{name: "no authorization", edit: func(r *http.Request) []byte { r.Header.Del("Authorization"); return body }, fault: sigMissing},
		{name: "other algorithm", edit: func(r *http.Request) []byte {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "SDK-HMAC-SHA256", "SDK-HMAC-SM3", 1))
			return body
		}, fault: sigMalformed},
		{name: "garbage", edit: func(r *http.Request) []byte { r.Header.Set("Authorization", "SDK-HMAC-SHA256 nonsense"); return body }, fault: sigMalformed},
		{name: "short signature", edit: func(r *http.Request) []byte {
			a := r.Header.Get("Authorization")
			r.Header.Set("Authorization", a[:len(a)-1])
			return body
		}, fault: sigMalformed},
		{name: "date unsigned", edit: func(r *http.Request) []byte {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), ";x-sdk-date", "", 1))
			return body
		}, fault: sigMalformed},
		{name: "unknown key", edit: func(r *http.Request) []byte {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "AK1", "AK2", 1))
			return body
		}, fault: sigUnknownKey, substr: `"AK2"`},
		{name: "no date", edit: func(r *http.Request) []byte { r.Header.Del("X-Sdk-Date"); return body }, fault: sigBadDate},
		{name: "bad date", edit: func(r *http.Request) []byte { r.Header.Set("X-Sdk-Date", "2026-11-23T10:00:00Z"); return body }, fault: sigBadDate},
		{name: "late", edit: func(r *http.Request) []byte { return body }, at: 16 * time.Minute, fault: sigExpired},
		{name: "early", edit: func(r *http.Request) []byte { return body }, at: -16 * time.Minute, fault: sigExpired},
		{name: "tight skew", edit: func(r *http.Request) []byte { return body }, at: 2 * time.Minute, skew: time.Minute, fault: sigExpired},
		{name: "body", edit: func(r *http.Request) []byte { return []byte(`{"order":2}`) }, fault: sigMismatch},
		{name: "empty body", edit: func(r *http.Request) []byte { return nil }, fault: sigMismatch},
		{name: "header value", edit: func(r *http.Request) []byte { r.Header.Set("X-Project-Id", "p2"); return body }, fault: sigMismatch},
		{name: "header removed", edit: func(r *http.Request) []byte { r.Header.Del("X-Language"); return body }, fault: sigMismatch, substr: `"x-language"`},
		{name: "date changed", edit: func(r *http.Request) []byte { r.Header.Set("X-Sdk-Date", "20261123T100001Z"); return body }, fault: sigMismatch},
		{name: "path", edit: func(r *http.Request) []byte { r.URL.Path = "/v1/p2/period/order"; return body }, fault: sigMismatch},
		{name: "query", edit: func(r *http.Request) []byte { r.URL.RawQuery = "x=2&y="; return body }, fault: sigMismatch},
		{name: "query added", edit: func(r *http.Request) []byte { r.URL.RawQuery += "&z=1"; return body }, fault: sigMismatch},
		{name: "method", edit: func(r *http.Request) []byte { r.Method = "PUT"; return body }, fault: sigMismatch},
		{name: "unsigned payload", edit: func(r *http.Request) []byte {
			r.Header.Set("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD")
			return []byte(`{"order":2}`)
		}, fault: sigMismatch},
		{name: "wrong secret", edit: func(r *http.Request) []byte {
			if err := signRequest(r, body, "AK1", "another-secret", now); err != nil {
				t.Fatal(err)
			}
			return body
		}, fault: sigMismatch},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req := signed(t)
			b := c.edit(req)
			err := verifySignature(req, b, secrets, now.Add(c.at), c.skew)
			var se *signatureError
			if !errors.As(err, &se) {
				t.Fatalf("verifySignature = %v, want a *signatureError", err)
			}
			if se.fault != c.fault {
				t.Errorf("fault = %d (%v), want %d", se.fault, err, c.fault)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "authorization: ") || !strings.Contains(msg, c.substr) {
				t.Errorf("message %q lacks %q", msg, c.substr)
			}
			if strings.Contains(msg, "very-secret-SK1") || strings.Contains(msg, "another-secret") {
				t.Errorf("message %q contains the secret key", msg)
			}
		})
	}
}

func TestVerifySignatureHost(t *testing.T) {
	// Signers other than the Go SDK (API Gateway's own) also sign Host.
	now := sdkTime
	req := newSignReq(t, "GET", "http://api.example.com/v1/x", "Host", "api.example.com")
	if err := signRequest(req, nil, "AK1", "very-secret-SK1", now); err != nil {
		t.Fatal(err)
	}
	if got := req.Header.Get("Authorization"); !strings.Contains(got, "SignedHeaders=host;x-sdk-date") {
		t.Fatalf("Authorization = %q, want host signed", got)
	}
	// On the server side Host is not in the header map.
	req.Header.Del("Host")
	req.Host = "api.example.com"
	if err := verifySignature(req, nil, secrets, now, 0); err != nil {
		t.Errorf("verifySignature = %v", err)
	}
	req.Host = "evil.example.com"
	if err := verifySignature(req, nil, secrets, now, 0); err == nil {
		t.Error("changed Host accepted")
	}
}

func TestVerifySignatureAllocs(t *testing.T) {
	now := sdkTime
	body := []byte(`{"project_id":"p1"}`)
	req := newSignReq(t, "POST", "http://127.0.0.1/v1/p1/period/order",
		"Content-Type", "application/json", "X-Project-Id", "p1", "User-Agent", "ordergen")
	if err := signRequest(req, body, "AK1", "very-secret-SK1", now); err != nil {
		t.Fatal(err)
	}
	allocs := testing.AllocsPerRun(100, func() {
		if err := verifySignature(req, body, secrets, now, 0); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 2 {
		t.Errorf("verifySignature allocates %v times per call, want at most 2", allocs)
	}
}

// FuzzSignVerify: whatever the request, what signRequest signs
// verifySignature accepts, and a changed body is refused.
func FuzzSignVerify(f *testing.F) {
	f.Add("POST", "/v1/p1/period/order", "a=1&b=&a=0", "X-Language", " en-us ", []byte(`{"x":1}`))
	f.Add("GET", "/", "", "X-Client-Token", "t", []byte(nil))
	f.Add("GET", "/x", "", "Host", "other.example.com", []byte(nil))
	f.Add("PUT", "/v1/a%20b/%E4%B8%80/", "k=%2F%20+x&&=v", "X-Multi", "a,b", []byte("raw"))
	f.Fuzz(func(t *testing.T, method, path, query, hname, hvalue string, body []byte) {
		req, err := http.NewRequest(method, "http://h.example.com/", nil)
		if err != nil {
			t.Skip()
		}
		req.URL.RawQuery = query
		if p, err := url.PathUnescape(path); err != nil || !strings.HasPrefix(path, "/") {
			t.Skip()
		} else {
			req.URL.Path, req.URL.RawPath = p, path
		}
		if !plainHeader(hname, hvalue) {
			t.Skip()
		}
		req.Header.Set(hname, hvalue)
		if err := signRequest(req, body, "AK1", "very-secret-SK1", sdkTime); err != nil {
			return // a malformed query or path escape is refused, not signed
		}
		if err := verifySignature(req, body, secrets, sdkTime, 0); err != nil {
			t.Fatalf("own signature refused: %v\n%s %s?%s", err, method, path, query)
		}
		changed := append(append([]byte(nil), body...), ' ')
		if err := verifySignature(req, changed, secrets, sdkTime, 0); err == nil {
			t.Fatal("changed body accepted")
		}
	})
}

// plainHeader reports whether name is letters, digits and dashes and value
// has no control characters: the headers the fuzz test sets.
func plainHeader(name, value string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; !unreserved(c) || c == '.' || c == '_' || c == '~' {
			return false
		}
	}
	for i := 0; i < len(value); i++ {
		if value[i] < ' ' || value[i] == 0x7f {
			return false
		}
	}
	return true
}
