package difftest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/hwcorder/ordergen/difftest/rich"
	"github.com/hwcorder/ordergen/generated/cbh"
	"github.com/hwcorder/ordergen/generated/ccm"
	"github.com/hwcorder/ordergen/generated/dbss"
	"github.com/hwcorder/ordergen/generated/dcs"
	"github.com/hwcorder/ordergen/generated/dli"
	"github.com/hwcorder/ordergen/generated/dsc"
	"github.com/hwcorder/ordergen/generated/hss"
	"github.com/hwcorder/ordergen/generated/secmaster"
	"github.com/hwcorder/ordergen/generated/waf"
	"github.com/hwcorder/ordergen/specs"
)

// target is one generated type and the component schema it was made from.
type target struct {
	service string
	name    string // component name
	request bool   // validated as (part of) a request body, else a response
	schema  *openapi3.Schema
	ours    func([]byte) error
}

func (tg *target) String() string { return tg.service + "." + tg.name }

// decodeValidate is the generated code's verdict: decode with
// encoding/json, then Validate.
func decodeValidate[T any, P interface {
	*T
	Validate() error
}](data []byte) error {
	var v T
	if err := json.Unmarshal(data, P(&v)); err != nil {
		return err
	}
	return P(&v).Validate()
}

// kinVerdict is kin-openapi's verdict, decoding the way openapi3filter's
// JSON body decoder does (json.Decoder with UseNumber), except that
// trailing data is an error as it is for json.Unmarshal.
func kinVerdict(tg *target, data []byte) error {
	v, err := decodeAny(data)
	if err != nil {
		return err
	}
	opt := openapi3.VisitAsResponse()
	if tg.request {
		opt = openapi3.VisitAsRequest()
	}
	return tg.schema.VisitJSON(v, opt)
}

func decodeAny(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("trailing data after the JSON value")
	}
	return v, nil
}

// service is a loaded spec with its targets and examples.
type service struct {
	name     string
	doc      *openapi3.T
	targets  map[string]*target // by component name
	body     *target            // the request body
	examples []example
}

type example struct {
	where  string
	target *target
	data   []byte
}

