package e2e

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/hwcorder/ordergen/e2e/oapiclient/dbss"
	"github.com/hwcorder/ordergen/e2e/oapiclient/dsc"
	"github.com/hwcorder/ordergen/e2e/oapiclient/hss"
	"github.com/hwcorder/ordergen/generated/dbss/dbssmock"
	"github.com/hwcorder/ordergen/generated/dsc/dscmock"
	"github.com/hwcorder/ordergen/generated/hss/hssmock"
)

// A second, independent client: what oapi-codegen v2.8.2 generates from
// our specs (e2e/oapiclient), authenticating with X-Auth-Token.

// withToken sets X-Auth-Token on every request.
func withToken(tok string) func(context.Context, *http.Request) error {
	return func(_ context.Context, r *http.Request) error {
		r.Header.Set("X-Auth-Token", tok)
		return nil
	}
}

// errorCode returns the error_code of an error reply.
func errorCode(t *testing.T, body []byte) string {
	t.Helper()
	var e struct {
		ErrorCode string `json:"error_code"`
		ErrorMsg  string `json:"error_msg"`
	}
	if err := json.Unmarshal(body, &e); err != nil || e.ErrorMsg == "" {
		t.Errorf("error body %s: %v, want error_code and error_msg", body, err)
	}
	return e.ErrorCode
}

// fromJSON decodes an example body into an oapi-codegen type.
func fromJSON[T any](t *testing.T, s string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

const (
	dscExample = `{"charging_mode":0,"cloud_service_type":"hws.service.type.sdg","is_auto_renew":0,"period_num":1,"period_type":2,
		"region_id":"cn-north-4","zone":"CH","product_infos":[{"cloud_service_type":"hws.service.type.sdg","product_id":"p-1",
		"resource_size":30,"resource_size_measure_id":30,"resource_spec_code":"base_professional","resource_type":"hws.resource.type.dsc.base"}]}`
	dbssExample = `{"flavor_ref":"s6.2xlarge.2","name":"DBSS-f5e1","vpc_id":"21f3dac4-f460-4173-ba5e-cb7a0d528605",
		"availability_zone":"cn-north-7c,cn-north-7c","nics":[{"subnet_id":"cbed162e-045a-4afd-aa2b-0da11219989c"}],
		"security_groups":[{"id":"0070ec22-bae4-4df3-af3d-9f928297b3b7"}],"cloud_service_type":"hws.service.type.dbss",
		"charging_mode":0,"period_type":2,"period_num":1,"subscription_num":1,"is_auto_renew":0,"promotion_info":"",
		"product_infos":[{"product_id":"OFFI10097xxxxxxxxxxxx693761","cloud_service_type":"hws.service.type.dbss",
		"resource_type":"hws.resource.type.dbss.opsmgmt","resource_spec_code":"dbss.opsmgmt.high"}],
		"region_id":"cn-north-7","hx_password":"Firelxxxxxxx123!","asset_nums":10,"image_business_type":1,
		"enterprise_project_id":"0","deploy_mode":"CLOUD"}`
)

func TestOapiClientAgainstMocks(t *testing.T) {
	ctx := context.Background()

	dm := dscmock.Start(t, dscmock.WithToken("tok"))
	dc, err := dsc.NewClientWithResponses(dm.URL(), dsc.WithRequestEditorFn(withToken("tok")))
	if err != nil {
		t.Fatal(err)
	}
	dbody := fromJSON[dsc.PeriodOrderRequest](t, dscExample)
	r, err := dc.CreateProductOrderWithResponse(ctx, "p1", dbody)
	if err != nil || r.StatusCode() != 200 || r.JSON200 == nil || r.JSON200.OrderId == nil || !orderID.MatchString(*r.JSON200.OrderId) {
		t.Errorf("dsc order: %v %v %s", r.StatusCode(), err, r.Body)
	}
	dbody.PeriodType = 4
	r, err = dc.CreateProductOrderWithResponse(ctx, "p1", dbody)
	if err != nil || r.StatusCode() != 400 || errorCode(t, r.Body) != "dsc.40000011" {
		t.Errorf("dsc invalid order: %v %v %s", r.StatusCode(), err, r.Body)
	}

	bm := dbssmock.Start(t, dbssmock.WithToken("tok"))
	bc, err := dbss.NewClientWithResponses(bm.URL(), dbss.WithRequestEditorFn(withToken("tok")))
	if err != nil {
		t.Fatal(err)
	}
	bbody := fromJSON[dbss.ChargeOrderDbssNew](t, dbssExample)
	br, err := bc.CreateDbOmInstancePeriodWithResponse(ctx, testProject, bbody)
	if err != nil || br.StatusCode() != 200 || br.JSON200 == nil || br.JSON200.OrderId == nil || !orderID.MatchString(*br.JSON200.OrderId) {
		t.Errorf("dbss order: %v %v %s", br.StatusCode(), err, br.Body)
	}
	bbody.DeployMode = "MOON"
	br, err = bc.CreateDbOmInstancePeriodWithResponse(ctx, testProject, bbody)
	if err != nil || br.StatusCode() != 400 || br.JSON400 == nil || br.JSON400.ErrorCode == nil || *br.JSON400.ErrorCode != "DBSS.0001" {
		t.Errorf("dbss invalid order: %v %v %s", br.StatusCode(), err, br.Body)
	}
	// A wrong token gets 401 in the service's error body.
	bad, _ := dbss.NewClientWithResponses(bm.URL(), dbss.WithRequestEditorFn(withToken("nope")))
	br, err = bad.CreateDbOmInstancePeriodWithResponse(ctx, testProject, fromJSON[dbss.ChargeOrderDbssNew](t, dbssExample))
	if err != nil || br.StatusCode() != 401 || br.JSON401 == nil || br.JSON401.ErrorCode == nil || *br.JSON401.ErrorCode != "APIGW.0301" {
		t.Errorf("dbss wrong token: %v %v %s", br.StatusCode(), err, br.Body)
	}

	hm := hssmock.Start(t, hssmock.WithToken("tok"))
	hc, err := hss.NewClientWithResponses(hm.URL(), hss.WithRequestEditorFn(withToken("tok")))
	if err != nil {
		t.Fatal(err)
	}
	hbody := hss.CreateQuotasOrderRequestInfo{ResourceSpecCode: "hss.version.enterprise", PeriodType: 2, PeriodNum: 1, SubscriptionNum: 1}
	params := &hss.CreateQuotasOrderParams{EnterpriseProjectId: ptr("0")}
	hr, err := hc.CreateQuotasOrderWithResponse(ctx, "p1", params, hbody)
	if err != nil || hr.StatusCode() != 200 || hr.JSON200 == nil || hr.JSON200.OrderId == nil || !orderID.MatchString(*hr.JSON200.OrderId) {
		t.Errorf("hss order: %v %v %s", hr.StatusCode(), err, hr.Body)
	}
	hbody.ResourceSpecCode = "hss.version.gold"
	hr, err = hc.CreateQuotasOrderWithResponse(ctx, "p1", params, hbody)
	if err != nil || hr.StatusCode() != 400 || errorCode(t, hr.Body) != "HSS.0001" {
		t.Errorf("hss invalid order: %v %v %s", hr.StatusCode(), err, hr.Body)
	}

	if len(dm.Orders())+len(bm.Orders())+len(hm.Orders()) != 3 {
		t.Errorf("orders kept: dsc %d, dbss %d, hss %d; want one each", len(dm.Orders()), len(bm.Orders()), len(hm.Orders()))
	}
}
