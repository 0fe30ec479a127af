package e2e

import (
	"bytes"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/signer"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/request"

	"github.com/hwcorder/ordergen/rt"
)

// signCase is one request signed by both signers. Query values are what
// the SDK's request builder takes (reflect.Values of strings, numbers,
// slices); headers are set as the SDK client's header params are.
type signCase struct {
	name    string
	method  string
	path    string // with path parameters substituted, unescaped, as the SDK holds it
	query   map[string]any
	headers map[string]string
	body    any // nil, a string (sent verbatim) or a value the SDK encodes as JSON
}

var signCases = []signCase{
	{name: "get no query", method: "GET", path: "/v1/p1/period/order"},
	{name: "get trailing slash", method: "GET", path: "/v1/p1/quotas/orders/",
		query: map[string]any{"limit": 10, "offset": 0}},
	{name: "post dsc order", method: "POST", path: "/v1/0c5d8fa3a480f3b82f15c01d2cf1f5d2/period/order",
		headers: map[string]string{"Content-Type": "application/json", "X-Project-Id": "0c5d8fa3a480f3b82f15c01d2cf1f5d2",
			"User-Agent": "huaweicloud-usdk-go/3.0"},
		body: `{"region_id":"cn-north-4","project_id":"0c5d8fa3a480f3b82f15c01d2cf1f5d2","product_infos":[{"cloud_service_type":"hws.service.type.sdg","resource_type":"hws.resource.type.sdg.base","resource_spec_code":"base_professional","resource_size":1,"resource_size_measure_id":30,"usage_factor":"duration","usage_value":1,"usage_measure_id":4,"subscription_num":1,"product_id":"OFFI740586375358963717"}],"period_type":2,"period_num":1,"is_auto_renew":0,"is_auto_pay":1}`},
	{name: "post json-encoded body", method: "POST", path: "/v2/p1/db-om/charge/period/order",
		headers: map[string]string{"Content-Type": "application/json;charset=UTF-8", "X-Language": "en-us"},
		body:    map[string]any{"charging_mode": 0, "name": "db<&>one", "tags": []string{"a", "b"}}},
	{name: "put escaped path", method: "PUT", path: "/v5/p1/items/a b(1)~x*y!/中文",
		headers: map[string]string{"Content-Type": "application/json"}, body: `{}`},
	{name: "delete empty body", method: "DELETE", path: "/v5/p1/quotas/orders/CS2611231015ABCDE",
		headers: map[string]string{"X-Security-Token": "  token-with-spaces  "}},
	{name: "patch repeated and empty query", method: "PATCH", path: "/v1/p1/x/",
		query: map[string]any{"tag": []string{"b", "a", "a", ""}, "empty": "", "z": "last",
			"path": "/tmp/1 2+3&=?", "unicode": "一 (&=?!#%.*)", "enable": true, "ratio": 1.5},
		headers: map[string]string{"Content-Type": "application/json", "X-Client-Token": "c1", "X_Underscore": "unsigned",
			"x-lower-case": "v"},
		body: `{"a":1}`},
	{name: "non-json unsigned payload", method: "POST", path: "/v1/p1/upload",
		headers: map[string]string{"Content-Type": "application/octet-stream"}, body: "raw bytes"},
	{name: "head", method: "HEAD", path: "/", query: map[string]any{"a": "1"}},
}

// sdkDate is the fixed X-Sdk-Date of the comparison; the SDK takes the time
// from this header when it is set.
const sdkDate = "20261123T101500Z"

// sdkSign builds c with the SDK's request builder, signs it with the SDK's
// signer and returns the *http.Request the SDK would send (without the
// Authorization header), the body bytes and the SDK's Authorization value.
func sdkSign(t *testing.T, c signCase, ak, sk string) (*http.Request, []byte, string) {
	t.Helper()
	b := request.NewHttpRequestBuilder().WithEndpoint("https://dsc.cn-north-4.myhuaweicloud.com").
		WithMethod(c.method).WithPath(c.path)
	for k, v := range c.query {
		b.AddQueryParam(k, reflect.ValueOf(v))
	}
	for k, v := range c.headers {
		b.AddHeaderParam(k, v)
	}
	b.AddHeaderParam("X-Sdk-Date", sdkDate)
	if c.body != nil {
		b.WithBody("", c.body)
	}
	req := b.Build()
	added, err := signer.Sign(req, ak, sk)
	if err != nil {
		t.Fatalf("SDK signer: %v", err)
	}
	wire, err := req.ConvertRequest()
	if err != nil {
		t.Fatalf("SDK ConvertRequest: %v", err)
	}
	body, err := io.ReadAll(wire.Body)
	if err != nil {
		t.Fatal(err)
	}
	wire.Body = io.NopCloser(bytes.NewReader(body))
	return wire, body, added["Authorization"]
}

// TestSignMatchesSDK signs each request with the official SDK's signer and
// with ours and wants the same Authorization header, byte for byte.
func TestSignMatchesSDK(t *testing.T) {
	keys := [][2]string{{"AccessKey", "SecretKey"}, {"HPUAXXXXXXXXXXXXXXXX", strings.Repeat("k", 40)}, {"ak", strings.Repeat("long", 30)}}
	now, err := time.Parse("20060102T150405Z", sdkDate)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range signCases {
		for _, k := range keys {
			t.Run(c.name+"/"+k[0], func(t *testing.T) {
				wire, body, want := sdkSign(t, c, k[0], k[1])
				if want == "" {
					t.Fatal("SDK produced no Authorization")
				}
				ours := wire.Clone(wire.Context())
				ours.Header.Del("X-Sdk-Date")
				if err := rt.SignForTest(ours, body, k[0], k[1], now); err != nil {
					t.Fatal(err)
				}
				if got := ours.Header.Get("Authorization"); got != want {
					t.Errorf("%s %s?%s\n ours %s\n  sdk %s", wire.Method, wire.URL.EscapedPath(), wire.URL.RawQuery, got, want)
				}
				if got := ours.Header.Get("X-Sdk-Date"); got != sdkDate {
					t.Errorf("X-Sdk-Date = %q, want %q", got, sdkDate)
				}
			})
		}
	}
}

// TestVerifyAcceptsSDK checks that our verifier accepts what the SDK signs,
// as a server sees it, and rejects it under a different secret key.
func TestVerifyAcceptsSDK(t *testing.T) {
	now, _ := time.Parse("20060102T150405Z", sdkDate)
	secret := func(ak string) (string, bool) { return "SecretKey", ak == "AccessKey" }
	other := func(ak string) (string, bool) { return "OtherKey", ak == "AccessKey" }
	for _, c := range signCases {
		t.Run(c.name, func(t *testing.T) {
			wire, body, auth := sdkSign(t, c, "AccessKey", "SecretKey")
			wire.Header.Set("Authorization", auth)
			// What a server sees: Host moves out of the header map.
			wire.Host = wire.URL.Host
			if err := rt.VerifyForTest(wire, body, secret, now.Add(10*time.Minute), 0); err != nil {
				t.Errorf("verify SDK-signed request: %v", err)
			}
			if err := rt.VerifyForTest(wire, body, other, now, 0); err == nil {
				t.Error("verify with the wrong secret key succeeded")
			}
		})
	}
}
