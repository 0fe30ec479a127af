package e2e

import (
	"strings"
	"testing"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/global"
	cbhsdk "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/cbh/v1"
	cbhmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/cbh/v1/model"
	ccmsdk "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/ccm/v1"
	ccmmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/ccm/v1/model"
	dcssdk "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dcs/v2"
	dcsmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dcs/v2/model"
	dlisdk "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dli/v1"
	dlimodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dli/v1/model"
	secmastersdk "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/secmaster/v1"
	secmastermodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/secmaster/v1/model"
	wafsdk "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/waf/v1"
	wafmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/waf/v1/model"
)

// The official SDK's clients of the CBH, SecMaster, CCM, WAF, DLI and DCS
// order operations against cmd/mock, which serves all of them on one
// address and verifies the SDK's AK/SK signatures.

// testDomain is the account (domain) ID of CCM's global credentials.
const testDomain = "fedcba9876543210fedcba9876543210"

// familyAClients are the SDK clients of the six services, all pointed at
// one endpoint and signing with sk.
type familyAClients struct {
	cbh       *cbhsdk.CbhClient
	secmaster *secmastersdk.SecMasterClient
	ccm       *ccmsdk.CcmClient
	waf       *wafsdk.WafClient
	dli       *dlisdk.DliClient
	dcs       *dcssdk.DcsClient
}

func newFamilyAClients(t *testing.T, url, sk string) familyAClients {
	t.Helper()
	cred := credentials(t, sk)
	gcred, err := global.NewCredentialsBuilder().WithAk(testAK).WithSk(sk).WithDomainId(testDomain).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	ep := []string{url}
	var c familyAClients
	cb, err := cbhsdk.CbhClientBuilder().WithEndpoints(ep).WithCredential(cred).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	c.cbh = cbhsdk.NewCbhClient(cb)
	sb, err := secmastersdk.SecMasterClientBuilder().WithEndpoints(ep).WithCredential(cred).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	c.secmaster = secmastersdk.NewSecMasterClient(sb)
	gb, err := ccmsdk.CcmClientBuilder().WithEndpoints(ep).WithCredential(gcred).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	c.ccm = ccmsdk.NewCcmClient(gb)
	wb, err := wafsdk.WafClientBuilder().WithEndpoints(ep).WithCredential(cred).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	c.waf = wafsdk.NewWafClient(wb)
	lb, err := dlisdk.DliClientBuilder().WithEndpoints(ep).WithCredential(cred).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	c.dli = dlisdk.NewDliClient(lb)
	db, err := dcssdk.DcsClientBuilder().WithEndpoints(ep).WithCredential(cred).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	c.dcs = dcssdk.NewDcsClient(db)
	return c
}

// The valid orders, as the SDK's models: the specs' example requests.

func cbhOrder() *cbhmodel.CreateInstanceOrderRequest {
	return &cbhmodel.CreateInstanceOrderRequest{Body: &cbhmodel.CreateInstanceOrder{
		InstanceKey: 1234, CloudServiceType: "hws.service.type.cbh", RegionId: "cn-north-4",
		ChargingMode: 0, PeriodType: 2, PeriodNum: 1, IsAutoRenew: ptr[int32](0), SubscriptionNum: 1,
		ProductInfos: []cbhmodel.ProductInfos{{
			ProductId: "OFFI565288867113209857", CloudServiceType: "hws.service.type.cbh",
			ResourceType: "hws.resource.type.cbh.ins", ResourceSpecCode: "cbh.basic.50",
		}},
	}}
}

func secmasterOrder() *secmastermodel.CreateSubscriptionOrderRequest {
	return &secmastermodel.CreateSubscriptionOrderRequest{
		XLanguage: secmastermodel.GetCreateSubscriptionOrderRequestXLanguageEnum().EN_US,
		Body: &secmastermodel.OrderInfoReq{
			Scene:       secmastermodel.GetOrderInfoReqSceneEnum().PREPAID,
			OperateType: secmastermodel.GetOrderInfoReqOperateTypeEnum().CREATE,
			ProductList: &[]secmastermodel.Product{{
				ResourceType: "hws.resource.type.secmaster.typical", ResourceSpecCode: "secmaster.professional", ResourceSize: 1,
			}},
			PeriodType:  ptr(secmastermodel.GetOrderInfoReqPeriodTypeEnum().E_2),
			PeriodNum:   ptr(secmastermodel.GetOrderInfoReqPeriodNumEnum().E_1),
			IsAutoRenew: ptr(secmastermodel.GetOrderInfoReqIsAutoRenewEnum().E_0),
		},
	}
}

