package e2e

import (
	dbssmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dbss/v1/model"
	dscmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/dsc/v1/model"
	hssmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/hss/v5/model"

	"github.com/hwcorder/ordergen/generated/dbss"
	"github.com/hwcorder/ordergen/generated/dsc"
	"github.com/hwcorder/ordergen/generated/hss"
)

// The same valid order of each service, as our generated types and as the
// official SDK's models: the spec's example requests.

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

func sdkDSCOrder() *dscmodel.CreateProductOrderRequest {
	return &dscmodel.CreateProductOrderRequest{Body: &dscmodel.PeriodOrderRequest{
		ChargingMode: 0, CloudServiceType: "hws.service.type.sdg", IsAutoRenew: new(int32(0)),
		PeriodNum: 1, PeriodType: 2, RegionId: "cn-north-4", Zone: "CH",
		ProductInfos: []dscmodel.ProductInfoBean{{
			CloudServiceType: "hws.service.type.sdg", ProductId: "OFFI740586375358963717",
			ResourceSize: 30, ResourceSizeMeasureId: 30,
			ResourceSpecCode: "base_professional", ResourceType: "hws.resource.type.dsc.base",
		}},
	}}
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

func sdkDBSSOrder() *dbssmodel.CreateDbOmInstancePeriodRequest {
	return &dbssmodel.CreateDbOmInstancePeriodRequest{Body: &dbssmodel.ChargeOrderDbssNew{
		FlavorRef: "s6.2xlarge.2", Name: "DBSS-f5e1", VpcId: "21f3dac4-f460-4173-ba5e-cb7a0d528605",
		AvailabilityZone: "cn-north-7c,cn-north-7c",
		Nics:             []dbssmodel.Nic{{SubnetId: new("cbed162e-045a-4afd-aa2b-0da11219989c")}},
		SecurityGroups:   []dbssmodel.SecurityGroup{{Id: new("0070ec22-bae4-4df3-af3d-9f928297b3b7")}},
		CloudServiceType: "hws.service.type.dbss", ChargingMode: 0, PeriodType: 2, PeriodNum: 1,
		SubscriptionNum: 1, IsAutoRenew: 0, PromotionInfo: new(""),
		ProductInfos: []dbssmodel.ProductInfoBeanNew{{
			ProductId: new("OFFI10097xxxxxxxxxxxx693761"), CloudServiceType: new("hws.service.type.dbss"),
			ResourceType: new("hws.resource.type.dbss.opsmgmt"), ResourceSpecCode: new("dbss.opsmgmt.high"),
		}},
		RegionId: new("cn-north-7"), HxPassword: "Firelxxxxxxx123!", AssetNums: 10, ImageBusinessType: 1,
		EnterpriseProjectId: "0", DeployMode: "CLOUD",
	}}
}

func oursHSSOrder() *hss.CreateQuotasOrderRequestInfo {
	return &hss.CreateQuotasOrderRequestInfo{
		ResourceSpecCode: hss.ResourceSpecCodeEnterprise, PeriodType: hss.PeriodTypeMonth, PeriodNum: 1,
		SubscriptionNum: 1, IsAutoRenew: new(false), IsAutoPay: new(false),
	}
}

func sdkHSSOrder() *hssmodel.CreateQuotasOrderRequest {
	return &hssmodel.CreateQuotasOrderRequest{
		EnterpriseProjectId: new("0"),
		Body: &hssmodel.CreateQuotasOrderRequestInfo{
			ResourceSpecCode: "hss.version.enterprise", PeriodType: 2, PeriodNum: 1, SubscriptionNum: 1,
			IsAutoRenew: new(false), IsAutoPay: new(false),
		},
	}
}
