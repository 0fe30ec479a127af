package dbss_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/hwcorder/ordergen/generated/dbss"
	"github.com/hwcorder/ordergen/generated/dbss/dbssmock"
)

// ExampleClient_CreateDbOmInstancePeriod places an order with AK/SK signing
// against its mock server (package dbssmock), then shows the two kinds of failure:
// an order the client refuses before sending it, and an answer the
// service refuses.
func ExampleClient_CreateDbOmInstancePeriod() {
	const ak, sk = "HPUAEXAMPLEAK0000000", "example-secret-key-0123456789"
	// The mock stands in for https://dbss.cn-north-4.myhuaweicloud.com.
	mock := dbssmock.NewServer(dbssmock.WithKey(ak, sk))
	endpoint, err := mock.Start()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer mock.Close()

	client, err := dbss.NewClient(endpoint, dbss.WithAKSK(ak, sk), dbss.WithProjectID("0c5d8fa3a480f3b82f15c01d2cf1f5d2"))
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	order := &dbss.ChargeOrderDbssNew{
		Name:                "DBSS-f5e1",
		FlavorRef:           "s6.2xlarge.2",
		VPCID:               "21f3dac4-f460-4173-ba5e-cb7a0d528605",
		AvailabilityZone:    "cn-north-7c,cn-north-7c",
		Nics:                []dbss.Nic{{SubnetID: new("cbed162e-045a-4afd-aa2b-0da11219989c")}},
		SecurityGroups:      []dbss.SecurityGroup{{ID: new("0070ec22-bae4-4df3-af3d-9f928297b3b7")}},
		CloudServiceType:    "hws.service.type.dbss",
		ChargingMode:        0,
		PeriodType:          2,
		PeriodNum:           1,
		SubscriptionNum:     1,
		IsAutoRenew:         dbss.IsAutoRenewManual,
		RegionID:            new("cn-north-7"),
		HxPassword:          "Example-Pa55word!",
		AssetNums:           10,
		ImageBusinessType:   1,
		EnterpriseProjectID: "0",
		DeployMode:          dbss.DeployModeCloud,
		ProductInfos: []dbss.ProductInfoBeanNew{{
			ProductID:        new("OFFI10097xxxxxxxxxxxx693761"),
			CloudServiceType: new("hws.service.type.dbss"),
			ResourceType:     new("hws.resource.type.dbss.opsmgmt"),
			ResourceSpecCode: new("dbss.opsmgmt.high"),
		}},
	}
	res, err := client.CreateDbOmInstancePeriod(ctx, nil, order)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("order %s... placed (%d characters)\n", (*res.OrderID)[:2], len(*res.OrderID))

	// Invalid orders come back as a *dbss.ValidationError; nothing is sent.
	valid := *order
	order.DeployMode = "NOWHERE"
	order.ProductInfos = nil
	_, err = client.CreateDbOmInstancePeriod(ctx, nil, order)
	var invalid *dbss.ValidationError
	if errors.As(err, &invalid) {
		for _, v := range invalid.Violations {
			fmt.Println("refused:", v)
		}
	}

	// What the service refuses comes back as an *dbss.APIError.
	wrongKey, _ := dbss.NewClient(endpoint, dbss.WithAKSK(ak, "not-the-secret-key"), dbss.WithProjectID("0c5d8fa3a480f3b82f15c01d2cf1f5d2"))
	_, err = wrongKey.CreateDbOmInstancePeriod(ctx, nil, &valid)
	var apiErr *dbss.APIError
	if errors.As(err, &apiErr) {
		fmt.Println("service said:", apiErr.StatusCode, apiErr.ErrorCode)
	}
	// Output:
	// order CS... placed (22 characters)
	// refused: /deploy_mode: enum: must be one of "CLOUD", "OUTSIDE"
	// refused: /product_infos: required: is required
	// service said: 401 APIGW.0301
}