// oursByService lists every generated struct type per service; a test
// checks that it covers every object component of the spec.
var oursByService = map[string]map[string]func([]byte) error{
	"dsc": {
		"PeriodOrderRequest":         decodeValidate[dsc.PeriodOrderRequest],
		"ProductInfoBean":            decodeValidate[dsc.ProductInfoBean],
		"CreateProductOrderResponse": decodeValidate[dsc.CreateProductOrderResponse],
		"DscErrorResponse":           decodeValidate[dsc.DscErrorResponse],
	},
	"dbss": {
		"ChargeOrderDbssNew":               decodeValidate[dbss.ChargeOrderDbssNew],
		"ResourceTagInfoBean":              decodeValidate[dbss.ResourceTagInfoBean],
		"Nic":                              decodeValidate[dbss.Nic],
		"OutsideInsConfig":                 decodeValidate[dbss.OutsideInsConfig],
		"ProductInfoBeanNew":               decodeValidate[dbss.ProductInfoBeanNew],
		"PublicIp":                         decodeValidate[dbss.PublicIP],
		"EIP":                              decodeValidate[dbss.EIP],
		"BandWidth":                        decodeValidate[dbss.BandWidth],
		"SecurityGroup":                    decodeValidate[dbss.SecurityGroup],
		"CreateDbOmInstancePeriodResponse": decodeValidate[dbss.CreateDbOmInstancePeriodResponse],
		"DbssErrorResponse":                decodeValidate[dbss.DbssErrorResponse],
		"DbssErrorDetail":                  decodeValidate[dbss.DbssErrorDetail],
	},
	"hss": {
		"CreateQuotasOrderRequestInfo": decodeValidate[hss.CreateQuotasOrderRequestInfo],
		"CreateQuotasOrderResponse":    decodeValidate[hss.CreateQuotasOrderResponse],
	},
	"cbh": {
		"CreateInstanceOrder":         decodeValidate[cbh.CreateInstanceOrder],
		"ProductInfos":                decodeValidate[cbh.ProductInfos],
		"CreateInstanceOrderResponse": decodeValidate[cbh.CreateInstanceOrderResponse],
		"CbhErrorResponse":            decodeValidate[cbh.CbhErrorResponse],
	},
	"ccm": {
		"CreateCertificateAuthorityOrderRequestBody": decodeValidate[ccm.CreateCertificateAuthorityOrderRequestBody],
		"ProductInfo": decodeValidate[ccm.ProductInfo],
		"CreateCertificateAuthorityOrderResponse": decodeValidate[ccm.CreateCertificateAuthorityOrderResponse],
		"CcmErrorResponse":                        decodeValidate[ccm.CcmErrorResponse],
	},
	"dcs": {
		"CreateResizeOrderRequestBody": decodeValidate[dcs.CreateResizeOrderRequestBody],
		"CreateResizeOrderResponse":    decodeValidate[dcs.CreateResizeOrderResponse],
		"DcsErrorResponse":             decodeValidate[dcs.DcsErrorResponse],
	},
	"dli": {
		"CreatePeriodElasticResourcePoolSpecChangeOrderRequestBody": decodeValidate[dli.CreatePeriodElasticResourcePoolSpecChangeOrderRequestBody],
		"CreatePeriodElasticResourcePoolSpecChangeOrderResponse":    decodeValidate[dli.CreatePeriodElasticResourcePoolSpecChangeOrderResponse],
		"DliErrorResponse": decodeValidate[dli.DliErrorResponse],
	},
	"secmaster": {
		"OrderInfoReq":                    decodeValidate[secmaster.OrderInfoReq],
		"SubscriptionTag":                 decodeValidate[secmaster.SubscriptionTag],
		"Product":                         decodeValidate[secmaster.Product],
		"OrderConfig":                     decodeValidate[secmaster.OrderConfig],
		"UsageThreshold":                  decodeValidate[secmaster.UsageThreshold],
		"AlertConfig":                     decodeValidate[secmaster.AlertConfig],
		"CreateSubscriptionOrderResponse": decodeValidate[secmaster.CreateSubscriptionOrderResponse],
	},
	"waf": {
		"CreatePrepaidCloudWafRequestBody":  decodeValidate[waf.CreatePrepaidCloudWafRequestBody],
		"WafProductInfo":                    decodeValidate[waf.WafProductInfo],
		"ExpackProductInfo":                 decodeValidate[waf.ExpackProductInfo],
		"CreatePrepaidCloudWafResponseBody": decodeValidate[waf.CreatePrepaidCloudWafResponseBody],
		"WafErrorResponse":                  decodeValidate[waf.WafErrorResponse],
	},
	"rich": {
		"Order":        decodeValidate[rich.Order],
		"Line":         decodeValidate[rich.Line],
		"Closed":       decodeValidate[rich.Closed],
		"NullableLine": decodeValidate[rich.NullableLine],
	},
}

// serviceNames is the order the tests visit the services in: the specs of
// the project (the three seeds first, so that their mutation seeds stay
// as they were), then rich (rich/rich.yaml), which holds the constructs
// they do not use.
var serviceNames = []string{"dbss", "dsc", "hss", "cbh", "ccm", "dcs", "dli", "secmaster", "waf", "rich"}

// richSpec is the path of the extra spec, relative to this package.
const richSpec = "rich/rich.yaml"

// loadService loads one embedded spec with kin-openapi; the result is
// shared by the tests of the package and never changed after loading.
var loadService = func() func(string) (*service, error) {
	var mu sync.Mutex
	cache := map[string]*service{}
	return func(name string) (*service, error) {
		mu.Lock()
		defer mu.Unlock()
		if s, ok := cache[name]; ok {
			return s, nil
		}
		s, err := load(name)
		if err != nil {
			return nil, err
		}
		cache[name] = s
		return s, nil
	}
}()

