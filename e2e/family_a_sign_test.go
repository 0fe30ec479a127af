package e2e

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sync"
	"testing"

	"github.com/hwcorder/ordergen/generated/cbh"
	"github.com/hwcorder/ordergen/generated/ccm"
	"github.com/hwcorder/ordergen/generated/dcs"
	"github.com/hwcorder/ordergen/generated/dli"
	"github.com/hwcorder/ordergen/generated/secmaster"
	"github.com/hwcorder/ordergen/generated/waf"
)

// The same six orders as our generated types (the SDK's models are in
// family_a_sdk_test.go).

func oursCBHOrder() *cbh.CreateInstanceOrder {
	return &cbh.CreateInstanceOrder{
		InstanceKey: 1234, CloudServiceType: "hws.service.type.cbh", RegionID: "cn-north-4",
		ChargingMode: cbh.ChargingModeYearlyMonthly, PeriodType: cbh.PeriodTypeMonth, PeriodNum: 1,
		IsAutoRenew: new(cbh.IsAutoRenewManual), SubscriptionNum: 1,
		ProductInfos: []cbh.ProductInfos{{
			ProductID: "OFFI565288867113209857", CloudServiceType: cbh.CloudServiceTypeCbh,
			ResourceType: cbh.ResourceTypeInstance, ResourceSpecCode: "cbh.basic.50",
		}},
	}
}

func oursSecMasterOrder() *secmaster.OrderInfoReq {
	return &secmaster.OrderInfoReq{
		Scene: secmaster.ScenePrepaid, OperateType: secmaster.OperateTypeCreate,
		ProductList: []secmaster.Product{{
			ResourceType: "hws.resource.type.secmaster.typical", ResourceSpecCode: "secmaster.professional", ResourceSize: 1,
		}},
		PeriodType: new(secmaster.PeriodTypeMonth), PeriodNum: new(int32(1)), IsAutoRenew: new(secmaster.IsAutoRenewManual),
	}
}

func oursCCMOrder() *ccm.CreateCertificateAuthorityOrderRequestBody {
	return &ccm.CreateCertificateAuthorityOrderRequestBody{
		CloudServiceType: ccm.CreateCertificateAuthorityOrderRequestBodyCloudServiceTypeCcm,
		ChargingMode:     ccm.ChargingModeYearlyMonthly, PeriodType: ccm.PeriodTypeYear, PeriodNum: 1,
		IsAutoRenew: ccm.IsAutoRenewManual, SubscriptionNum: 1, IsAutoPay: new(ccm.IsAutoPayAuto), EnterpriseProjectID: new("0"),
		ProductInfos: []ccm.ProductInfo{{
			CloudServiceType: ccm.ProductInfoCloudServiceTypeCcm, ResourceType: "hws.resource.type.pca.duration", ResourceSpecCode: "ca.duration",
		}},
	}
}

func oursWAFOrder() *waf.CreatePrepaidCloudWafRequestBody {
	return &waf.CreatePrepaidCloudWafRequestBody{
		ProjectID: testProject, IsAutoPay: true, IsAutoRenew: false, RegionID: "cn-north-4",
		WafProductInfo: &waf.WafProductInfo{
			ResourceSpecCode: new("professional"), PeriodType: new(waf.PeriodTypeMonth), PeriodNum: new(int32(1)),
		},
		DomainExpackProductInfo: &waf.ExpackProductInfo{ResourceSize: new(int32(1))},
	}
}

func oursDLIOrder() *dli.CreatePeriodElasticResourcePoolSpecChangeOrderRequestBody {
	return &dli.CreatePeriodElasticResourcePoolSpecChangeOrderRequestBody{ElasticResourcePoolName: "dli_elastic_resource_test1", TargetCu: 64}
}

func oursDCSOrder() *dcs.CreateResizeOrderRequestBody {
	return &dcs.CreateResizeOrderRequestBody{
		SpecCode: new("redis.ha.xu1.large.r2.2"), NewCapacity: new(float64(2)),
		ExecuteImmediately: new(true), AutoOpenSecurityGroupRule: new(false), Password: new("Secret-p4ss"),
	}
}

// sendFamilyA places the six orders through our generated clients, which
// send them through hc to endpoint; eps and instance are WAF's
// enterprise_project_id and DCS's instance_id.
func sendFamilyA(t *testing.T, endpoint string, hc *http.Client, ak, sk, eps, instance string) {
	t.Helper()
	ctx := context.Background()
	if c, err := cbh.NewClient(endpoint, cbh.WithAKSK(ak, sk), cbh.WithProjectID(testProject), cbh.WithHTTPClient(hc)); err != nil {
		t.Fatal(err)
	} else if _, err := c.CreateInstanceOrder(ctx, nil, oursCBHOrder()); err != nil {
		t.Errorf("cbh: %v", err)
	}
	if c, err := secmaster.NewClient(endpoint, secmaster.WithAKSK(ak, sk), secmaster.WithProjectID(testProject), secmaster.WithHTTPClient(hc)); err != nil {
		t.Fatal(err)
	} else if _, err := c.CreateSubscriptionOrder(ctx, &secmaster.CreateSubscriptionOrderParams{XLanguage: secmaster.XLanguageEnUs}, oursSecMasterOrder()); err != nil {
		t.Errorf("secmaster: %v", err)
	}
	if c, err := ccm.NewClient(endpoint, ccm.WithAKSK(ak, sk), ccm.WithHTTPClient(hc)); err != nil {
		t.Fatal(err)
	} else if _, err := c.CreateCertificateAuthorityOrder(ctx, nil, oursCCMOrder()); err != nil {
		t.Errorf("ccm: %v", err)
	}
	if c, err := waf.NewClient(endpoint, waf.WithAKSK(ak, sk), waf.WithProjectID(testProject), waf.WithHTTPClient(hc)); err != nil {
		t.Fatal(err)
	} else if _, err := c.CreatePrepaidCloudWaf(ctx, &waf.CreatePrepaidCloudWafParams{EnterpriseProjectID: &eps}, oursWAFOrder()); err != nil {
		t.Errorf("waf: %v", err)
	}
	if c, err := dli.NewClient(endpoint, dli.WithAKSK(ak, sk), dli.WithProjectID(testProject), dli.WithHTTPClient(hc)); err != nil {
		t.Fatal(err)
	} else if _, err := c.CreatePeriodElasticResourcePoolSpecChangeOrder(ctx, nil, oursDLIOrder()); err != nil {
		t.Errorf("dli: %v", err)
	}
	if c, err := dcs.NewClient(endpoint, dcs.WithAKSK(ak, sk), dcs.WithProjectID(testProject), dcs.WithHTTPClient(hc)); err != nil {
		t.Fatal(err)
	} else if _, err := c.CreateResizeOrder(ctx, &dcs.CreateResizeOrderParams{InstanceID: instance}, oursDCSOrder()); err != nil {
		t.Errorf("dcs: %v", err)
	}
}