func ccmOrder() *ccmmodel.CreateCertificateAuthorityOrderRequest {
	return &ccmmodel.CreateCertificateAuthorityOrderRequest{Body: &ccmmodel.CreateCertificateAuthorityOrderRequestBody{
		CloudServiceType: "hws.service.type.ccm", ChargingMode: 0, PeriodType: 3, PeriodNum: 1,
		IsAutoRenew: 0, SubscriptionNum: 1, IsAutoPay: ptr[int32](1), EnterpriseProjectId: ptr("0"),
		ProductInfos: []ccmmodel.ProductInfo{{
			CloudServiceType: "hws.service.type.ccm", ResourceType: "hws.resource.type.pca.duration", ResourceSpecCode: "ca.duration",
		}},
	}}
}

func wafOrder() *wafmodel.CreatePrepaidCloudWafRequest {
	return &wafmodel.CreatePrepaidCloudWafRequest{
		EnterpriseProjectId: ptr("0"),
		Body: &wafmodel.CreatePrepaidCloudWafRequestBody{
			ProjectId: testProject, IsAutoPay: true, IsAutoRenew: false, RegionId: "cn-north-4",
			WafProductInfo: &wafmodel.WafProductInfo{
				ResourceSpecCode: ptr("professional"), PeriodType: ptr(wafmodel.GetWafProductInfoPeriodTypeEnum().MONTH), PeriodNum: ptr[int32](1),
			},
			DomainExpackProductInfo: &wafmodel.ExpackProductInfo{ResourceSize: ptr[int32](1)},
		},
	}
}

func dliOrder() *dlimodel.CreatePeriodElasticResourcePoolSpecChangeOrderRequest {
	return &dlimodel.CreatePeriodElasticResourcePoolSpecChangeOrderRequest{Body: &dlimodel.CreatePeriodElasticResourcePoolSpecChangeOrderRequestBody{
		ElasticResourcePoolName: "dli_elastic_resource_test1", TargetCu: 64,
	}}
}

func dcsOrder() *dcsmodel.CreateResizeOrderRequest {
	return &dcsmodel.CreateResizeOrderRequest{
		InstanceId: "2f2e6a32-2a6d-4e0b-9d6c-1b0f0c1f6a11",
		Body: &dcsmodel.CreateResizeOrderRequestBody{
			SpecCode: ptr("redis.ha.xu1.large.r2.2"), NewCapacity: ptr[float32](2),
			ExecuteImmediately: ptr(true), AutoOpenSecurityGroupRule: ptr(false), Password: ptr("Secret-p4ss"),
		},
	}
}

// okOrder reports a placed order: status 200 and a mock order ID.
func okOrder(t *testing.T, what string, status int, id *string, err error) {
	t.Helper()
	if err != nil || status != 200 || id == nil || !orderID.MatchString(*id) {
		got := "<nil>"
		if id != nil {
			got = *id
		}
		t.Errorf("%s: status %d, order ID %s, error %v; want 200 and an ID like CS2612041500ABCDE", what, status, got, err)
	}
}

