package hss_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/hwcorder/ordergen/generated/hss"
	"github.com/hwcorder/ordergen/generated/hss/hssmock"
)

// ExampleClient_CreateQuotasOrder places an order with AK/SK signing
// against its mock server (package hssmock), then shows the two kinds of failure:
// an order the client refuses before sending it, and an answer the
// service refuses.
func ExampleClient_CreateQuotasOrder() {
	const ak, sk = "HPUAEXAMPLEAK0000000", "example-secret-key-0123456789"
	// The mock stands in for https://hss.cn-north-4.myhuaweicloud.com.
	mock := hssmock.NewServer(hssmock.WithKey(ak, sk))
	endpoint, err := mock.Start()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer mock.Close()

	client, err := hss.NewClient(endpoint, hss.WithAKSK(ak, sk), hss.WithProjectID("0c5d8fa3a480f3b82f15c01d2cf1f5d2"))
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	order := &hss.CreateQuotasOrderRequestInfo{
		ResourceSpecCode: hss.ResourceSpecCodeEnterprise,
		PeriodType:       hss.PeriodTypeMonth,
		PeriodNum:        1,
		SubscriptionNum:  1,
		IsAutoRenew:      new(false),
		IsAutoPay:        new(false),
	}
	res, err := client.CreateQuotasOrder(ctx, nil, order)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("order %s... placed (%d characters)\n", (*res.OrderID)[:2], len(*res.OrderID))

	// Invalid orders come back as a *hss.ValidationError; nothing is sent.
	valid := *order
	order.ResourceSpecCode = "hss.version.none"
	order.PeriodType = 7
	_, err = client.CreateQuotasOrder(ctx, nil, order)
	var invalid *hss.ValidationError
	if errors.As(err, &invalid) {
		for _, v := range invalid.Violations {
			fmt.Println("refused:", v)
		}
	}

	// What the service refuses comes back as an *hss.APIError.
	wrongKey, _ := hss.NewClient(endpoint, hss.WithAKSK(ak, "not-the-secret-key"), hss.WithProjectID("0c5d8fa3a480f3b82f15c01d2cf1f5d2"))
	_, err = wrongKey.CreateQuotasOrder(ctx, nil, &valid)
	var apiErr *hss.APIError
	if errors.As(err, &apiErr) {
		fmt.Println("service said:", apiErr.StatusCode, apiErr.ErrorCode)
	}
	// Output:
	// order CS... placed (22 characters)
	// refused: /resource_spec_code: enum: must be one of "hss.version.basic", "hss.version.advanced", "hss.version.enterprise", "hss.version.premium", "hss.version.wtp", "hss.version.container.enterprise"
	// refused: /period_type: enum: must be one of 2, 3
	// service said: 401 APIGW.0301
}
