package e2e

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	apigmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/apig/v2/model"
	cbrmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/cbr/v1/model"
	eipmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/eip/v2/model"
	mamodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/modelarts/v1/model"
	natmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/nat/v2/model"
	wsmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/workspace/v2/model"
	"go.yaml.in/yaml/v3"

	"github.com/hwcorder/ordergen/specs"
)

// node is a decoded YAML mapping of a spec.
type node = map[string]any

// specDoc is a spec as YAML, with $ref resolution (the e2e module cannot
// import the generator's loader, whose dependencies are not in its go.sum).
type specDoc struct{ root node }

// resolve follows a local $ref ("#/components/<kind>/<name>").
func (d specDoc) resolve(n node) node {
	for {
		ref, ok := n["$ref"].(string)
		if !ok {
			return n
		}
		cur := d.root
		for _, seg := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
			cur, _ = cur[seg].(node)
		}
		n = cur
	}
}

// operation returns the POST operation with operationId id.
func (d specDoc) operation(id string) node {
	paths, _ := d.root["paths"].(node)
	for _, item := range paths {
		if op, _ := item.(node)["post"].(node); op != nil && op["operationId"] == id {
			return op
		}
	}
	return nil
}

// mediaSchema returns the application/json schema of a request body or
// response.
func (d specDoc) mediaSchema(n node) node {
	content, _ := d.resolve(n)["content"].(node)
	media, _ := content["application/json"].(node)
	s, _ := media["schema"].(node)
	return s
}

// TestFamilyBSpecsMatchSDKModels walks each operation's spec (parameters,
// request body, success response) beside the official SDK's request and
// response models, by reflection, and wants the same members on both
// sides, required exactly where the SDK has no omitempty, of the same JSON
// type and width (int32, int64, float, double), enums where the SDK has an
// enum type: every field of the six specs, nested objects included.
func TestFamilyBSpecsMatchSDKModels(t *testing.T) {
	cases := []struct {
		service, op string
		req, resp   any
	}{
		{"apig", "CreateOrder", apigmodel.CreateOrderRequest{}, apigmodel.CreateOrderResponse{}},
		{"apig", "CreatePrepayResize", apigmodel.CreatePrepayResizeRequest{}, apigmodel.CreatePrepayResizeResponse{}},
		{"apig", "CreatePostPayResizeOrder", apigmodel.CreatePostPayResizeOrderRequest{}, apigmodel.CreatePostPayResizeOrderResponse{}},
		{"cbr", "CreatePostPaidVault", cbrmodel.CreatePostPaidVaultRequest{}, cbrmodel.CreatePostPaidVaultResponse{}},
		{"cbr", "ChangeOrder", cbrmodel.ChangeOrderRequest{}, cbrmodel.ChangeOrderResponse{}},
		{"eip", "CreatePrePaidPublicip", eipmodel.CreatePrePaidPublicipRequest{}, eipmodel.CreatePrePaidPublicipResponse{}},
		{"eip", "ChangePublicipToPeriod", eipmodel.ChangePublicipToPeriodRequest{}, eipmodel.ChangePublicipToPeriodResponse{}},
		{"modelarts", "CreateOrderId", mamodel.CreateOrderIdRequest{}, mamodel.CreateOrderIdResponse{}},
		{"nat", "UpdateNatGatewayToPeriod", natmodel.UpdateNatGatewayToPeriodRequest{}, natmodel.UpdateNatGatewayToPeriodResponse{}},
		{"workspace", "CreateOrder", wsmodel.CreateOrderRequest{}, wsmodel.CreateOrderResponse{}},
	}
	fields := 0
	for _, c := range cases {
		t.Run(c.service+"/"+c.op, func(t *testing.T) {
			data, name, ok := specs.Spec(c.service)
			if !ok {
				t.Fatalf("no spec %s", c.service)
			}
			var d specDoc
			if err := yaml.Unmarshal(data, &d.root); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			op := d.operation(c.op)
			if op == nil {
				t.Fatalf("%s has no operation %s", name, c.op)
			}
			w := &modelWalk{t: t, d: d}
			w.params(op, reflect.TypeOf(c.req))
			body, _ := reflect.TypeOf(c.req).FieldByName("Body")
			rb, _ := op["requestBody"].(node)
			w.schema("body", d.mediaSchema(rb), body.Type)
			responses, _ := op["responses"].(node)
			var success node
			for _, code := range []string{"200", "201", "202"} {
				if r, ok := responses[code].(node); ok {
					success = r
					break
				}
			}
			w.schema("response", d.mediaSchema(success), reflect.TypeOf(c.resp))
			fields += w.n
		})
	}
	t.Logf("%d members compared", fields)
}

// modelWalk compares schemas with SDK types and counts the members.
type modelWalk struct {
	t *testing.T
	d specDoc
	n int
}