// TestFamilyAClientSignatureMatchesSDK sends the six orders through our
// generated clients (odd instance IDs and query values included) and wants
// every Authorization header to be the one the official SDK's signer
// computes for the same request.
func TestFamilyAClientSignatureMatchesSDK(t *testing.T) {
	tr := &captureTransport{}
	hc := &http.Client{Transport: tr}
	cases := [][2]string{
		{"0", "2f2e6a32-2a6d-4e0b-9d6c-1b0f0c1f6a11"},
		{"all_granted_eps", "in stance~(1)*!"},
		{"0123456789abcdef0123456789abcdef0123", "实例-7"},
	}
	for _, c := range cases {
		sendFamilyA(t, "https://api.cn-north-4.myhuaweicloud.com", hc, benchAK, benchSK, c[0], c[1])
	}
	if want := 6 * len(cases); len(tr.reqs) != want {
		t.Fatalf("captured %d requests, want %d", len(tr.reqs), want)
	}
	for i, r := range tr.reqs {
		got := r.Header.Get("Authorization")
		want := sdkResign(t, r, tr.bodies[i], benchAK, benchSK)
		if got != want || got == "" {
			t.Errorf("%s %s?%s\n ours %s\n  sdk %s", r.Method, r.URL.EscapedPath(), r.URL.RawQuery, got, want)
		}
	}
}

// wireRequest is what a server sees of a request, minus credentials.
type wireRequest struct {
	method, path, query, language string
	body                          any
}

// recorder is a server that keeps wireRequests and answers every call
// with a 200 order.
type recorder struct {
	mu   sync.Mutex
	reqs []wireRequest
}

func (rec *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	var body any
	if err := json.Unmarshal(raw, &body); err != nil {
		body = string(raw)
	}
	rec.mu.Lock()
	rec.reqs = append(rec.reqs, wireRequest{r.Method, r.URL.EscapedPath(), r.URL.RawQuery, r.Header.Get("X-Language"), body})
	rec.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	w.Write([]byte(`{"order_id":"CS2612041500ABCDE","orderId":"CS2612041500ABCDE"}`))
}

// TestFamilyAClientSendsWhatSDKSends places each order through the
// official SDK and through our generated client and wants the same
// method, escaped path, query, X-Language and JSON body on the wire.
func TestFamilyAClientSendsWhatSDKSends(t *testing.T) {
	sdkSide, oursSide := &recorder{}, &recorder{}
	sdkSrv, oursSrv := httptest.NewServer(sdkSide), httptest.NewServer(oursSide)
	defer sdkSrv.Close()
	defer oursSrv.Close()

	c := newFamilyAClients(t, sdkSrv.URL, testSK)
	for _, inst := range []string{"2f2e6a32-2a6d-4e0b-9d6c-1b0f0c1f6a11", "in stance~(1)*!"} {
		if _, err := c.cbh.CreateInstanceOrder(cbhOrder()); err != nil {
			t.Fatal(err)
		}
		if _, err := c.secmaster.CreateSubscriptionOrder(secmasterOrder()); err != nil {
			t.Fatal(err)
		}
		if _, err := c.ccm.CreateCertificateAuthorityOrder(ccmOrder()); err != nil {
			t.Fatal(err)
		}
		wo := wafOrder()
		wo.EnterpriseProjectId = ptr("all_granted_eps")
		if _, err := c.waf.CreatePrepaidCloudWaf(wo); err != nil {
			t.Fatal(err)
		}
		if _, err := c.dli.CreatePeriodElasticResourcePoolSpecChangeOrder(dliOrder()); err != nil {
			t.Fatal(err)
		}
		do := dcsOrder()
		do.InstanceId = inst
		if _, err := c.dcs.CreateResizeOrder(do); err != nil {
			t.Fatal(err)
		}
		sendFamilyA(t, oursSrv.URL, oursSrv.Client(), testAK, testSK, "all_granted_eps", inst)
	}
	if len(sdkSide.reqs) != 12 || len(oursSide.reqs) != 12 {
		t.Fatalf("SDK sent %d requests, ours %d; want 12 each", len(sdkSide.reqs), len(oursSide.reqs))
	}
	for i := range sdkSide.reqs {
		if s, o := sdkSide.reqs[i], oursSide.reqs[i]; !reflect.DeepEqual(s, o) {
			t.Errorf("request %d:\n  sdk %+v\n ours %+v", i, s, o)
		}
	}
}
