package e2e

import (
	"strconv"
	"testing"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core"
	apigsdk "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/apig/v2"
	apigmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/apig/v2/model"
	cbrsdk "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/cbr/v1"
	cbrmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/cbr/v1/model"
	eipsdk "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/eip/v2"
	eipmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/eip/v2/model"
	masdk "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/modelarts/v1"
	mamodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/modelarts/v1/model"
	natsdk "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/nat/v2"
	natmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/nat/v2/model"
	wssdk "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/workspace/v2"
	wsmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/workspace/v2/model"
)

// The official SDK's clients of the second half of the order family (APIG,
// CBR, EIP, ModelArts, NAT, Workspace) against cmd/mock, which serves every operation
// on one address.

// familyBClients are the SDK clients of those services, all pointed at
// one endpoint.
type familyBClients struct {
	apig *apigsdk.ApigClient
	cbr  *cbrsdk.CbrClient
	eip  *eipsdk.EipClient
	ma   *masdk.ModelArtsClient
	nat  *natsdk.NatClient
	ws   *wssdk.WorkspaceClient
}

func newFamilyBClients(t *testing.T, url, sk string) familyBClients {
	t.Helper()
	cred := credentials(t, sk)
	build := func(b *core.HcHttpClientBuilder) *core.HcHttpClient {
		hc, err := b.WithEndpoints([]string{url}).WithCredential(cred).SafeBuild()
		if err != nil {
			t.Fatal(err)
		}
		return hc
	}
	return familyBClients{
		apig: apigsdk.NewApigClient(build(apigsdk.ApigClientBuilder())),
		cbr:  cbrsdk.NewCbrClient(build(cbrsdk.CbrClientBuilder())),
		eip:  eipsdk.NewEipClient(build(eipsdk.EipClientBuilder())),
		ma:   masdk.NewModelArtsClient(build(masdk.ModelArtsClientBuilder())),
		nat:  natsdk.NewNatClient(build(natsdk.NatClientBuilder())),
		ws:   wssdk.NewWorkspaceClient(build(wssdk.WorkspaceClientBuilder())),
	}
}

// The valid orders, as the SDK's models of the specs' example requests.

func sdkNATOrder() *natmodel.UpdateNatGatewayToPeriodRequest {
	return &natmodel.UpdateNatGatewayToPeriodRequest{
		NatGatewayId: "e1cacb3c-46a0-4c8e-9c4a-91eb63635f62",
		Body: &natmodel.UpdateNatGatewayToPeriodRequestBody{PrepaidOptions: &natmodel.PrepaidOptions{
			PeriodType: natmodel.GetPrepaidOptionsPeriodTypeEnum().MONTH, PeriodNum: 1,
			IsAutoRenew: ptr(false), IsAutoPay: ptr(true),
		}},
	}
}

func sdkEIPExtend() *eipmodel.CreatePrePaidPublicipExtendParamOption {
	return &eipmodel.CreatePrePaidPublicipExtendParamOption{
		ChargeMode:  ptr(eipmodel.GetCreatePrePaidPublicipExtendParamOptionChargeModeEnum().PRE_PAID),
		PeriodType:  ptr(eipmodel.GetCreatePrePaidPublicipExtendParamOptionPeriodTypeEnum().MONTH),
		PeriodNum:   ptr[int32](1),
		IsAutoRenew: ptr(false), IsAutoPay: ptr(true),
	}
}

func sdkEIPOrder() *eipmodel.CreatePrePaidPublicipRequest {
	return &eipmodel.CreatePrePaidPublicipRequest{Body: &eipmodel.CreatePrePaidPublicipRequestBody{
		Publicip: &eipmodel.CreatePrePaidPublicipOption{
			Type: "5_bgp", IpVersion: ptr(eipmodel.GetCreatePrePaidPublicipOptionIpVersionEnum().E_4), Alias: ptr("eip-order-1"),
		},
		Bandwidth: &eipmodel.CreatePublicipBandwidthOption{
			Name: ptr("bandwidth-order-1"), ShareType: eipmodel.GetCreatePublicipBandwidthOptionShareTypeEnum().PER,
			Size: ptr[int32](10), ChargeMode: ptr(eipmodel.GetCreatePublicipBandwidthOptionChargeModeEnum().BANDWIDTH),
		},
		ExtendParam:         sdkEIPExtend(),
		EnterpriseProjectId: ptr("0"),
	}}
}

