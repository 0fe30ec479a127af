package dsc_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hwcorder/ordergen/generated/dsc"
	"github.com/hwcorder/ordergen/generated/dsc/dscmock"
	"github.com/hwcorder/ordergen/rt"
)

// Hand-written tests of the generated client against the generated mock.

const (
	clientAK      = "HPUAEXAMPLEAKDSC0001"
	clientSK      = "dsc-secret-key-never-printed-0123456789"
	clientToken   = "MIIdsc-token-never-printed"
	clientProject = "0c5d8fa3a480f3b82f15c01d2cf1f5d2"
)

// clientOrderID is Huawei's order ID format as the mock issues it.
var clientOrderID = regexp.MustCompile(`^CS[0-9]{10}[A-Z]{10}$`)

// clientOrder is the spec's example order.
func clientOrder() *dsc.PeriodOrderRequest {
	return &dsc.PeriodOrderRequest{
		ChargingMode:     dsc.ChargingModeYearlyMonthly,
		CloudServiceType: "hws.service.type.sdg",
		PeriodNum:        1,
		PeriodType:       dsc.PeriodTypeMonth,
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
}

func TestClientPlacesSignedOrder(t *testing.T) {
	m := dscmock.Start(t, dscmock.WithKey(clientAK, clientSK))
	c, err := dsc.NewClient(m.URL(), dsc.WithAKSK(clientAK, clientSK), dsc.WithProjectID(clientProject))
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.CreateProductOrder(context.Background(), nil, clientOrder())
	if err != nil {
		t.Fatal(err)
	}
	if res.OrderID == nil || !clientOrderID.MatchString(*res.OrderID) {
		t.Fatalf("order_id = %v, want CS + 10 digits + 10 letters", res.OrderID)
	}
	o, ok := m.Order(*res.OrderID)
	if !ok || o.Operation != "CreateProductOrder" || o.Params["project_id"] != clientProject {
		t.Errorf("mock order = %+v, %v", o, ok)
	}
}

func TestClientPlacesTokenOrder(t *testing.T) {
	m := dscmock.Start(t, dscmock.WithToken(clientToken))
	c, err := dsc.NewClient(m.URL(), dsc.WithToken(clientToken))
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.CreateProductOrder(context.Background(), &dsc.CreateProductOrderParams{ProjectID: "p-explicit"}, clientOrder())
	if err != nil {
		t.Fatal(err)
	}
	if o, ok := m.Order(*res.OrderID); !ok || o.Params["project_id"] != "p-explicit" {
		t.Errorf("mock order = %+v, %v", o, ok)
	}
}

// TestClientRejections drives every kind of rejection and wants each as
// the right error type.
func TestClientRejections(t *testing.T) {
	m := dscmock.Start(t, dscmock.WithKey(clientAK, clientSK), dscmock.WithToken(clientToken))
	ctx := context.Background()
	good, _ := dsc.NewClient(m.URL(), dsc.WithAKSK(clientAK, clientSK), dsc.WithProjectID(clientProject))
	wrongSK, _ := dsc.NewClient(m.URL(), dsc.WithAKSK(clientAK, "not-the-secret-key-0123456789"), dsc.WithProjectID(clientProject))
	unknownAK, _ := dsc.NewClient(m.URL(), dsc.WithAKSK("HPUAUNKNOWNAK0000000", clientSK), dsc.WithProjectID(clientProject))
	wrongToken, _ := dsc.NewClient(m.URL(), dsc.WithToken("MIIwrong-token"), dsc.WithProjectID(clientProject))
	anonymous, _ := dsc.NewClient(m.URL(), dsc.WithProjectID(clientProject))
	// The client's clock cannot be set from outside rt; a mock whose clock
	// runs 16 minutes ahead sees the client's X-Sdk-Date 16 minutes late.
	ahead := dscmock.Start(t, dscmock.WithKey(clientAK, clientSK), rt.WithMockClock(func() time.Time { return time.Now().Add(16 * time.Minute) }))
	skewed, _ := dsc.NewClient(ahead.URL(), dsc.WithAKSK(clientAK, clientSK), dsc.WithProjectID(clientProject))
	unchecked, _ := dsc.NewClient(m.URL(), dsc.WithAKSK(clientAK, clientSK), dsc.WithProjectID(clientProject), dsc.WithoutValidation())

	t.Run("invalid body is not sent", func(t *testing.T) {
		before := len(m.Requests())
		bad := clientOrder()
		bad.ProductInfos = nil
		bad.PeriodNum = 0
		_, err := good.CreateProductOrder(ctx, nil, bad)
		var ve *dsc.ValidationError
		if !errors.As(err, &ve) || len(ve.Violations) == 0 {
			t.Fatalf("err = %v, want *ValidationError", err)
		}
		if got := len(m.Requests()); got != before {
			t.Errorf("the mock saw %d requests, want none", got-before)
		}
	})
	t.Run("missing project id is not sent", func(t *testing.T) {
		noProject, _ := dsc.NewClient(m.URL(), dsc.WithAKSK(clientAK, clientSK))
		_, err := noProject.CreateProductOrder(ctx, nil, clientOrder())
		var ve *dsc.ValidationError
		if !errors.As(err, &ve) || ve.Violations[0].In != "path" || ve.Violations[0].Pointer != "project_id" {
			t.Fatalf("err = %v, want a project_id violation", err)
		}
	})
	t.Run("nil body is not sent", func(t *testing.T) {
		_, err := good.CreateProductOrder(ctx, nil, nil)
		var ve *dsc.ValidationError
		if !errors.As(err, &ve) || ve.Violations[0].Rule != "required" {
			t.Fatalf("err = %v, want a required violation", err)
		}
	})
	cases := []struct {
		name   string
		c      *dsc.Client
		body   *dsc.PeriodOrderRequest
		status int
	}{
		{"server validation", unchecked, &dsc.PeriodOrderRequest{RegionID: "r"}, 400},
		{"wrong secret key", wrongSK, clientOrder(), 401},
		{"unknown access key", unknownAK, clientOrder(), 401},
		{"wrong token", wrongToken, clientOrder(), 401},
		{"no credentials", anonymous, clientOrder(), 401},
		{"X-Sdk-Date 16 minutes off", skewed, clientOrder(), 401},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.c.CreateProductOrder(ctx, nil, tc.body)
			var ae *dsc.APIError
			if !errors.As(err, &ae) {
				t.Fatalf("err = %v, want *APIError", err)
			}
			if ae.StatusCode != tc.status || ae.ErrorCode == "" || ae.ErrorMsg == "" || len(ae.Body) == 0 {
				t.Errorf("APIError = %d %q %q, want %d with code and message", ae.StatusCode, ae.ErrorCode, ae.ErrorMsg, tc.status)
			}
			if tc.c == skewed && !strings.Contains(ae.ErrorMsg, "X-Sdk-Date") {
				t.Errorf("APIError message %q does not blame X-Sdk-Date", ae.ErrorMsg)
			}
			for _, s := range []string{err.Error(), fmt.Sprintf("%+v", err), string(ae.Body)} {
				if strings.Contains(s, clientSK) || strings.Contains(s, clientToken) {
					t.Errorf("secret in %q", s)
				}
			}
		})
	}
	t.Run("server fault", func(t *testing.T) {
		if err := m.AddFault(rt.MockFault{Operation: "CreateProductOrder", Count: 1, Status: 500, ErrorCode: "DSC.00000500", ErrorMsg: "injected"}); err != nil {
			t.Fatal(err)
		}
		_, err := good.CreateProductOrder(ctx, nil, clientOrder())
		var ae *dsc.APIError
		if !errors.As(err, &ae) || ae.StatusCode != 500 || ae.ErrorCode != "DSC.00000500" || ae.ErrorMsg != "injected" {
			t.Fatalf("err = %v, want the injected 500", err)
		}
		if _, err := good.CreateProductOrder(ctx, nil, clientOrder()); err != nil {
			t.Errorf("after the fault: %v", err)
		}
	})
}

func TestClientConcurrentOrders(t *testing.T) {
	m := dscmock.Start(t, dscmock.WithKey(clientAK, clientSK))
	// Connections dialed but never used would hold up the mock's graceful
	// shutdown; close them first (cleanups run last-in, first-out).
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	c, _ := dsc.NewClient(m.URL(), dsc.WithAKSK(clientAK, clientSK), dsc.WithProjectID(clientProject), dsc.WithHTTPClient(&http.Client{Transport: tr}))
	const n = 32
	ids := make([]string, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			res, err := c.CreateProductOrder(context.Background(), nil, clientOrder())
			if err == nil {
				ids[i] = *res.OrderID
			}
			errs[i] = err
		})
	}
	wg.Wait()
	seen := map[string]bool{}
	for i := range n {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		if seen[ids[i]] {
			t.Errorf("order_id %s issued twice", ids[i])
		}
		seen[ids[i]] = true
	}
	if len(m.Orders()) != n {
		t.Errorf("mock holds %d orders, want %d", len(m.Orders()), n)
	}
}