// driveFamilyA places a valid and an invalid order of each operation
// through c, and a valid one through bad, whose clients sign with a wrong
// secret key.
func driveFamilyA(t *testing.T, c, bad familyAClients) {
	// Valid orders: 200 and a response the SDK parses.
	r1, err := c.cbh.CreateInstanceOrder(cbhOrder())
	if r1 == nil {
		r1 = &cbhmodel.CreateInstanceOrderResponse{}
	}
	okOrder(t, "cbh", r1.HttpStatusCode, r1.OrderId, err)
	r2, err := c.secmaster.CreateSubscriptionOrder(secmasterOrder())
	if r2 == nil {
		r2 = &secmastermodel.CreateSubscriptionOrderResponse{}
	}
	okOrder(t, "secmaster", r2.HttpStatusCode, r2.OrderId, err)
	if r2.OrderStatus == nil || *r2.OrderStatus != secmastermodel.GetCreateSubscriptionOrderResponseOrderStatusEnum().E_1 {
		t.Errorf("secmaster order_status %v, want 1 (the spec's example)", r2.OrderStatus)
	}
	r3, err := c.ccm.CreateCertificateAuthorityOrder(ccmOrder())
	if r3 == nil {
		r3 = &ccmmodel.CreateCertificateAuthorityOrderResponse{}
	}
	okOrder(t, "ccm", r3.HttpStatusCode, r3.OrderId, err)
	if r3.CaIds == nil || len(*r3.CaIds) != 1 {
		t.Errorf("ccm ca_ids %v, want the example's one ID", r3.CaIds)
	}
	r4, err := c.waf.CreatePrepaidCloudWaf(wafOrder())
	if r4 == nil {
		r4 = &wafmodel.CreatePrepaidCloudWafResponse{}
	}
	okOrder(t, "waf (orderId)", r4.HttpStatusCode, r4.OrderId, err)
	r5, err := c.dli.CreatePeriodElasticResourcePoolSpecChangeOrder(dliOrder())
	if r5 == nil {
		r5 = &dlimodel.CreatePeriodElasticResourcePoolSpecChangeOrderResponse{}
	}
	okOrder(t, "dli", r5.HttpStatusCode, r5.OrderId, err)
	if r5.IsSuccess == nil || !*r5.IsSuccess {
		t.Errorf("dli is_success %v, want true", r5.IsSuccess)
	}
	r6, err := c.dcs.CreateResizeOrder(dcsOrder())
	if r6 == nil {
		r6 = &dcsmodel.CreateResizeOrderResponse{}
	}
	okOrder(t, "dcs", r6.HttpStatusCode, r6.OrderId, err)

	// Invalid orders: 400 with the service's error code, as the SDK's
	// ServiceResponseError.
	badCBH := cbhOrder()
	badCBH.Body.PeriodType = 4 // enum 2, 3, 5
	_, err = c.cbh.CreateInstanceOrder(badCBH)
	serviceError(t, "cbh period_type 4", err, 400, "CBH.10020010")
	badSecMaster := secmasterOrder()
	badSecMaster.Body.TagList = &[]secmastermodel.SubscriptionTag{{Key: ptr(strings.Repeat("k", 37))}} // maxLength 36
	_, err = c.secmaster.CreateSubscriptionOrder(badSecMaster)
	serviceError(t, "secmaster tag key of 37 characters", err, 400, "SecMaster.0001")
	badCCM := ccmOrder()
	badCCM.Body.ProductInfos = make([]ccmmodel.ProductInfo, 11) // maxItems 10
	for i := range badCCM.Body.ProductInfos {
		badCCM.Body.ProductInfos[i] = ccmOrder().Body.ProductInfos[0]
	}
	_, err = c.ccm.CreateCertificateAuthorityOrder(badCCM)
	serviceError(t, "ccm 11 products", err, 400, "PCA.0001")
	badWAF := wafOrder()
	badWAF.EnterpriseProjectId = ptr("not-an-eps-id") // 0, all_granted_eps or 36 characters
	_, err = c.waf.CreatePrepaidCloudWaf(badWAF)
	serviceError(t, "waf enterprise_project_id", err, 400, "WAF.00011001")
	badDLI := dliOrder()
	badDLI.Body.ElasticResourcePoolName = "_pool" // must not start with an underscore
	_, err = c.dli.CreatePeriodElasticResourcePoolSpecChangeOrder(badDLI)
	serviceError(t, "dli pool name _pool", err, 400, "DLI.0001")
	badDCS := dcsOrder()
	badDCS.Body = nil // the request body is required
	_, err = c.dcs.CreateResizeOrder(badDCS)
	serviceError(t, "dcs without a body", err, 400, "DCS.0001")

	// A wrong secret key: the gateway's 401.
	_, err = bad.cbh.CreateInstanceOrder(cbhOrder())
	serviceError(t, "cbh wrong SK", err, 401, "APIGW.0301")
	_, err = bad.secmaster.CreateSubscriptionOrder(secmasterOrder())
	serviceError(t, "secmaster wrong SK", err, 401, "APIGW.0301")
	_, err = bad.ccm.CreateCertificateAuthorityOrder(ccmOrder())
	serviceError(t, "ccm wrong SK", err, 401, "APIGW.0301")
	_, err = bad.waf.CreatePrepaidCloudWaf(wafOrder())
	serviceError(t, "waf wrong SK", err, 401, "APIGW.0301")
	_, err = bad.dli.CreatePeriodElasticResourcePoolSpecChangeOrder(dliOrder())
	serviceError(t, "dli wrong SK", err, 401, "APIGW.0301")
	_, err = bad.dcs.CreateResizeOrder(dcsOrder())
	serviceError(t, "dcs wrong SK", err, 401, "APIGW.0301")
}

// TestFamilyASDKAgainstCommand runs the SDK clients of the six operations
// against cmd/mock, as a user would.
func TestFamilyASDKAgainstCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs cmd/mock")
	}
	url := startCommandMock(t, "--ak", testAK, "--sk", testSK)
	driveFamilyA(t, newFamilyAClients(t, url, testSK), newFamilyAClients(t, url, "wrong"+testSK))
}