func sdkEIPChange() *eipmodel.ChangePublicipToPeriodRequest {
	return &eipmodel.ChangePublicipToPeriodRequest{Body: &eipmodel.ChangeToPeriodReq{
		PublicipIds: []string{"2ec9b78d-9368-46f3-8f29-d1a95622a568"}, ExtendParam: sdkEIPExtend(),
	}}
}

func sdkCBRVault() *cbrmodel.CreatePostPaidVaultRequest {
	return &cbrmodel.CreatePostPaidVaultRequest{Body: &cbrmodel.VaultOrderCreateReqs{Vault: &cbrmodel.VaultOrder{
		Name: ptr("vault-order-1"),
		Billing: &cbrmodel.BillingCreate{
			CloudType:       ptr(cbrmodel.GetBillingCreateCloudTypeEnum().PUBLIC),
			ConsistentLevel: cbrmodel.GetBillingCreateConsistentLevelEnum().CRASH_CONSISTENT,
			ObjectType:      cbrmodel.GetBillingCreateObjectTypeEnum().SERVER,
			ProtectType:     cbrmodel.GetBillingCreateProtectTypeEnum().BACKUP, Size: 100,
			ChargingMode: ptr(cbrmodel.GetBillingCreateChargingModeEnum().PRE_PAID),
			PeriodType:   ptr(cbrmodel.GetBillingCreatePeriodTypeEnum().MONTH), PeriodNum: ptr[int32](1),
			IsAutoRenew: ptr(false), IsAutoPay: ptr(false),
		},
		Resources:           []cbrmodel.ResourceCreate{{Id: "97595625-198e-4e4d-879b-9d53f68ba551", Type: "OS::Nova::Server"}},
		EnterpriseProjectId: ptr("0"), Threshold: ptr[int32](80), SmnNotify: ptr(true),
	}}}
}

func sdkCBRChange() *cbrmodel.ChangeOrderRequest {
	return &cbrmodel.ChangeOrderRequest{Body: &cbrmodel.CbcOrderChange{
		ProductInfo: &cbrmodel.CbcProductInfoOrderChange{
			ProductId: "OFFI770585279124463616", ResourceSize: 50, ResourceSizeMeasureId: ptr[int32](17),
			ResourceSpecCode: cbrmodel.GetCbcProductInfoOrderChangeResourceSpecCodeEnum().VAULT_BACKUP_SERVER_NORMAL,
		},
		ResourceId: "3b5ba4a1-a46a-4c3b-9cbf-4c9bbd2b1f21", IsAutoPay: ptr(false),
	}}
}

func sdkAPIGOrder() *apigmodel.CreateOrderRequest {
	return &apigmodel.CreateOrderRequest{Body: &apigmodel.InstanceOrderReq{
		ProductId:    ptr("OFFI863516130584977408"),
		ChargingMode: ptr(apigmodel.GetInstanceOrderReqChargingModeEnum().E_1),
		PaymentMode:  ptr(apigmodel.GetInstanceOrderReqPaymentModeEnum().ALL_UPFRONT),
		PeriodType:   ptr[int32](2), PeriodNum: ptr[int32](1),
		IsAutoRenew: ptr(apigmodel.GetInstanceOrderReqIsAutoRenewEnum().E_0),
		InstanceInfo: &apigmodel.InstanceCreateReqV2{
			InstanceName: ptr("apig-order-1"), SpecId: ptr(apigmodel.GetInstanceCreateReqV2SpecIdEnum().PROFESSIONAL),
			VpcId: ptr("0957ed1e-fa08-4d3a-ab2f-5e4e7f3e8a09"), SubnetId: ptr("d4e8a2b4-1c4d-4a07-9c3e-7a7a0d1b2c3d"),
			SecurityGroupId: ptr("36d0ae05-2c4d-4d1a-9a3a-0d4c2b1a0e9f"), AvailableZoneIds: &[]string{"cn-north-4a"},
			MaintainBegin: ptr("22:00:00"), MaintainEnd: ptr("02:00:00"), EnterpriseProjectId: ptr("0"),
		},
	}}
}

