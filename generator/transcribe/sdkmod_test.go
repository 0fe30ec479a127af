package transcribe

import (
	"slices"
	"strings"
	"testing"
)

// TestReadSDK reads the made-up service under testdata/sdk: the route
// picks the operation (the deprecated one on the same route is passed
// over), value members are required and pointers optional, enum types
// give their values, models are found in files of other names, and
// request fields carry their location.
func TestReadSDK(t *testing.T) {
	op, err := ReadSDK("testdata/sdk/services/box/v1", "POST", "/v1/{pid}/box/order/")
	if err != nil {
		t.Fatal(err)
	}
	if op.Operation != "CreateBoxOrder" || op.Body != "BoxOrderBody" || op.Method != "POST" {
		t.Fatalf("operation %s body %s method %s", op.Operation, op.Body, op.Method)
	}
	if p := op.Params["enterprise_project_id"]; p.In != "query" || p.Required {
		t.Fatalf("query parameter: %+v", p)
	}
	body := op.Model("BoxOrderBody")
	want := map[string]string{
		"period_type": "true string [month year]",
		"period_num":  "true integer/int32 []",
		"name":        "true string []",
		"count":       "false integer/int64 []",
		"zones":       "false array of string []",
		"spec":        "false BoxSpec []",
		"level":       "false integer/int32 [1 2]",
		"labels":      "false map of string []",
		"extra":       "false any []",
		"start_time":  "false string/date-time []",
	}
	for name, w := range want {
		f, ok := body.Field(name)
		if !ok {
			t.Errorf("no member %s", name)
			continue
		}
		got := strings.Join([]string{boolText(f.Required), f.Type.String(), "[" + strings.Join(f.Type.Enum, " ") + "]"}, " ")
		if got != w {
			t.Errorf("%s: got %q, want %q", name, got, w)
		}
	}
	spec := op.Model("BoxSpec")
	if spec == nil || len(spec.Fields) != 2 || !spec.Fields[0].Required || spec.Fields[1].Required {
		t.Fatalf("BoxSpec: %+v", spec)
	}
	if got := sortedKeys(op.Models); !slices.Equal(got, []string{"BoxOrderBody", "BoxSpec"}) {
		t.Fatalf("models: %v", got)
	}
	if _, err := ReadSDK("testdata/sdk/services/box/v1", "POST", "/v1/{project_id}/other"); err == nil || !strings.Contains(err.Error(), "no operation for POST") {
		t.Fatalf("unknown route: %v", err)
	}
	if _, err := ReadSDK("testdata", "POST", "/x"); err == nil || !strings.Contains(err.Error(), "no *_meta.go") {
		t.Fatalf("not an SDK directory: %v", err)
	}
}

func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func TestSnake(t *testing.T) {
	for in, want := range map[string]string{
		"CreateDbOmInstancePeriodRequestBody": "create_db_om_instance_period_request_body",
		"PeriodOrderRequest":                  "period_order_request",
		"ChargeOrderDbssNew":                  "charge_order_dbss_new",
		"EIPInfo":                             "eip_info",
		"Ipv6Bandwidth":                       "ipv6_bandwidth",
	} {
		if got := snake(in); got != want {
			t.Errorf("snake(%s) = %s, want %s", in, got, want)
		}
	}
}
