package hss_test

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

	"github.com/hwcorder/ordergen/generated/hss"
	"github.com/hwcorder/ordergen/generated/hss/hssmock"
	"github.com/hwcorder/ordergen/rt"
)

// Hand-written tests of the generated client against the generated mock.

const (
	clientAK      = "HPUAEXAMPLEAKHSS0000"
	clientSK      = "hss-secret-key-never-printed-0123456789"
	clientToken   = "MIIhss-token-never-printed"
	clientProject = "0c5d8fa3a480f3b82f15c01d2cf1f5d2"
)

// clientOrderID is Huawei's order ID format as the mock issues it.
var clientOrderID = regexp.MustCompile(`^CS[0-9]{10}[A-Z]{10}$`)

// clientOrder is the spec's example order.
func clientOrder() *hss.CreateQuotasOrderRequestInfo {
	return &hss.CreateQuotasOrderRequestInfo{
		ResourceSpecCode: hss.ResourceSpecCodeEnterprise,
		SubscriptionNum:  1,
		PeriodNum:        1,
		PeriodType:       hss.PeriodTypeMonth,
		IsAutoRenew:      new(false),
		IsAutoPay:        new(false),
	}
}

func TestClientPlacesSignedOrder(t *testing.T) {
	m := hssmock.Start(t, hssmock.WithKey(clientAK, clientSK))
	c, err := hss.NewClient(m.URL(), hss.WithAKSK(clientAK, clientSK), hss.WithProjectID(clientProject))
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.CreateQuotasOrder(context.Background(), nil, clientOrder())
	if err != nil {
		t.Fatal(err)
	}
	if res.OrderID == nil || !clientOrderID.MatchString(*res.OrderID) {
		t.Fatalf("order_id = %v, want CS + 10 digits + 10 letters", res.OrderID)
	}
	o, ok := m.Order(*res.OrderID)
	if !ok || o.Operation != "CreateQuotasOrder" || o.Params["project_id"] != clientProject {
		t.Errorf("mock order = %+v, %v", o, ok)
	}
}