func sdkAPIGPrepayResize() *apigmodel.CreatePrepayResizeRequest {
	return &apigmodel.CreatePrepayResizeRequest{InstanceId: "6a7d71827fd54572b1f31aa9548fcc81", Body: &apigmodel.InstanceChangeOrderReq{
		ProductId: ptr("00301-35126-0--0"), ResizeInfo: &apigmodel.ResizeInstanceReq{SpecId: ptr("PROFESSIONAL")},
	}}
}

func sdkAPIGPostPayResize() *apigmodel.CreatePostPayResizeOrderRequest {
	return &apigmodel.CreatePostPayResizeOrderRequest{InstanceId: "6a7d71827fd54572b1f31aa9548fcc81",
		Body: &apigmodel.ResizeInstanceReq{SpecId: ptr("PROFESSIONAL")}}
}

func sdkModelArtsOrder() *mamodel.CreateOrderIdRequest {
	return &mamodel.CreateOrderIdRequest{Name: "pool-0f1e2d3c", ActionType: ptr("toPeriod"), WorkspaceId: ptr("0"),
		Body: &mamodel.CreateOrderRequestBody{ActionType: ptr("toPeriod")}}
}

func sdkWorkspaceOrder() *wsmodel.CreateOrderRequest {
	return &wsmodel.CreateOrderRequest{Body: &wsmodel.CreateOrderReq{
		Type: "createDesktops", EnterpriseProjectId: ptr("0"),
		Resources: []wsmodel.Resource{{
			PeriodType: ptr[int32](2), PeriodNum: ptr[int32](1), IsAutoRenew: ptr[int32](0),
			CreateDesktops: &wsmodel.CreateDesktopReq{
				DesktopType: wsmodel.GetCreateDesktopReqDesktopTypeEnum().DEDICATED, AvailabilityZone: ptr("cn-north-4a"),
				ProductId: "workspace.x86.ultimate.large2", ImageType: "gold", ImageId: "63aa8670-27ad-4747-8c44-6d8919e785a7",
				RootVolume:        &wsmodel.Volume{Type: "SAS", Size: 80},
				DataVolumes:       &[]wsmodel.Volume{{Type: "SAS", Size: 10}},
				Nics:              &[]wsmodel.Nic{{SubnetId: "2a5b3f0e-9d11-4c66-8ad9-5c7b2d0e0c66"}},
				Desktops:          &[]wsmodel.Desktop{{UserName: "user-1", UserEmail: ptr("user-1@example.com"), UserGroup: ptr("users")}},
				EmailNotification: ptr(true),
			},
		}},
		ExtendParam: &wsmodel.OrderExtendParam{IsAutoPay: ptr("false")},
	}}
}

// familyBCase is one operation: a valid call whose answer the SDK parses
// (check says what is wrong with it, "" if nothing), an invalid one and the
// error code it must be rejected with.
type familyBCase struct {
	op      string
	valid   func(c familyBClients) (check string, err error)
	invalid func(c familyBClients) error
	code    string
}

// wantOrderID says what is wrong with a fresh order ID from the mock.
func wantOrderID(id *string, status int, want int) string {
	switch {
	case status != want:
		return "status " + strconv.Itoa(status)
	case id == nil || !orderID.MatchString(*id):
		return "no fresh order ID"
	}
	return ""
}

