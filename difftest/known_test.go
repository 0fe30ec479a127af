package difftest

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers/legacy"
)

// validateRequest runs openapi3filter on a POST of body to url, the way a
// server using kin-openapi's request validation middleware would.
func validateRequest(t *testing.T, s *service, url, body string) error {
	t.Helper()
	router, err := legacy.NewRouter(s.doc)
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	route, params, err := router.FindRoute(req)
	if err != nil {
		t.Fatal(err)
	}
	return openapi3filter.ValidateRequest(req.Context(), &openapi3filter.RequestValidationInput{
		Request: req, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc},
	})
}

// TestKnownDifferences pins where the generated validators disagree with
// kin-openapi's request validation middleware (openapi3filter), though
// they agree with Schema.VisitJSON: the middleware first writes schema
// defaults into absent or null members, and reads only the first JSON
// value of the body. docs/bench-validate.md lists these; if one of them
// stops holding, update it.
func TestKnownDifferences(t *testing.T) {
	const dbssURL = "https://dbss.cn-north-4.myhuaweicloud.com/v2/0123456789abcdef0123456789abcdef/db-om/charge/period/order"
	const hssURL = "https://hss.cn-north-4.myhuaweicloud.com/v5/p/quotas/orders"
	dbssSvc, hssSvc := mustService(t, "dbss"), mustService(t, "hss")
	example := func(s *service) string {
		for _, ex := range s.examples {
			if ex.target == s.body {
				return string(ex.data)
			}
		}
		t.Fatalf("%s: no request example", s.name)
		return ""
	}
	dbssBody, hssBody := example(dbssSvc), example(hssSvc)
	for _, tc := range []struct {
		name, url, body string
		s               *service
	}{
		{"required member with a default, absent", dbssURL, strings.Replace(dbssBody, `,"deploy_mode":"CLOUD"`, ``, 1), dbssSvc},
		{"optional member with a default, null", hssURL, strings.Replace(hssBody, `"is_auto_pay":false`, `"is_auto_pay":null`, 1), hssSvc},
		{"data after the body", hssURL, hssBody + ` {"period_num": 0}`, hssSvc},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.body == dbssBody || tc.body == hssBody {
				t.Fatal("the edit did not apply")
			}
			if err := tc.s.body.ours([]byte(tc.body)); err == nil {
				t.Errorf("generated: valid, want invalid")
			}
			if err := kinVerdict(tc.s.body, []byte(tc.body)); err == nil {
				t.Errorf("VisitJSON: valid, want invalid")
			}
			if err := validateRequest(t, tc.s, tc.url, tc.body); err != nil {
				t.Errorf("openapi3filter: %v, want valid", err)
			}
		})
	}
}

// TestKnownNumberDifferences pins the place where the generated validators
// disagree with Schema.VisitJSON itself, about numbers Go's field types
// cannot hold: an integer without format int32 beyond the int64 range
// (kin-openapi accepts any integral size without a format). A format float
// number beyond the float32 range used to be another; format float is now
// held as float64, and both accept it.
func TestKnownNumberDifferences(t *testing.T) {
	s := mustService(t, "rich")
	base := `{"id":"ab12","must_note":"n","count":5,"kind":"small","lines":[{"sku":"AB1","qty":2}]`
	if err := s.body.ours([]byte(base + "}")); err != nil {
		t.Fatalf("base body: %v", err)
	}
	agreed := []byte(base + `,"step":1e39}`)
	if err := s.body.ours(agreed); err != nil {
		t.Errorf("step 1e39: generated: %v, want valid", err)
	}
	if err := kinVerdict(s.body, agreed); err != nil {
		t.Errorf("step 1e39: VisitJSON: %v, want valid", err)
	}
	for _, extra := range []string{`"plain_int":1e20`, `"plain_int":-9223372036854775809`} {
		body := []byte(base + "," + extra + "}")
		if err := s.body.ours(body); err == nil {
			t.Errorf("%s: generated: valid, want invalid", extra)
		}
		if err := kinVerdict(s.body, body); err != nil {
			t.Errorf("%s: VisitJSON: %v, want valid", extra, err)
		}
	}
}

// TestKnownCollectionDifferences pins a difference about arrays:
// uniqueItems compares the decoded Go values (with openapi3filter's
// UseNumber decoding kin-openapi compares 1 and 1.0 by spelling).
func TestKnownCollectionDifferences(t *testing.T) {
	s := mustService(t, "rich")
	for _, tc := range []struct {
		target, body string
	}{
		{"Closed", `{"tags":[1,1.0]}`},
	} {
		tg := s.targets[tc.target]
		if err := tg.ours([]byte(tc.body)); err == nil {
			t.Errorf("%s: generated: valid, want invalid", tc.body)
		}
		if err := kinVerdict(tg, []byte(tc.body)); err != nil {
			t.Errorf("%s: VisitJSON: %v, want valid", tc.body, err)
		}
	}
}
