package e2e

import (
	"reflect"
	"strings"
	"testing"

	cbhmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/cbh/v1/model"
	ccmmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/ccm/v1/model"
	dcsmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dcs/v2/model"
	dlimodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dli/v1/model"
	secmastermodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/secmaster/v1/model"
	wafmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/waf/v1/model"

	"github.com/hwcorder/ordergen/generated/cbh"
	"github.com/hwcorder/ordergen/generated/ccm"
	"github.com/hwcorder/ordergen/generated/dcs"
	"github.com/hwcorder/ordergen/generated/dli"
	"github.com/hwcorder/ordergen/generated/secmaster"
	"github.com/hwcorder/ordergen/generated/waf"
)

// TestFamilyAModelsMatchSDK walks the generated request and response
// types of the six operations beside the official SDK's models, to any
// depth, and wants the same JSON members, the same requiredness (a member
// without omitempty is required) and the same Go kind and width; the only
// differences allowed are the recorded decisions in docs/decisions.md.
func TestFamilyAModelsMatchSDK(t *testing.T) {
	// ourOnly are members the page has and the SDK lacks; optional
	// because the SDK cannot send them.
	ourOnly := map[string]bool{
		"cbh.ProductInfos.resource_size_measure_id": true,
		"cbh.ProductInfos.resource_size":            true,
	}
	pairs := []struct{ ours, sdk any }{
		{cbh.CreateInstanceOrder{}, cbhmodel.CreateInstanceOrder{}},
		{cbh.CreateInstanceOrderResponse{}, cbhmodel.CreateInstanceOrderResponse{}},
		{secmaster.OrderInfoReq{}, secmastermodel.OrderInfoReq{}},
		{secmaster.CreateSubscriptionOrderResponse{}, secmastermodel.CreateSubscriptionOrderResponse{}},
		{ccm.CreateCertificateAuthorityOrderRequestBody{}, ccmmodel.CreateCertificateAuthorityOrderRequestBody{}},
		{ccm.CreateCertificateAuthorityOrderResponse{}, ccmmodel.CreateCertificateAuthorityOrderResponse{}},
		{waf.CreatePrepaidCloudWafRequestBody{}, wafmodel.CreatePrepaidCloudWafRequestBody{}},
		{waf.CreatePrepaidCloudWafResponseBody{}, wafmodel.CreatePrepaidCloudWafResponse{}},
		{dli.CreatePeriodElasticResourcePoolSpecChangeOrderRequestBody{}, dlimodel.CreatePeriodElasticResourcePoolSpecChangeOrderRequestBody{}},
		{dli.CreatePeriodElasticResourcePoolSpecChangeOrderResponse{}, dlimodel.CreatePeriodElasticResourcePoolSpecChangeOrderResponse{}},
		{dcs.CreateResizeOrderRequestBody{}, dcsmodel.CreateResizeOrderRequestBody{}},
		{dcs.CreateResizeOrderResponse{}, dcsmodel.CreateResizeOrderResponse{}},
	}
	members := 0
	for _, p := range pairs {
		ot, st := reflect.TypeOf(p.ours), reflect.TypeOf(p.sdk)
		members += compareModel(t, ot, st, ourOnly)
	}
	if members < 60 {
		t.Errorf("compared %d members, want every member of the six operations (at least 60)", members)
	}
}

// compareModel compares struct types ours and sdk member by member and
// returns how many members it compared.
func compareModel(t *testing.T, ours, sdk reflect.Type, ourOnly map[string]bool) int {
	t.Helper()
	pkg := ours.PkgPath()[strings.LastIndex(ours.PkgPath(), "/")+1:]
	om, sm := jsonMembers(ours), jsonMembers(sdk)
	n := 0
	for name, of := range om {
		where := pkg + "." + ours.Name() + "." + name
		sf, ok := sm[name]
		switch {
		case !ok && ourOnly[where]:
			if !optional(of) {
				t.Errorf("%s: only on the page, so it must be optional", where)
			}
			continue
		case !ok:
			t.Errorf("%s: not in the SDK's %s", where, sdk.Name())
			continue
		}
		n++
		if optional(of) != optional(sf) {
			t.Errorf("%s: optional %v, SDK %s.%s optional %v", where, optional(of), sdk.Name(), sf.Name, optional(sf))
		}
		ok2, sk2 := base(of.Type), base(sf.Type)
		switch {
		case ok2.Kind() == reflect.Struct && sk2.Kind() == reflect.Struct && !isSDKEnum(sk2):
			n += compareModel(t, ok2, sk2, ourOnly)
		case scalar(ok2) == "float64" && scalar(sk2) == "float32":
			// format: float is held as float64, so that bounds compare the
			// value as sent; the JSON is the same.
		case scalar(ok2) != scalar(sk2):
			t.Errorf("%s: Go type %s, SDK %s.%s %s", where, scalar(ok2), sdk.Name(), sf.Name, scalar(sk2))
		}
	}
	for name := range sm {
		if _, ok := om[name]; !ok {
			t.Errorf("%s.%s.%s: in the SDK's %s, not in the spec", pkg, ours.Name(), name, sdk.Name())
		}
	}
	return n
}

// jsonMembers maps the JSON names of t's exported members to them.
func jsonMembers(t reflect.Type) map[string]reflect.StructField {
	m := map[string]reflect.StructField{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "-" || name == "" {
			continue
		}
		m[name] = f
	}
	return m
}

// optional reports whether a member may be left out of the JSON.
func optional(f reflect.StructField) bool {
	tag := f.Tag.Get("json")
	return strings.Contains(tag, ",omitempty") || strings.Contains(tag, ",omitzero")
}

// base strips pointers and slices.
func base(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	return t
}

// isSDKEnum reports whether t is one of the SDK's enum types: a struct
// holding one unexported value.
func isSDKEnum(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && t.NumField() == 1 && t.Field(0).Name == "value"
}

// scalar names the kind of a scalar type (an SDK enum by its value's
// kind); enums of ours are named types of the same kinds.
func scalar(t reflect.Type) string {
	if isSDKEnum(t) {
		t = t.Field(0).Type
	}
	return t.Kind().String()
}