func familyBCases() []familyBCase {
	return []familyBCase{
		{op: "nat/UpdateNatGatewayToPeriod", code: "NAT.0001",
			valid: func(c familyBClients) (string, error) {
				r, err := c.nat.UpdateNatGatewayToPeriod(sdkNATOrder())
				if err != nil {
					return "", err
				}
				return wantOrderID(r.OrderId, r.HttpStatusCode, 200), nil
			},
			invalid: func(c familyBClients) error {
				o := sdkNATOrder()
				o.Body.PrepaidOptions.PeriodNum = 10 // 1-9
				_, err := c.nat.UpdateNatGatewayToPeriod(o)
				return err
			}},
		{op: "eip/CreatePrePaidPublicip", code: "VPC.0001",
			valid: func(c familyBClients) (string, error) {
				r, err := c.eip.CreatePrePaidPublicip(sdkEIPOrder())
				if err != nil {
					return "", err
				}
				if r.Publicip == nil || r.Publicip.Status == nil || r.Publicip.Status.Value() != "PENDING_CREATE" || r.Publicip.CreateTime == nil {
					return "publicip not parsed: " + r.String(), nil
				}
				return wantOrderID(r.OrderId, r.HttpStatusCode, 200), nil
			},
			invalid: func(c familyBClients) error {
				o := sdkEIPOrder()
				o.Body.Bandwidth.Size = ptr[int32](2001) // 1-2000
				_, err := c.eip.CreatePrePaidPublicip(o)
				return err
			}},
		{op: "eip/ChangePublicipToPeriod", code: "VPC.0001",
			valid: func(c familyBClients) (string, error) {
				r, err := c.eip.ChangePublicipToPeriod(sdkEIPChange())
				if err != nil {
					return "", err
				}
				if r.PublicipIds == nil || len(*r.PublicipIds) != 1 || r.RequestId == nil {
					return "publicip_ids/request_id not parsed: " + r.String(), nil
				}
				return wantOrderID(r.OrderId, r.HttpStatusCode, 200), nil
			},
			invalid: func(c familyBClients) error {
				o := sdkEIPChange()
				o.Body.ExtendParam.PeriodNum = ptr[int32](0) // 1-9
				_, err := c.eip.ChangePublicipToPeriod(o)
				return err
			}},
		{op: "cbr/CreatePostPaidVault", code: "BackupService.0001",
			valid: func(c familyBClients) (string, error) {
				r, err := c.cbr.CreatePostPaidVault(sdkCBRVault())
				if err != nil {
					return "", err
				}
				if r.HttpStatusCode != 200 || r.Orders == nil || len(*r.Orders) != 1 || (*r.Orders)[0].OrderId != "CS2401011200ABCDE" || (*r.Orders)[0].SubscribeResult != 1 || r.RetCode == nil || *r.RetCode != 0 {
					return "orders not parsed: " + r.String(), nil
				}
				return "", nil
			},
			invalid: func(c familyBClients) error {
				o := sdkCBRVault()
				o.Body.Vault.Threshold = ptr[int32](101) // 1-100
				_, err := c.cbr.CreatePostPaidVault(o)
				return err
			}},
		{op: "cbr/ChangeOrder", code: "BackupService.0001",
			valid: func(c familyBClients) (string, error) {
				r, err := c.cbr.ChangeOrder(sdkCBRChange())
				if err != nil {
					return "", err
				}
				if r.RetMsg == nil || *r.RetMsg != "success" {
					return "answer not parsed: " + r.String(), nil
				}
				return wantOrderID(r.OrderId, r.HttpStatusCode, 200), nil
			},
			invalid: func(c familyBClients) error {
				o := sdkCBRChange()
				o.Body.ProductInfo.ResourceSize = 9 // 10-10485760
				_, err := c.cbr.ChangeOrder(o)
				return err
			}},
		{op: "apig/CreateOrder", code: "APIG.0001",
			valid: func(c familyBClients) (string, error) {
				r, err := c.apig.CreateOrder(sdkAPIGOrder())
				if err != nil {
					return "", err
				}
				return wantOrderID(r.OrderId, r.HttpStatusCode, 200), nil
			},
			invalid: func(c familyBClients) error {
				o := sdkAPIGOrder()
				o.Body.InstanceInfo.MaintainBegin = ptr("03:00:00") // 02, 06, ... 22
				_, err := c.apig.CreateOrder(o)
				return err
			}},
		{op: "apig/CreatePrepayResize", code: "APIG.0001",
			valid: func(c familyBClients) (string, error) {
				r, err := c.apig.CreatePrepayResize(sdkAPIGPrepayResize())
				if err != nil {
					return "", err
				}
				return wantOrderID(r.OrderId, r.HttpStatusCode, 200), nil
			},
			invalid: func(c familyBClients) error {
				o := sdkAPIGPrepayResize()
				o.Body = nil // the body is required
				_, err := c.apig.CreatePrepayResize(o)
				return err
			}},
		{op: "apig/CreatePostPayResizeOrder", code: "APIG.0001",
			valid: func(c familyBClients) (string, error) {
				r, err := c.apig.CreatePostPayResizeOrder(sdkAPIGPostPayResize())
				if err != nil {
					return "", err
				}
				if r.HttpStatusCode != 202 || r.JobId == nil || *r.JobId != "JOB-5acb75c7565e42c997954774456eac79" || r.InstanceId == nil {
					return "202 answer not parsed: " + r.String(), nil
				}
				return "", nil
			},
			invalid: func(c familyBClients) error {
				o := sdkAPIGPostPayResize()
				o.Body = nil
				_, err := c.apig.CreatePostPayResizeOrder(o)
				return err
			}},
		{op: "workspace/CreateOrder", code: "WKS.0001",
			valid: func(c familyBClients) (string, error) {
				r, err := c.ws.CreateOrder(sdkWorkspaceOrder())
				if err != nil {
					return "", err
				}
				if r.JobId == nil || *r.JobId != "2c9eb2c18c1a4e6e018c1a6f0a4b0001" {
					return "job_id not parsed: " + r.String(), nil
				}
				return wantOrderID(r.OrderId, r.HttpStatusCode, 200), nil
			},
			invalid: func(c familyBClients) error {
				o := sdkWorkspaceOrder()
				o.Body.Resources[0].CreateDesktops.RootVolume.Size = 85 // a multiple of 10
				_, err := c.ws.CreateOrder(o)
				return err
			}},
		{op: "modelarts/CreateOrderId", code: "ModelArts.0001",
			valid: func(c familyBClients) (string, error) {
				r, err := c.ma.CreateOrderId(sdkModelArtsOrder())
				if err != nil {
					return "", err
				}
				if r.HttpStatusCode != 200 || r.Id == nil || *r.Id != "CS2401011200ABCDE" {
					return "answer not parsed: " + r.String(), nil
				}
				return "", nil
			},
			invalid: func(c familyBClients) error {
				o := sdkModelArtsOrder()
				o.ActionType = ptr("toMonthly") // toPeriod only
				_, err := c.ma.CreateOrderId(o)
				return err
			}},
	}
}

// TestFamilyBSDKAgainstCommand places every operation's valid order with
// the official SDK (2xx, answer parsed), its invalid order (400 with the
// service's error code, as a ServiceResponseError) and its valid order
// signed with a wrong SK (401).
func TestFamilyBSDKAgainstCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs cmd/mock")
	}
	url := startCommandMock(t, "--ak", testAK, "--sk", testSK)
	good := newFamilyBClients(t, url, testSK)
	bad := newFamilyBClients(t, url, "wrong"+testSK)
	for _, c := range familyBCases() {
		t.Run(c.op, func(t *testing.T) {
			if check, err := c.valid(good); err != nil || check != "" {
				t.Errorf("valid order: %s %v", check, err)
			}
			serviceError(t, "invalid order", c.invalid(good), 400, c.code)
			_, err := c.valid(bad)
			serviceError(t, "wrong SK", err, 401, "APIGW.0301")
		})
	}
}
