package loader

import (
	"os"
	"reflect"
	"testing"

	"github.com/hwcorder/ordergen/generator/model"
)

func load(t *testing.T, file, name string) *model.API {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	api, err := Load(name, data)
	if err != nil {
		t.Fatalf("Load:\n%v", err)
	}
	return api
}

func schemaNames(api *model.API) []string {
	var out []string
	for _, s := range api.Schemas {
		out = append(out, s.GoName)
	}
	return out
}

func propNames(s *model.Schema, required bool) []string {
	var out []string
	for _, p := range s.Properties {
		if !required || p.Required {
			out = append(out, p.Name)
		}
	}
	return out
}

func enumNames(s *model.Schema) []string {
	var out []string
	for _, e := range s.Enum {
		out = append(out, e.GoName)
	}
	return out
}

func eq(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %#v, want %#v", what, got, want)
	}
}

func TestNaming(t *testing.T) {
	api := load(t, "testdata/naming.yaml", "testdata/naming.yaml")
	eq(t, "schemas", schemaNames(api), []string{
		"CreateOrderRequestBody", "CreateOrderRequestBodyAddress", "CreateOrderResponse",
		"CreateOrderResponse400", "CreateOrderResponseAddress", "CreateOrderResponseDefault",
		"Item", "Level", "LinesItem", "Mode", "Ratio",
	})
	eq(t, "service", []string{api.Service, api.ErrorCodePrefix}, []string{"shop", "SHOP."})
	op := api.Operations[0]
	eq(t, "op names", []string{op.GoName, op.ParamsGoName}, []string{"CreateOrder", "CreateOrderParams"})
	eq(t, "retry safe", op.RetrySafe, true)
	eq(t, "op notes", op.Notes, []string{"Operation note."})
	var params []string
	for _, p := range op.Params {
		params = append(params, p.In+" "+p.GoName)
	}
	eq(t, "params", params, []string{"path OrderID", "query Limit", "query Mode", "header AcceptLanguage", "header XAuthToken"})
	eq(t, "secret", []bool{op.Params[3].Secret, op.Params[4].Secret}, []bool{false, true})
	eq(t, "param notes", op.Params[2].Notes, []string{"Param note."})
	eq(t, "mode consts", enumNames(op.Params[2].Schema), []string{"ModeFast", "ModeSlow"})
	eq(t, "security", op.Security, []string{"token"})

	body := op.Body.Schema
	eq(t, "body props", propNames(body, false), []string{"lines", "item", "address", "level", "ratio", "tags"})
	eq(t, "body required", propNames(body, true), []string{"lines", "item"})
	eq(t, "level consts", enumNames(body.Properties[3].Schema), []string{"LevelMinus1", "Level0", "Level2"})
	eq(t, "level values", body.Properties[3].Schema.Enum[0].Value, int64(-1))
	eq(t, "ratio consts", enumNames(body.Properties[4].Schema), []string{"Ratio0Point5", "Ratio1"})
	eq(t, "map value kind", body.Properties[5].Schema.AdditionalProperties.Kind, model.KindString)
	eq(t, "example", op.Body.Examples, []model.Example{{Name: "small", Summary: "A small order.", Value: map[string]any{
		"lines": []any{map[string]any{"qty": 1.0}}, "item": map[string]any{"sku": "A1"},
	}}})

	var statuses []int
	for _, r := range op.Responses {
		statuses = append(statuses, r.Status)
	}
	eq(t, "statuses", statuses, []int{201, 204, 400, 0})
	eq(t, "success", op.Success().Schema.GoName, "CreateOrderResponse")
	eq(t, "no content", op.Responses[1].Schema == nil && op.Responses[1].ContentType == "", true)
}

