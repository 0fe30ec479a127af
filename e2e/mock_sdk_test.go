package e2e

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/basic"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"
	dbsssdk "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dbss/v1"
	dbssmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dbss/v1/model"
	dscsdk "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dsc/v1"
	dscmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dsc/v1/model"
	hsssdk "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/hss/v5"
	hssmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/hss/v5/model"

	"github.com/hwcorder/ordergen/generated/dbss/dbssmock"
	"github.com/hwcorder/ordergen/generated/dsc/dscmock"
	"github.com/hwcorder/ordergen/generated/hss/hssmock"
)

// The official Huawei Cloud Go SDK against the generated mocks: the SDK
// signs every call with AK/SK (SDK-HMAC-SHA256) exactly as it does against
// the real services.

const (
	testAK      = "TESTAK0123456789ABCD"
	testSK      = "testsk0123456789abcdefghijklmnopqrstuvwx"
	testProject = "0123456789abcdef0123456789abcdef"
)

var orderID = regexp.MustCompile(`^CS\d{10}[A-Z]{10}$`)

func ptr[T any](v T) *T { return &v }

// credentials are the SDK's AK/SK credentials for the test project.
func credentials(t *testing.T, sk string) *basic.Credentials {
	t.Helper()
	c, err := basic.NewCredentialsBuilder().WithAk(testAK).WithSk(sk).WithProjectId(testProject).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// sdkClients are the three SDK clients pointed at endpoints.
type sdkClients struct {
	dsc  *dscsdk.DscClient
	dbss *dbsssdk.DbssClient
	hss  *hsssdk.HssClient
}

func newClients(t *testing.T, dscURL, dbssURL, hssURL, sk string) sdkClients {
	t.Helper()
	cred := credentials(t, sk)
	dc, err := dscsdk.DscClientBuilder().WithEndpoints([]string{dscURL}).WithCredential(cred).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	bc, err := dbsssdk.DbssClientBuilder().WithEndpoints([]string{dbssURL}).WithCredential(cred).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	hc, err := hsssdk.HssClientBuilder().WithEndpoints([]string{hssURL}).WithCredential(cred).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	return sdkClients{dsc: dscsdk.NewDscClient(dc), dbss: dbsssdk.NewDbssClient(bc), hss: hsssdk.NewHssClient(hc)}
}

func dscOrder() *dscmodel.CreateProductOrderRequest {
	return &dscmodel.CreateProductOrderRequest{Body: &dscmodel.PeriodOrderRequest{
		ChargingMode: 0, CloudServiceType: "hws.service.type.sdg", IsAutoRenew: ptr[int32](0),
		PeriodNum: 1, PeriodType: 2, RegionId: "cn-north-4", Zone: "CH",
		ProductInfos: []dscmodel.ProductInfoBean{{
			CloudServiceType: "hws.service.type.sdg", ProductId: "OFFI740586375358963717",
			ResourceSize: 30, ResourceSizeMeasureId: 30,
			ResourceSpecCode: "base_professional", ResourceType: "hws.resource.type.dsc.base",
		}},
	}}
}

func dbssOrder() *dbssmodel.CreateDbOmInstancePeriodRequest {
	return &dbssmodel.CreateDbOmInstancePeriodRequest{Body: &dbssmodel.ChargeOrderDbssNew{
		FlavorRef: "s6.2xlarge.2", Name: "DBSS-f5e1", VpcId: "21f3dac4-f460-4173-ba5e-cb7a0d528605",
		AvailabilityZone: "cn-north-7c,cn-north-7c",
		Nics:             []dbssmodel.Nic{{SubnetId: ptr("cbed162e-045a-4afd-aa2b-0da11219989c")}},
		SecurityGroups:   []dbssmodel.SecurityGroup{{Id: ptr("0070ec22-bae4-4df3-af3d-9f928297b3b7")}},
		CloudServiceType: "hws.service.type.dbss", ChargingMode: 0, PeriodType: 2, PeriodNum: 1,
		SubscriptionNum: 1, IsAutoRenew: 0, PromotionInfo: ptr(""),
		ProductInfos: []dbssmodel.ProductInfoBeanNew{{
			ProductId: ptr("OFFI10097xxxxxxxxxxxx693761"), CloudServiceType: ptr("hws.service.type.dbss"),
			ResourceType: ptr("hws.resource.type.dbss.opsmgmt"), ResourceSpecCode: ptr("dbss.opsmgmt.high"),
		}},
		RegionId: ptr("cn-north-7"), HxPassword: "Firelxxxxxxx123!", AssetNums: 10, ImageBusinessType: 1,
		EnterpriseProjectId: "0", DeployMode: "CLOUD",
	}}
}

func hssOrder() *hssmodel.CreateQuotasOrderRequest {
	return &hssmodel.CreateQuotasOrderRequest{
		EnterpriseProjectId: ptr("0"),
		Body: &hssmodel.CreateQuotasOrderRequestInfo{
			ResourceSpecCode: "hss.version.enterprise", PeriodType: 2, PeriodNum: 1, SubscriptionNum: 1,
			IsAutoRenew: ptr(false), IsAutoPay: ptr(false),
		},
	}
}

// serviceError asserts that err is the SDK's ServiceResponseError with
// status and code.
func serviceError(t *testing.T, what string, err error, status int, code string) {
	t.Helper()
	var se *sdkerr.ServiceResponseError
	if !errors.As(err, &se) {
		t.Errorf("%s: error %v (%T), want *sdkerr.ServiceResponseError", what, err, err)
		return
	}
	if se.StatusCode != status || se.ErrorCode != code || se.ErrorMessage == "" || se.RequestId == "" {
		t.Errorf("%s: %d %s %q (request %q), want %d %s with a message and a request ID", what, se.StatusCode, se.ErrorCode, se.ErrorMessage, se.RequestId, status, code)
	}
}

// driveSDK places valid and invalid orders through c; bad holds clients
// signing with a wrong SK.
func driveSDK(t *testing.T, c, bad sdkClients) []string {
	var ids []string
	if r, err := c.dsc.CreateProductOrder(dscOrder()); err != nil || r.HttpStatusCode != 200 || r.OrderId == nil || !orderID.MatchString(*r.OrderId) {
		t.Errorf("dsc order: %v %v", r, err)
	} else {
		ids = append(ids, *r.OrderId)
	}
	if r, err := c.dbss.CreateDbOmInstancePeriod(dbssOrder()); err != nil || r.HttpStatusCode != 200 || r.OrderId == nil || !orderID.MatchString(*r.OrderId) {
		t.Errorf("dbss order: %v %v", r, err)
	} else {
		ids = append(ids, *r.OrderId)
	}
	if r, err := c.hss.CreateQuotasOrder(hssOrder()); err != nil || r.HttpStatusCode != 200 || r.OrderId == nil || !orderID.MatchString(*r.OrderId) {
		t.Errorf("hss order: %v %v", r, err)
	} else {
		ids = append(ids, *r.OrderId)
	}

	badDSC := dscOrder()
	badDSC.Body.PeriodType = 4 // enum 2, 3
	_, err := c.dsc.CreateProductOrder(badDSC)
	serviceError(t, "dsc period_type 4", err, 400, "dsc.40000011")
	badDBSS := dbssOrder()
	badDBSS.Body.DeployMode = "MOON"
	_, err = c.dbss.CreateDbOmInstancePeriod(badDBSS)
	serviceError(t, "dbss deploy_mode MOON", err, 400, "DBSS.0001")
	badHSS := hssOrder()
	badHSS.Body.ResourceSpecCode = "hss.version.gold"
	_, err = c.hss.CreateQuotasOrder(badHSS)
	serviceError(t, "hss edition gold", err, 400, "HSS.0001")

	_, err = bad.dsc.CreateProductOrder(dscOrder())
	serviceError(t, "dsc wrong SK", err, 401, "APIGW.0301")
	_, err = bad.dbss.CreateDbOmInstancePeriod(dbssOrder())
	serviceError(t, "dbss wrong SK", err, 401, "APIGW.0301")
	_, err = bad.hss.CreateQuotasOrder(hssOrder())
	serviceError(t, "hss wrong SK", err, 401, "APIGW.0301")
	return ids
}

// TestSDKAgainstGeneratedMocks runs the SDK against each package's mock,
// started in the test.
func TestSDKAgainstGeneratedMocks(t *testing.T) {
	dm := dscmock.Start(t, dscmock.WithKey(testAK, testSK))
	bm := dbssmock.Start(t, dbssmock.WithKey(testAK, testSK))
	hm := hssmock.Start(t, hssmock.WithKey(testAK, testSK))
	ids := driveSDK(t,
		newClients(t, dm.URL(), bm.URL(), hm.URL(), testSK),
		newClients(t, dm.URL(), bm.URL(), hm.URL(), "wrong"+testSK))
	if len(ids) != 3 {
		t.Fatalf("%d orders placed, want 3", len(ids))
	}
	if o, ok := dm.Order(ids[0]); !ok || o.Params["project_id"] != testProject {
		t.Errorf("dsc order %s: %+v %v", ids[0], o, ok)
	}
	o, ok := bm.Order(ids[1])
	if !ok || strings.Contains(string(o.Body), "Firelxxxxxxx123!") || !strings.Contains(string(o.Body), `"hx_password":"******"`) {
		t.Errorf("dbss order %s: %v, body %s: want kept with the password redacted", ids[1], ok, o.Body)
	}
	if o, ok := hm.Order(ids[2]); !ok || o.Params["enterprise_project_id"] != "0" {
		t.Errorf("hss order %s: %+v %v", ids[2], o, ok)
	}
	// The signed requests were recorded with the signature redacted.
	for _, r := range hm.Requests() {
		if r.Header.Get("Authorization") != "******" {
			t.Errorf("recorded Authorization %q, want redacted", r.Header.Get("Authorization"))
		}
	}
}

// TestSDKAgainstCommand runs the SDK against cmd/mock, as a user would.
func TestSDKAgainstCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs cmd/mock")
	}
	url := startCommandMock(t, "--ak", testAK, "--sk", testSK)
	ids := driveSDK(t, newClients(t, url, url, url, testSK), newClients(t, url, url, url, "wrong"+testSK))
	if len(ids) != 3 {
		t.Errorf("%d orders placed, want 3", len(ids))
	}
}