// jsonTag returns the JSON name of f and whether it has omitempty.
func jsonTag(f reflect.StructField) (string, bool) {
	name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
	return name, strings.Contains(opts, "omitempty")
}

// params compares the operation's parameters with the SDK request's
// non-body fields; project_id comes from the SDK's credentials.
func (w *modelWalk) params(op node, req reflect.Type) {
	specParams := map[string]node{}
	list, _ := op["parameters"].([]any)
	for _, p := range list {
		p := w.d.resolve(p.(node))
		specParams[p["name"].(string)] = p
	}
	seen := map[string]bool{"project_id": true}
	for i := range req.NumField() {
		f := req.Field(i)
		name, omit := jsonTag(f)
		if f.Name == "Body" {
			continue
		}
		seen[name] = true
		p, ok := specParams[name]
		if !ok {
			w.t.Errorf("parameter %s: in the SDK (%s), not in the spec", name, f.Name)
			continue
		}
		w.n++
		if required, _ := p["required"].(bool); required == omit {
			w.t.Errorf("parameter %s: spec required=%v, SDK omitempty=%v", name, required, omit)
		}
		schema, _ := p["schema"].(node)
		w.schema("parameter "+name, schema, f.Type)
	}
	for name := range specParams {
		if !seen[name] {
			w.t.Errorf("parameter %s: in the spec, not in the SDK", name)
		}
	}
}

// sdkEnum reports whether t is one of the SDK's enum types (a struct
// holding one unexported value) and returns the value's type.
func sdkEnum(t reflect.Type) (reflect.Type, bool) {
	if t.Kind() != reflect.Struct || t.NumField() != 1 || t.Field(0).Name != "value" {
		return nil, false
	}
	return t.Field(0).Type, true
}

// schema compares s with the SDK type typ at where.
func (w *modelWalk) schema(where string, s node, typ reflect.Type) {
	for typ.Kind() == reflect.Pointer {
		typ = typ.Elem()
	}
	if s == nil {
		w.t.Errorf("%s: no schema for SDK %s", where, typ)
		return
	}
	s = w.d.resolve(s)
	if v, ok := sdkEnum(typ); ok {
		if _, has := s["enum"]; !has {
			w.t.Errorf("%s: SDK enum type %s, spec has no enum", where, typ.Name())
		}
		w.scalar(where, s, v)
		return
	}
	switch typ.Kind() {
	case reflect.Slice:
		if s["type"] != "array" {
			w.t.Errorf("%s: SDK %s, spec type %v", where, typ, s["type"])
			return
		}
		items, _ := s["items"].(node)
		w.schema(where+"[]", items, typ.Elem())
	case reflect.Struct:
		if strings.HasSuffix(typ.PkgPath(), "sdktime") {
			w.scalar(where, s, reflect.TypeFor[string]())
			return
		}
		w.object(where, s, typ)
	default:
		w.scalar(where, s, typ)
	}
}

func (w *modelWalk) object(where string, s node, typ reflect.Type) {
	props, _ := s["properties"].(node)
	if s["type"] != "object" {
		w.t.Errorf("%s: SDK struct %s, spec type %v", where, typ, s["type"])
		return
	}
	var required []string
	list, _ := s["required"].([]any)
	for _, r := range list {
		required = append(required, r.(string))
	}
	seen := map[string]bool{}
	for i := range typ.NumField() {
		f := typ.Field(i)
		name, omit := jsonTag(f)
		if name == "-" || !f.IsExported() {
			continue
		}
		seen[name] = true
		p, ok := props[name].(node)
		if !ok {
			w.t.Errorf("%s.%s: in the SDK (%s.%s), not in the spec", where, name, typ.Name(), f.Name)
			continue
		}
		w.n++
		if req := slices.Contains(required, name); req == omit {
			w.t.Errorf("%s.%s: spec required=%v, SDK omitempty=%v", where, name, req, omit)
		}
		w.schema(where+"."+name, p, f.Type)
	}
	for name := range props {
		if !seen[name] {
			w.t.Errorf("%s.%s: in the spec, not in the SDK %s", where, name, typ.Name())
		}
	}
}

func (w *modelWalk) scalar(where string, s node, typ reflect.Type) {
	want := map[reflect.Kind][2]string{
		reflect.String:  {"string", ""},
		reflect.Bool:    {"boolean", ""},
		reflect.Int32:   {"integer", "int32"},
		reflect.Int64:   {"integer", "int64"},
		reflect.Float32: {"number", "float"},
		reflect.Float64: {"number", "double"},
	}[typ.Kind()]
	format, _ := s["format"].(string)
	if want[0] != s["type"] || want[1] != "" && want[1] != format {
		w.t.Errorf("%s: SDK %s, spec type %v format %q", where, typ, s["type"], format)
	}
}