func TestClientPlacesTokenOrder(t *testing.T) {
	m := hssmock.Start(t, hssmock.WithToken(clientToken))
	c, err := hss.NewClient(m.URL(), hss.WithToken(clientToken))
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.CreateQuotasOrder(context.Background(), &hss.CreateQuotasOrderParams{ProjectID: "p-explicit"}, clientOrder())
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
	m := hssmock.Start(t, hssmock.WithKey(clientAK, clientSK), hssmock.WithToken(clientToken))
	ctx := context.Background()
	good, _ := hss.NewClient(m.URL(), hss.WithAKSK(clientAK, clientSK), hss.WithProjectID(clientProject))
	wrongSK, _ := hss.NewClient(m.URL(), hss.WithAKSK(clientAK, "not-the-secret-key-0123456789"), hss.WithProjectID(clientProject))
	unknownAK, _ := hss.NewClient(m.URL(), hss.WithAKSK("HPUAUNKNOWNAK0000000", clientSK), hss.WithProjectID(clientProject))
	wrongToken, _ := hss.NewClient(m.URL(), hss.WithToken("MIIwrong-token"), hss.WithProjectID(clientProject))
	anonymous, _ := hss.NewClient(m.URL(), hss.WithProjectID(clientProject))
	// The client's clock cannot be set from outside rt; a mock whose clock
	// runs 16 minutes ahead sees the client's X-Sdk-Date 16 minutes late.
	ahead := hssmock.Start(t, hssmock.WithKey(clientAK, clientSK), rt.WithMockClock(func() time.Time { return time.Now().Add(16 * time.Minute) }))
	skewed, _ := hss.NewClient(ahead.URL(), hss.WithAKSK(clientAK, clientSK), hss.WithProjectID(clientProject))
	unchecked, _ := hss.NewClient(m.URL(), hss.WithAKSK(clientAK, clientSK), hss.WithProjectID(clientProject), hss.WithoutValidation())

	t.Run("invalid body is not sent", func(t *testing.T) {
		before := len(m.Requests())
		bad := clientOrder()
		bad.ResourceSpecCode = "hss.version.none"
		bad.PeriodNum = 0
		_, err := good.CreateQuotasOrder(ctx, nil, bad)
		var ve *hss.ValidationError
		if !errors.As(err, &ve) || len(ve.Violations) == 0 {
			t.Fatalf("err = %v, want *ValidationError", err)
		}
		if got := len(m.Requests()); got != before {
			t.Errorf("the mock saw %d requests, want none", got-before)
		}
	})
	t.Run("missing project id is not sent", func(t *testing.T) {
		noProject, _ := hss.NewClient(m.URL(), hss.WithAKSK(clientAK, clientSK))
		_, err := noProject.CreateQuotasOrder(ctx, nil, clientOrder())
		var ve *hss.ValidationError
		if !errors.As(err, &ve) || ve.Violations[0].In != "path" || ve.Violations[0].Pointer != "project_id" {
			t.Fatalf("err = %v, want a project_id violation", err)
		}
	})
	t.Run("nil body is not sent", func(t *testing.T) {
		_, err := good.CreateQuotasOrder(ctx, nil, nil)
		var ve *hss.ValidationError
		if !errors.As(err, &ve) || ve.Violations[0].Rule != "required" {
			t.Fatalf("err = %v, want a required violation", err)
		}
	})
	cases := []struct {
		name   string
		c      *hss.Client
		body   *hss.CreateQuotasOrderRequestInfo
		status int
	}{
		{"server validation", unchecked, &hss.CreateQuotasOrderRequestInfo{ResourceSpecCode: "x"}, 400},
		{"wrong secret key", wrongSK, clientOrder(), 401},
		{"unknown access key", unknownAK, clientOrder(), 401},
		{"wrong token", wrongToken, clientOrder(), 401},
		{"no credentials", anonymous, clientOrder(), 401},
		{"X-Sdk-Date 16 minutes off", skewed, clientOrder(), 401},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.c.CreateQuotasOrder(ctx, nil, tc.body)
			var ae *hss.APIError
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
		if err := m.AddFault(rt.MockFault{Operation: "CreateQuotasOrder", Count: 1, Status: 500, ErrorCode: "HSS.00000500", ErrorMsg: "injected"}); err != nil {
			t.Fatal(err)
		}
		_, err := good.CreateQuotasOrder(ctx, nil, clientOrder())
		var ae *hss.APIError
		if !errors.As(err, &ae) || ae.StatusCode != 500 || ae.ErrorCode != "HSS.00000500" || ae.ErrorMsg != "injected" {
			t.Fatalf("err = %v, want the injected 500", err)
		}
		if _, err := good.CreateQuotasOrder(ctx, nil, clientOrder()); err != nil {
			t.Errorf("after the fault: %v", err)
		}
	})
}

func TestClientConcurrentOrders(t *testing.T) {
	m := hssmock.Start(t, hssmock.WithKey(clientAK, clientSK))
	// Connections dialed but never used would hold up the mock's graceful
	// shutdown; close them first (cleanups run last-in, first-out).
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	c, _ := hss.NewClient(m.URL(), hss.WithAKSK(clientAK, clientSK), hss.WithProjectID(clientProject), hss.WithHTTPClient(&http.Client{Transport: tr}))
	const n = 32
	ids := make([]string, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			res, err := c.CreateQuotasOrder(context.Background(), nil, clientOrder())
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

func TestClientSendsQueryAndHeaders(t *testing.T) {
	m := hssmock.Start(t, hssmock.WithToken(clientToken))
	c, _ := hss.NewClient(m.URL(), hss.WithToken(clientToken), hss.WithProjectID(clientProject))
	eps, region := "all_granted_eps", "cn-north-4"
	params := &hss.CreateQuotasOrderParams{EnterpriseProjectID: &eps, Region: &region}
	if _, err := c.CreateQuotasOrder(context.Background(), params, clientOrder()); err != nil {
		t.Fatal(err)
	}
	reqs := m.Requests()
	r := reqs[len(reqs)-1]
	if r.Query != "enterprise_project_id=all_granted_eps" || r.Header.Get("Region") != region || r.Header.Get("X-Auth-Token") != "******" {
		t.Errorf("recorded query %q, Region %q, X-Auth-Token %q", r.Query, r.Header.Get("Region"), r.Header.Get("X-Auth-Token"))
	}
}
