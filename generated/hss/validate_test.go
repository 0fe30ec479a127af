package hss_test

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/hwcorder/ordergen/generated/hss"
)

// validBody is the spec's request example.
const validBody = `{"resource_spec_code":"hss.version.enterprise","subscription_num":1,"period_num":1,"period_type":2,"is_auto_renew":false,"is_auto_pay":false}`

// violations decodes body and returns what is wrong with it as "in pointer
// rule", as the mock reports a body: first the violations Unmarshal finds
// (members missing, null, of the wrong type or not allowed), then those
// Validate finds in the decoded values, less those at or below a pointer
// Unmarshal reported (they describe the zero value left in its place).
func violations(t *testing.T, body string) []string {
	t.Helper()
	var b hss.CreateQuotasOrderRequestInfo
	derr := json.Unmarshal([]byte(body), &b)
	var dec *hss.ValidationError
	if derr != nil && !errors.As(derr, &dec) {
		t.Fatalf("decode %s: %v", body, derr)
	}
	out := list(t, derr)
	var val *hss.ValidationError
	if err := b.Validate(); err != nil && !errors.As(err, &val) {
		t.Fatalf("Validate: %v is no *ValidationError", err)
	}
	if val == nil {
		return out
	}
	for _, v := range val.Violations {
		if dec != nil && covered(v.Pointer, dec.Violations) {
			continue
		}
		out = append(out, show(t, v))
	}
	return out
}

// covered reports whether pointer p is at or below one of vs's pointers.
func covered(p string, vs []hss.Violation) bool {
	for _, v := range vs {
		if p == v.Pointer || strings.HasPrefix(p, v.Pointer+"/") {
			return true
		}
	}
	return false
}

// show renders v as "in pointer rule"; every violation has a message.
func show(t *testing.T, v hss.Violation) string {
	t.Helper()
	if v.Message == "" {
		t.Errorf("violation %+v has no message", v)
	}
	return v.In + " " + v.Pointer + " " + v.Rule
}

func list(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var ve *hss.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error %v is no *ValidationError", err)
	}
	var out []string
	for _, v := range ve.Violations {
		out = append(out, show(t, v))
	}
	return out
}

// with replaces (or, for a nil value, removes) members of validBody.
func with(t *testing.T, members map[string]any) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(validBody), &m); err != nil {
		t.Fatal(err)
	}
	for k, v := range members {
		if v == nil {
			delete(m, k)
		} else {
			m[k] = v
		}
	}
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// TestBodyViolations lists each body's violations as violations does:
// Unmarshal's in document order (missing members at the end of their
// object), then Validate's.
func TestBodyViolations(t *testing.T) {
	for _, tc := range []struct {
		name string
		body string
		want []string
	}{
		{"example", validBody, nil},
		{"only required", `{"resource_spec_code":"hss.version.basic","period_type":3,"period_num":1000,"subscription_num":500}`, nil},
		{"period_num 0", with(t, map[string]any{"period_num": 0}), []string{"body /period_num minimum"}},
		{"period_num 1001", with(t, map[string]any{"period_num": 1001}), []string{"body /period_num maximum"}},
		{"subscription_num 501", with(t, map[string]any{"subscription_num": 501}), []string{"body /subscription_num maximum"}},
		{"subscription_num 0", with(t, map[string]any{"subscription_num": 0}), []string{"body /subscription_num minimum"}},
		{"unknown edition", with(t, map[string]any{"resource_spec_code": "hss.version.gold"}), []string{"body /resource_spec_code enum"}},
		{"edition in other case", with(t, map[string]any{"resource_spec_code": "HSS.VERSION.BASIC"}), []string{"body /resource_spec_code enum"}},
		{"period_type 4", with(t, map[string]any{"period_type": 4}), []string{"body /period_type enum"}},
		{"empty object", `{}`, []string{
			"body /resource_spec_code required", "body /period_type required",
			"body /period_num required", "body /subscription_num required",
		}},
		{"nulls", with(t, map[string]any{"period_num": json.RawMessage("null"), "is_auto_pay": json.RawMessage("null")}), []string{
			"body /is_auto_pay null", "body /period_num null",
		}},
		{"null body", `null`, []string{"body  null"}},
		{"several", `{"resource_spec_code":"x","period_type":1,"period_num":0,"subscription_num":501}`, []string{
			"body /resource_spec_code enum", "body /period_type enum",
			"body /period_num minimum", "body /subscription_num maximum",
		}},
		{"integral float", with(t, map[string]any{"period_num": json.RawMessage("1000.0"), "subscription_num": json.RawMessage("5e2")}), nil},
		{"case-folded key is not the member", `{"resource_spec_code":"hss.version.basic","period_type":2,"period_num":1,"Subscription_Num":1}`, []string{
			"body /subscription_num required",
		}},
		{"case-folded key does not override", validBody[:len(validBody)-1] + `,"PERIOD_NUM":0}`, nil},
		{"repeated key: last counts", validBody[:len(validBody)-1] + `,"period_num":2000}`, []string{"body /period_num maximum"}},
		{"repeated key: earlier value ignored", `{"period_num":0,"period_num":null,"period_num":5,"resource_spec_code":"hss.version.basic","period_type":2,"subscription_num":1}`, nil},
		{"unknown members allowed", validBody[:len(validBody)-1] + `,"extra":{"a":[1]}}`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := violations(t, tc.body); !slices.Equal(got, tc.want) {
				t.Errorf("violations of %s:\ngot  %q\nwant %q", tc.body, got, tc.want)
			}
		})
	}
}

