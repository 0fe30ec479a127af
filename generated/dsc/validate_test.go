package dsc_test

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/hwcorder/ordergen/generated/dsc"
)

// validBody is the spec's request example.
const validBody = `{
	"charging_mode": 0, "cloud_service_type": "hws.service.type.sdg", "is_auto_renew": 0,
	"period_num": 1, "period_type": 2, "region_id": "xxxxxxxxxxxx", "zone": "CH",
	"product_infos": [{
		"cloud_service_type": "hws.service.type.sdg", "product_id": "xxxxxxxxxxxx",
		"resource_size": 30, "resource_size_measure_id": 30,
		"resource_spec_code": "base_professional", "resource_type": "hws.resource.type.dsc.base"
	}]
}`

// violations decodes body and returns what is wrong with it as "in pointer
// rule", as the mock reports a body: first the violations Unmarshal finds
// (members missing, null, of the wrong type or not allowed), then those
// Validate finds in the decoded values, less those at or below a pointer
// Unmarshal reported (they describe the zero value left in its place).
func violations(t *testing.T, body string) []string {
	t.Helper()
	var b dsc.PeriodOrderRequest
	derr := json.Unmarshal([]byte(body), &b)
	var dec *dsc.ValidationError
	if derr != nil && !errors.As(derr, &dec) {
		t.Fatalf("decode %s: %v", body, derr)
	}
	out := list(t, derr)
	var val *dsc.ValidationError
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
func covered(p string, vs []dsc.Violation) bool {
	for _, v := range vs {
		if p == v.Pointer || strings.HasPrefix(p, v.Pointer+"/") {
			return true
		}
	}
	return false
}

// show renders v as "in pointer rule"; every violation has a message.
func show(t *testing.T, v dsc.Violation) string {
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
	var ve *dsc.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error %v is no *ValidationError", err)
	}
	var out []string
	for _, v := range ve.Violations {
		out = append(out, show(t, v))
	}
	return out
}

// edit returns validBody with old replaced by new, which must occur once.
func edit(t *testing.T, old, new string) string {
	t.Helper()
	if strings.Count(validBody, old) != 1 {
		t.Fatalf("%q does not occur exactly once in the body", old)
	}
	return strings.Replace(validBody, old, new, 1)
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
		{"charging_mode 0 is valid", edit(t, `"charging_mode": 0`, `"charging_mode": 0`), nil},
		{"charging_mode 2", edit(t, `"charging_mode": 0`, `"charging_mode": 2`), nil},
		{"without charging_mode", edit(t, `"charging_mode": 0, `, ``), []string{"body /charging_mode required"}},
		{"charging_mode null", edit(t, `"charging_mode": 0`, `"charging_mode": null`), []string{"body /charging_mode null"}},
		{"charging_mode 7", edit(t, `"charging_mode": 0`, `"charging_mode": 7`), []string{"body /charging_mode enum"}},
		{"charging_mode only in another case", edit(t, `"charging_mode": 0`, `"Charging_Mode": 0`), []string{"body /charging_mode required"}},
		{"charging_mode 7 in another case is ignored", edit(t, `"charging_mode": 0`, `"charging_mode": 0, "CHARGING_MODE": 7`), nil},
		{"charging_mode 1.0", edit(t, `"charging_mode": 0`, `"charging_mode": 1.0`), nil},
		{"period_type 4", edit(t, `"period_type": 2`, `"period_type": 4`), []string{"body /period_type enum"}},
		{"period_type 3", edit(t, `"period_type": 2`, `"period_type": 3`), nil},
		{"product without product_id", edit(t, `"product_id": "xxxxxxxxxxxx",`, ``), []string{"body /product_infos/0/product_id required"}},
		{"second product broken", edit(t, `}]`, `}, {"resource_size": null, "all_resource_names": ["a", null]}]`), []string{
			"body /product_infos/1/resource_size null",
			"body /product_infos/1/all_resource_names/1 null",
			"body /product_infos/1/cloud_service_type required",
			"body /product_infos/1/product_id required",
			"body /product_infos/1/resource_size_measure_id required",
			"body /product_infos/1/resource_spec_code required",
			"body /product_infos/1/resource_type required",
		}},
		{"null product", edit(t, `}]`, `}, null]`), []string{"body /product_infos/1 null"}},
		{"no products", edit(t, `"product_infos": [{`, `"product_infos": [], "x": [{`), nil},
		{"product_infos null", edit(t, `"product_infos": [{`, `"product_infos": null, "x": [{`), []string{"body /product_infos null"}},
		{"several", edit(t, `"period_num": 1, "period_type": 2, "region_id": "xxxxxxxxxxxx", "zone": "CH",`, `"period_type": 9, "zone": null,`), []string{
			"body /zone null", "body /period_num required",
			"body /region_id required", "body /period_type enum",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := violations(t, tc.body); !slices.Equal(got, tc.want) {
				t.Errorf("violations of %s:\ngot  %q\nwant %q", tc.body, got, tc.want)
			}
		})
	}
}