func load(name string) (*service, error) {
	data, file, ok := specs.Spec(name)
	if name == "rich" {
		var err error
		if data, err = os.ReadFile(richSpec); err != nil {
			return nil, err
		}
		file, ok = richSpec, true
	}
	if !ok {
		return nil, fmt.Errorf("no embedded spec %q", name)
	}
	doc, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	s := &service{name: name, doc: doc, targets: map[string]*target{}}
	for comp, fn := range oursByService[name] {
		ref := doc.Components.Schemas[comp]
		if ref == nil || ref.Value == nil {
			return nil, fmt.Errorf("%s: no component schema %s", file, comp)
		}
		s.targets[comp] = &target{service: name, name: comp, schema: ref.Value, ours: fn}
	}
	refTarget := func(ref *openapi3.SchemaRef) *target {
		if ref == nil {
			return nil
		}
		return s.targets[strings.TrimPrefix(ref.Ref, "#/components/schemas/")]
	}
	for _, path := range doc.Paths.InMatchingOrder() {
		for method, op := range doc.Paths.Value(path).Operations() {
			where := method + " " + path
			if rb := op.RequestBody; rb != nil && rb.Value != nil {
				mt := rb.Value.Content.Get("application/json")
				body := refTarget(mt.Schema)
				if body == nil {
					return nil, fmt.Errorf("%s: %s: request body is no known component", file, where)
				}
				s.body = body
				markRequest(s, body.schema, map[*openapi3.Schema]bool{})
				s.examples = append(s.examples, mediaExamples(where+" request", body, mt)...)
			}
			for _, code := range sortedKeys(op.Responses.Map()) {
				resp := op.Responses.Value(code)
				if resp.Value == nil {
					continue
				}
				for _, ct := range sortedKeys(resp.Value.Content) {
					mt := resp.Value.Content[ct]
					if tg := refTarget(mt.Schema); tg != nil {
						s.examples = append(s.examples, mediaExamples(where+" "+code, tg, mt)...)
					}
				}
			}
		}
	}
	if s.body == nil {
		return nil, fmt.Errorf("%s: no request body", file)
	}
	return s, nil
}

// markRequest flags every target reachable from a request body schema.
func markRequest(s *service, sch *openapi3.Schema, seen map[*openapi3.Schema]bool) {
	if sch == nil || seen[sch] {
		return
	}
	seen[sch] = true
	for _, tg := range s.targets {
		if tg.schema == sch {
			tg.request = true
		}
	}
	for _, p := range sch.Properties {
		markRequest(s, p.Value, seen)
	}
	if sch.Items != nil {
		markRequest(s, sch.Items.Value, seen)
	}
}