func TestBodyDecodeErrors(t *testing.T) {
	for _, body := range []string{
		`{"period_num":"1"}`, `{"period_num":1.5}`, `{"period_num":2147483648}`,
		`{"is_auto_renew":0}`, `[]`, `"x"`, `{"period_num":1`,
	} {
		var b hss.CreateQuotasOrderRequestInfo
		if err := json.Unmarshal([]byte(body), &b); err == nil {
			t.Errorf("decoding %s: no error", body)
		}
	}
}

func TestErrorText(t *testing.T) {
	var b hss.CreateQuotasOrderRequestInfo
	if err := json.Unmarshal([]byte(with(t, map[string]any{"period_num": 0, "subscription_num": 501})), &b); err != nil {
		t.Fatal(err)
	}
	want := "invalid request: 2 violations\n\t/period_num: minimum: must be at least 1\n\t/subscription_num: maximum: must be at most 500"
	if got := b.Validate().Error(); got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestParamsViolations(t *testing.T) {
	long := strings.Repeat("中", 257)
	empty := ""
	region := strings.Repeat("r", 128)
	for _, tc := range []struct {
		name string
		p    hss.CreateQuotasOrderParams
		want []string
	}{
		{"valid", hss.CreateQuotasOrderParams{ProjectID: "p", Region: &region}, nil},
		{"no project", hss.CreateQuotasOrderParams{}, []string{"path project_id required"}},
		{"project of 257 characters", hss.CreateQuotasOrderParams{ProjectID: long}, []string{"path project_id maxLength"}},
		{"empty enterprise project", hss.CreateQuotasOrderParams{ProjectID: "p", EnterpriseProjectID: &empty}, []string{"query enterprise_project_id minLength"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := list(t, tc.p.Validate()); !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestValidateAllocatesNothing(t *testing.T) {
	var b hss.CreateQuotasOrderRequestInfo
	if err := json.Unmarshal([]byte(validBody), &b); err != nil {
		t.Fatal(err)
	}
	p := hss.CreateQuotasOrderParams{ProjectID: "p"}
	if n := testing.AllocsPerRun(100, func() {
		if b.Validate() != nil || p.Validate() != nil {
			t.Fatal("valid input rejected")
		}
	}); n != 0 {
		t.Errorf("Validate allocates %v times per run on valid input, want 0", n)
	}
}

// TestUnmarshalReportsPresence: whether members are present is judged
// while decoding. Unmarshal reports a missing required member as a
// *ValidationError; Validate judges the Go value left in its place (the
// zero subscription_num, below the minimum). A body that is not JSON is a
// *DecodeError.
func TestUnmarshalReportsPresence(t *testing.T) {
	var b hss.CreateQuotasOrderRequestInfo
	err := json.Unmarshal([]byte(with(t, map[string]any{"subscription_num": nil})), &b)
	if got, want := list(t, err), []string{"body /subscription_num required"}; !slices.Equal(got, want) {
		t.Errorf("Unmarshal: got %q, want %q", got, want)
	}
	if got, want := list(t, b.Validate()), []string{"body /subscription_num minimum"}; !slices.Equal(got, want) {
		t.Errorf("Validate after decoding: got %q, want %q", got, want)
	}
	var de *hss.DecodeError
	if err := b.UnmarshalJSON([]byte(`{"period_num":1`)); !errors.As(err, &de) || !de.Syntax {
		t.Errorf("UnmarshalJSON of malformed JSON = %v, want a syntax *DecodeError", err)
	}
}