func TestZeroValueTellsPresence(t *testing.T) {
	// A value built in Go carries no decoding state: Validate checks its
	// values only, so the zero charging_mode (yearly/monthly) is valid.
	b := dsc.PeriodOrderRequest{
		ChargingMode: dsc.ChargingModeYearlyMonthly, CloudServiceType: "c", PeriodNum: 1,
		PeriodType: dsc.PeriodTypeMonth, RegionID: "r", Zone: "z", ProductInfos: []dsc.ProductInfoBean{},
	}
	if err := b.Validate(); err != nil {
		t.Errorf("Validate() = %v, want nil", err)
	}
	b.ChargingMode = 7
	if got, want := list(t, b.Validate()), []string{"body /charging_mode enum"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestParamsViolations(t *testing.T) {
	if got := list(t, (&dsc.CreateProductOrderParams{}).Validate()); !slices.Equal(got, []string{"path project_id required"}) {
		t.Errorf("empty params: got %q", got)
	}
	if err := (&dsc.CreateProductOrderParams{ProjectID: "p"}).Validate(); err != nil {
		t.Errorf("valid params: %v", err)
	}
}

func TestValidateAllocatesNothing(t *testing.T) {
	var b dsc.PeriodOrderRequest
	if err := json.Unmarshal([]byte(validBody), &b); err != nil {
		t.Fatal(err)
	}
	p := dsc.CreateProductOrderParams{ProjectID: "p"}
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
// *ValidationError; the decoded value keeps no trace of it, so Validate,
// which judges the Go values only, accepts the zero charging_mode left in
// its place. A body that is not JSON is a *DecodeError.
func TestUnmarshalReportsPresence(t *testing.T) {
	var b dsc.PeriodOrderRequest
	err := json.Unmarshal([]byte(edit(t, `"charging_mode": 0, `, ``)), &b)
	if got, want := list(t, err), []string{"body /charging_mode required"}; !slices.Equal(got, want) {
		t.Errorf("Unmarshal: got %q, want %q", got, want)
	}
	if err := b.Validate(); err != nil {
		t.Errorf("Validate after decoding = %v, want nil (the zero charging_mode is valid)", err)
	}
	err = json.Unmarshal([]byte(edit(t, `"zone": "CH"`, `"zone": null`)), &b)
	if got, want := list(t, err), []string{"body /zone null"}; !slices.Equal(got, want) {
		t.Errorf("Unmarshal: got %q, want %q", got, want)
	}
	var de *dsc.DecodeError
	if err := b.UnmarshalJSON([]byte(`{"charging_mode": 0,,}`)); !errors.As(err, &de) || !de.Syntax {
		t.Errorf("UnmarshalJSON of malformed JSON = %v, want a syntax *DecodeError", err)
	}
}
