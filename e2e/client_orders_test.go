package e2e

import (
	"github.com/hwcorder/ordergen/generated/dbss"
	"github.com/hwcorder/ordergen/generated/dsc"
	"github.com/hwcorder/ordergen/generated/hss"
)

// The valid order of each service as our generated types: the spec's
// example requests (the SDK's models of the same orders are in mock_sdk_test.go).

func oursDSCOrder() *dsc.PeriodOrderRequest {
	return &dsc.PeriodOrderRequest{
		ChargingMode: dsc.ChargingModeYearlyMonthly, CloudServiceType: "hws.service.type.sdg", IsAutoRenew: new(int32(0)),
		PeriodNum: 1, PeriodType: dsc.PeriodTypeMonth, RegionID: "cn-north-4", Zone: "CH",
		ProductInfos: []dsc.ProductInfoBean{{
			CloudServiceType: "hws.service.type.sdg", ProductID: "OFFI740586375358963717",
			ResourceSize: 30, ResourceSizeMeasureID: 30,
			ResourceSpecCode: "base_professional", ResourceType: "hws.resource.type.dsc.base",
		}},
	}
}

func oursDBSSOrder() *dbss.ChargeOrderDbssNew {
	return &dbss.ChargeOrderDbssNew{
		FlavorRef: "s6.2xlarge.2", Name: "DBSS-f5e1", VPCID: "21f3dac4-f460-4173-ba5e-cb7a0d528605",
		AvailabilityZone: "cn-north-7c,cn-north-7c",
		Nics:             []dbss.Nic{{SubnetID: new("cbed162e-045a-4afd-aa2b-0da11219989c")}},
		SecurityGroups:   []dbss.SecurityGroup{{ID: new("0070ec22-bae4-4df3-af3d-9f928297b3b7")}},
		CloudServiceType: "hws.service.type.dbss", ChargingMode: 0, PeriodType: 2, PeriodNum: 1,
		SubscriptionNum: 1, IsAutoRenew: dbss.IsAutoRenewManual, PromotionInfo: new(""),
		ProductInfos: []dbss.ProductInfoBeanNew{{
			ProductID: new("OFFI10097xxxxxxxxxxxx693761"), CloudServiceType: new("hws.service.type.dbss"),
			ResourceType: new("hws.resource.type.dbss.opsmgmt"), ResourceSpecCode: new("dbss.opsmgmt.high"),
		}},
		RegionID: new("cn-north-7"), HxPassword: "Firelxxxxxxx123!", AssetNums: 10, ImageBusinessType: 1,
		EnterpriseProjectID: "0", DeployMode: dbss.DeployModeCloud,
	}
}

func oursHSSOrder() *hss.CreateQuotasOrderRequestInfo {
	return &hss.CreateQuotasOrderRequestInfo{
		ResourceSpecCode: hss.ResourceSpecCodeEnterprise, PeriodType: hss.PeriodTypeMonth, PeriodNum: 1,
		SubscriptionNum: 1, IsAutoRenew: new(false), IsAutoPay: new(false),
	}
}