func TestDSC(t *testing.T) {
	if _, err := os.Stat("../../specs/dsc.yaml"); err != nil {
		t.Skip("specs/dsc.yaml not there yet")
	}
	api := load(t, "../../specs/dsc.yaml", "specs/dsc.yaml")
	eq(t, "service", api.Service, "dsc")
	op := api.Operations[0]
	eq(t, "op", []string{op.GoName, op.Method, op.Path}, []string{"CreateProductOrder", "POST", "/v1/{project_id}/period/order"})
	eq(t, "security", op.Security, []string{"token", "aksk"})
	body := op.Body.Schema
	eq(t, "body", body.GoName, "PeriodOrderRequest")
	eq(t, "required", propNames(body, true), []string{
		"charging_mode", "cloud_service_type", "period_num", "period_type", "product_infos", "region_id", "zone",
	})
	var charging, infos *model.Property
	for _, p := range body.Properties {
		switch p.Name {
		case "charging_mode":
			charging = p
		case "product_infos":
			infos = p
		}
	}
	eq(t, "charging consts", enumNames(charging.Schema), []string{"ChargingModeYearlyMonthly", "ChargingModePayPerUse", "ChargingModeOneOff"})
	eq(t, "charging format", charging.Schema.Format, "int32")
	var bean *model.Schema
	for _, s := range api.Schemas {
		if s.Name == "ProductInfoBean" {
			bean = s
		}
	}
	if bean == nil || infos.Schema.Items != bean {
		t.Errorf("product_infos items are not the shared ProductInfoBean schema")
	}
	for _, pos := range []model.Pos{op.Pos, op.Params[0].Pos, body.Pos, charging.Pos, op.Body.Pos, op.Responses[0].Pos} {
		if pos.File != "specs/dsc.yaml" || pos.Line == 0 || pos.Col == 0 {
			t.Errorf("position %v is incomplete", pos)
		}
	}
	if len(op.Body.Examples) != 1 {
		t.Fatalf("body examples: %d, want 1", len(op.Body.Examples))
	}
	ex := op.Body.Examples[0].Value.(map[string]any)
	eq(t, "example period_num", ex["period_num"], 1.0)
}

// TestShortNameTaken: an inline object property whose short name a
// component already has takes its parent's name as a prefix.
func TestShortNameTaken(t *testing.T) {
	spec := `openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Address:
      type: object
    Order:
      type: object
      properties:
        address:
          type: object
          properties:
            city: {type: string}
`
	api, err := Load("spec.yaml", []byte(spec))
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "schemas", schemaNames(api), []string{"Address", "Order", "OrderAddress"})
}

func TestValueSuffix(t *testing.T) {
	for _, c := range []struct {
		v    any
		want string
	}{
		{int64(2), "2"}, {int64(-1), "Minus1"}, {1.5, "1Point5"}, {"pay_per_use", "PayPerUse"},
		{"2nd", "2nd"}, {"", "Empty"}, {"+", "Value3"}, {true, "True"}, {nil, "Null"},
		{"hss.version.basic", "HssVersionBasic"},
	} {
		if got := valueSuffix(c.v, 3); got != c.want {
			t.Errorf("valueSuffix(%#v) = %q, want %q", c.v, got, c.want)
		}
	}
}

// TestIgnoredHeaders checks that header parameters named Accept,
// Content-Type or Authorization are dropped with a note, as OpenAPI 3.0.3
// requires; HSS documents a Content-Type header.
func TestIgnoredHeaders(t *testing.T) {
	api := load(t, "../../specs/hss.yaml", "specs/hss.yaml")
	op := api.Operations[0]
	var names []string
	for _, p := range op.Params {
		names = append(names, p.In+" "+p.Name)
	}
	eq(t, "params", names, []string{"path project_id", "query enterprise_project_id", "header region"})
	found := false
	for _, n := range op.Notes {
		if n == `header parameter "Content-Type" at #/paths/~1v5~1{project_id}~1quotas~1orders/post/parameters/2 is ignored, as OpenAPI 3.0.3 requires` {
			found = true
		}
	}
	if !found {
		t.Errorf("no note on the ignored header; notes: %q", op.Notes)
	}
}