func mediaExamples(where string, tg *target, mt *openapi3.MediaType) []example {
	var out []example
	add := func(label string, v any) {
		data, err := json.Marshal(v)
		if err != nil {
			panic(fmt.Sprintf("%s: %v", where, err)) // decoded from YAML, so always encodable
		}
		out = append(out, example{where: where + label, target: tg, data: data})
	}
	if mt.Example != nil {
		add(" example", mt.Example)
	}
	for _, name := range sortedKeys(mt.Examples) {
		if ex := mt.Examples[name]; ex.Value != nil {
			add(" examples/"+name, ex.Value.Value)
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func mustService(t testing.TB, name string) *service {
	t.Helper()
	s, err := loadService(name)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// compare returns a description of the disagreement on data, or "". A
// disagreement that goes away when kin-openapi sees every number as its
// float64 value, with -0 as 0, is the documented uniqueItems difference
// (items compared by their Go values, not their spelling) and not reported.
func compare(tg *target, data []byte) string {
	ourErr := tg.ours(data)
	kinErr := kinVerdict(tg, data)
	if (ourErr == nil) == (kinErr == nil) {
		return ""
	}
	if v, err := decodeAny(data); err == nil {
		opt := openapi3.VisitAsResponse()
		if tg.request {
			opt = openapi3.VisitAsRequest()
		}
		if err := tg.schema.VisitJSON(canonicalNumbers(v), opt); (err == nil) == (ourErr == nil) {
			return ""
		}
	}
	return fmt.Sprintf("%s: verdicts differ on\n\t%s\n\tours: %v\n\tkin-openapi: %v", tg, data, verdict(ourErr), verdict(kinErr))
}

func verdict(err error) string {
	if err == nil {
		return "valid"
	}
	return "invalid (" + strings.ReplaceAll(err.Error(), "\n", " ") + ")"
}

// directUnmarshal calls the generated UnmarshalJSON of a body or response
// type itself.
func directUnmarshal(service, comp string, data []byte) error {
	type unmarshaler interface{ UnmarshalJSON([]byte) error }
	var v unmarshaler
	switch service + "." + comp {
	case "dbss.ChargeOrderDbssNew":
		v = new(dbss.ChargeOrderDbssNew)
	case "dbss.CreateDbOmInstancePeriodResponse":
		v = new(dbss.CreateDbOmInstancePeriodResponse)
	case "dsc.PeriodOrderRequest":
		v = new(dsc.PeriodOrderRequest)
	case "dsc.CreateProductOrderResponse":
		v = new(dsc.CreateProductOrderResponse)
	case "dsc.DscErrorResponse":
		v = new(dsc.DscErrorResponse)
	case "hss.CreateQuotasOrderRequestInfo":
		v = new(hss.CreateQuotasOrderRequestInfo)
	case "hss.CreateQuotasOrderResponse":
		v = new(hss.CreateQuotasOrderResponse)
	case "cbh.CreateInstanceOrder":
		v = new(cbh.CreateInstanceOrder)
	case "cbh.CreateInstanceOrderResponse":
		v = new(cbh.CreateInstanceOrderResponse)
	case "cbh.CbhErrorResponse":
		v = new(cbh.CbhErrorResponse)
	case "ccm.CreateCertificateAuthorityOrderRequestBody":
		v = new(ccm.CreateCertificateAuthorityOrderRequestBody)
	case "ccm.CreateCertificateAuthorityOrderResponse":
		v = new(ccm.CreateCertificateAuthorityOrderResponse)
	case "dcs.CreateResizeOrderRequestBody":
		v = new(dcs.CreateResizeOrderRequestBody)
	case "dcs.CreateResizeOrderResponse":
		v = new(dcs.CreateResizeOrderResponse)
	case "dli.CreatePeriodElasticResourcePoolSpecChangeOrderRequestBody":
		v = new(dli.CreatePeriodElasticResourcePoolSpecChangeOrderRequestBody)
	case "dli.CreatePeriodElasticResourcePoolSpecChangeOrderResponse":
		v = new(dli.CreatePeriodElasticResourcePoolSpecChangeOrderResponse)
	case "secmaster.OrderInfoReq":
		v = new(secmaster.OrderInfoReq)
	case "secmaster.CreateSubscriptionOrderResponse":
		v = new(secmaster.CreateSubscriptionOrderResponse)
	case "waf.CreatePrepaidCloudWafRequestBody":
		v = new(waf.CreatePrepaidCloudWafRequestBody)
	case "waf.CreatePrepaidCloudWafResponseBody":
		v = new(waf.CreatePrepaidCloudWafResponseBody)
	case "waf.WafErrorResponse":
		v = new(waf.WafErrorResponse)
	case "rich.Order":
		v = new(rich.Order)
	case "rich.Closed":
		v = new(rich.Closed)
	default:
		panic("no direct decoder for " + service + "." + comp)
	}
	return v.UnmarshalJSON(data)
}

// canonicalNumbers replaces every json.Number in v by its float64 value,
// -0 by 0, so that equal numbers spelled differently compare equal.
func canonicalNumbers(v any) any {
	switch x := v.(type) {
	case json.Number:
		f, err := x.Float64()
		if err != nil {
			return x
		}
		if f == 0 {
			f = 0 // drops the sign of -0
		}
		return f
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = canonicalNumbers(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = canonicalNumbers(e)
		}
		return out
	}
	return v
}
