package dsc_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/hwcorder/ordergen/generated/dsc"
	"github.com/hwcorder/ordergen/generated/dsc/dscmock"
)

// ExampleClient_CreateProductOrder places an order with AK/SK signing
// against its mock server (package dscmock), then shows the two kinds of failure:
// an order the client refuses before sending it, and an answer the
// service refuses.
func ExampleClient_CreateProductOrder() {
	const ak, sk = "HPUAEXAMPLEAK0000000", "example-secret-key-0123456789"
	// The mock stands in for https://dsc.cn-north-4.myhuaweicloud.com.
	mock := dscmock.NewServer(dscmock.WithKey(ak, sk))
	endpoint, err := mock.Start()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer mock.Close()

	client, err := dsc.NewClient(endpoint, dsc.WithAKSK(ak, sk), dsc.WithProjectID("0c5d8fa3a480f3b82f15c01d2cf1f5d2"))
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	order := &dsc.PeriodOrderRequest{
		ChargingMode:     dsc.ChargingModeYearlyMonthly,
		CloudServiceType: "hws.service.type.sdg",
		PeriodType:       dsc.PeriodTypeMonth,
		PeriodNum:        1,
		RegionID:         "cn-north-4",
		Zone:             "CH",
		ProductInfos: []dsc.ProductInfoBean{{
			CloudServiceType:      "hws.service.type.sdg",
			ProductID:             "OFFI740586375358963717",
			ResourceSize:          30,
			ResourceSizeMeasureID: 30,
			ResourceSpecCode:      "base_professional",
			ResourceType:          "hws.resource.type.dsc.base",
		}},
	}
	res, err := client.CreateProductOrder(ctx, nil, order)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("order %s... placed (%d characters)\n", (*res.OrderID)[:2], len(*res.OrderID))

	// Invalid orders come back as a *dsc.ValidationError; nothing is sent.
	valid := *order
	order.PeriodType = 7
	order.ProductInfos = nil
	_, err = client.CreateProductOrder(ctx, nil, order)
	var invalid *dsc.ValidationError
	if errors.As(err, &invalid) {
		for _, v := range invalid.Violations {
			fmt.Println("refused:", v)
		}
	}

	// What the service refuses comes back as an *dsc.APIError.
	wrongKey, _ := dsc.NewClient(endpoint, dsc.WithAKSK(ak, "not-the-secret-key"), dsc.WithProjectID("0c5d8fa3a480f3b82f15c01d2cf1f5d2"))
	_, err = wrongKey.CreateProductOrder(ctx, nil, &valid)
	var apiErr *dsc.APIError
	if errors.As(err, &apiErr) {
		fmt.Println("service said:", apiErr.StatusCode, apiErr.ErrorCode)
	}
	// Output:
	// order CS... placed (22 characters)
	// refused: /period_type: enum: must be one of 2, 3
	// refused: /product_infos: required: is required
	// service said: 401 APIGW.0301
}
