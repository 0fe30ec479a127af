package dbss_test

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

	"github.com/hwcorder/ordergen/generated/dbss"
	"github.com/hwcorder/ordergen/generated/dbss/dbssmock"
	"github.com/hwcorder/ordergen/rt"
)

// Hand-written tests of the generated client against the generated mock.

const (
	clientAK      = "HPUAEXAMPLEAKDBSS000"
	clientSK      = "dbss-secret-key-never-printed-0123456789"
	clientToken   = "MIIdbss-token-never-printed"
	clientProject = "0c5d8fa3a480f3b82f15c01d2cf1f5d2"
)

// clientOrderID is Huawei's order ID format as the mock issues it.
var clientOrderID = regexp.MustCompile(`^CS[0-9]{10}[A-Z]{10}$`)

// clientOrder is the spec's example order.
func clientOrder() *dbss.ChargeOrderDbssNew {
	return &dbss.ChargeOrderDbssNew{
		FlavorRef:        "s6.2xlarge.2",
		Name:             "DBSS-f5e1",
		VPCID:            "21f3dac4-f460-4173-ba5e-cb7a0d528605",
		AvailabilityZone: "cn-north-7c,cn-north-7c",
		Nics:             []dbss.Nic{{SubnetID: new("cbed162e-045a-4afd-aa2b-0da11219989c")}},
		SecurityGroups:   []dbss.SecurityGroup{{ID: new("0070ec22-bae4-4df3-af3d-9f928297b3b7")}},
		CloudServiceType: "hws.service.type.dbss",
		ChargingMode:     0,
		PeriodType:       2,
		PeriodNum:        1,
		SubscriptionNum:  1,
		IsAutoRenew:      dbss.IsAutoRenewManual,
		ProductInfos: []dbss.ProductInfoBeanNew{{
			ProductID:        new("OFFI10097xxxxxxxxxxxx693761"),
			CloudServiceType: new("hws.service.type.dbss"),
			ResourceType:     new("hws.resource.type.dbss.opsmgmt"),
			ResourceSpecCode: new("dbss.opsmgmt.high"),
		}},
		RegionID:            new("cn-north-7"),
		HxPassword:          clientPassword,
		AssetNums:           10,
		ImageBusinessType:   1,
		EnterpriseProjectID: "0",
		DeployMode:          dbss.DeployModeCloud,
	}
}

func TestClientPlacesSignedOrder(t *testing.T) {
	m := dbssmock.Start(t, dbssmock.WithKey(clientAK, clientSK))
	c, err := dbss.NewClient(m.URL(), dbss.WithAKSK(clientAK, clientSK), dbss.WithProjectID(clientProject))
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.CreateDbOmInstancePeriod(context.Background(), nil, clientOrder())
	if err != nil {
		t.Fatal(err)
	}
	if res.OrderID == nil || !clientOrderID.MatchString(*res.OrderID) {
		t.Fatalf("order_id = %v, want CS + 10 digits + 10 letters", res.OrderID)
	}
	o, ok := m.Order(*res.OrderID)
	if !ok || o.Operation != "CreateDbOmInstancePeriod" || o.Params["project_id"] != clientProject {
		t.Errorf("mock order = %+v, %v", o, ok)
	}
}

func TestClientPlacesTokenOrder(t *testing.T) {
	m := dbssmock.Start(t, dbssmock.WithToken(clientToken))
	c, err := dbss.NewClient(m.URL(), dbss.WithToken(clientToken))
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.CreateDbOmInstancePeriod(context.Background(), &dbss.CreateDbOmInstancePeriodParams{ProjectID: "0c5d8fa3a480f3b82f15c01d2cf1f5d2-explicit"}, clientOrder())
	if err != nil {
		t.Fatal(err)
	}
	if o, ok := m.Order(*res.OrderID); !ok || o.Params["project_id"] != "0c5d8fa3a480f3b82f15c01d2cf1f5d2-explicit" {
		t.Errorf("mock order = %+v, %v", o, ok)
	}
}

// TestClientRejections drives every kind of rejection and wants each as
// the right error type.
func TestClientRejections(t *testing.T) {
	m := dbssmock.Start(t, dbssmock.WithKey(clientAK, clientSK), dbssmock.WithToken(clientToken))
	ctx := context.Background()
	good, _ := dbss.NewClient(m.URL(), dbss.WithAKSK(clientAK, clientSK), dbss.WithProjectID(clientProject))
	wrongSK, _ := dbss.NewClient(m.URL(), dbss.WithAKSK(clientAK, "not-the-secret-key-0123456789"), dbss.WithProjectID(clientProject))
	unknownAK, _ := dbss.NewClient(m.URL(), dbss.WithAKSK("HPUAUNKNOWNAK0000000", clientSK), dbss.WithProjectID(clientProject))
	wrongToken, _ := dbss.NewClient(m.URL(), dbss.WithToken("MIIwrong-token"), dbss.WithProjectID(clientProject))
	anonymous, _ := dbss.NewClient(m.URL(), dbss.WithProjectID(clientProject))
	// The client's clock cannot be set from outside rt; a mock whose clock
	// runs 16 minutes ahead sees the client's X-Sdk-Date 16 minutes late.
	ahead := dbssmock.Start(t, dbssmock.WithKey(clientAK, clientSK), rt.WithMockClock(func() time.Time { return time.Now().Add(16 * time.Minute) }))
	skewed, _ := dbss.NewClient(ahead.URL(), dbss.WithAKSK(clientAK, clientSK), dbss.WithProjectID(clientProject))
	unchecked, _ := dbss.NewClient(m.URL(), dbss.WithAKSK(clientAK, clientSK), dbss.WithProjectID(clientProject), dbss.WithoutValidation())

	t.Run("invalid body is not sent", func(t *testing.T) {
		before := len(m.Requests())
		bad := clientOrder()
		bad.ProductInfos = nil
		bad.DeployMode = "NOWHERE"
		_, err := good.CreateDbOmInstancePeriod(ctx, nil, bad)
		var ve *dbss.ValidationError
		if !errors.As(err, &ve) || len(ve.Violations) == 0 {
			t.Fatalf("err = %v, want *ValidationError", err)
		}
		if got := len(m.Requests()); got != before {
			t.Errorf("the mock saw %d requests, want none", got-before)
		}
	})
	t.Run("missing project id is not sent", func(t *testing.T) {
		noProject, _ := dbss.NewClient(m.URL(), dbss.WithAKSK(clientAK, clientSK))
		_, err := noProject.CreateDbOmInstancePeriod(ctx, nil, clientOrder())
		var ve *dbss.ValidationError
		if !errors.As(err, &ve) || ve.Violations[0].In != "path" || ve.Violations[0].Pointer != "project_id" {
			t.Fatalf("err = %v, want a project_id violation", err)
		}
	})
	t.Run("nil body is not sent", func(t *testing.T) {
		_, err := good.CreateDbOmInstancePeriod(ctx, nil, nil)
		var ve *dbss.ValidationError
		if !errors.As(err, &ve) || ve.Violations[0].Rule != "required" {
			t.Fatalf("err = %v, want a required violation", err)
		}
	})
	cases := []struct {
		name   string
		c      *dbss.Client
		body   *dbss.ChargeOrderDbssNew
		status int
	}{
		{"server validation", unchecked, &dbss.ChargeOrderDbssNew{Name: "x", HxPassword: clientPassword}, 400},
		{"wrong secret key", wrongSK, clientOrder(), 401},
		{"unknown access key", unknownAK, clientOrder(), 401},
		{"wrong token", wrongToken, clientOrder(), 401},
		{"no credentials", anonymous, clientOrder(), 401},
		{"X-Sdk-Date 16 minutes off", skewed, clientOrder(), 401},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.c.CreateDbOmInstancePeriod(ctx, nil, tc.body)
			var ae *dbss.APIError
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
		if err := m.AddFault(rt.MockFault{Operation: "CreateDbOmInstancePeriod", Count: 1, Status: 500, ErrorCode: "DBSS.00000500", ErrorMsg: "injected"}); err != nil {
			t.Fatal(err)
		}
		_, err := good.CreateDbOmInstancePeriod(ctx, nil, clientOrder())
		var ae *dbss.APIError
		if !errors.As(err, &ae) || ae.StatusCode != 500 || ae.ErrorCode != "DBSS.00000500" || ae.ErrorMsg != "injected" {
			t.Fatalf("err = %v, want the injected 500", err)
		}
		if _, err := good.CreateDbOmInstancePeriod(ctx, nil, clientOrder()); err != nil {
			t.Errorf("after the fault: %v", err)
		}
	})
}

func TestClientConcurrentOrders(t *testing.T) {
	m := dbssmock.Start(t, dbssmock.WithKey(clientAK, clientSK))
	// Connections dialed but never used would hold up the mock's graceful
	// shutdown; close them first (cleanups run last-in, first-out).
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	c, _ := dbss.NewClient(m.URL(), dbss.WithAKSK(clientAK, clientSK), dbss.WithProjectID(clientProject), dbss.WithHTTPClient(&http.Client{Transport: tr}))
	const n = 32
	ids := make([]string, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			res, err := c.CreateDbOmInstancePeriod(context.Background(), nil, clientOrder())
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

// clientPassword is the instance password of the test orders; it must never
// be printed.
const clientPassword = "Dbss-Pa55word-never-printed!"

// TestClientNeverPrintsPassword greps errors and printed values for the
// hx_password of an order the server and the client both reject.
func TestClientNeverPrintsPassword(t *testing.T) {
	m := dbssmock.Start(t, dbssmock.WithKey(clientAK, clientSK))
	ctx := context.Background()
	unchecked, _ := dbss.NewClient(m.URL(), dbss.WithAKSK(clientAK, clientSK), dbss.WithProjectID(clientProject), dbss.WithoutValidation())
	checked, _ := dbss.NewClient(m.URL(), dbss.WithAKSK(clientAK, clientSK), dbss.WithProjectID(clientProject))
	bad := clientOrder()
	bad.DeployMode = "NOWHERE"
	var texts []string
	for _, c := range []*dbss.Client{unchecked, checked} {
		_, err := c.CreateDbOmInstancePeriod(ctx, nil, bad)
		if err == nil {
			t.Fatal("an invalid order was accepted")
		}
		texts = append(texts, err.Error(), fmt.Sprintf("%v %+v %#v", err, err, err))
		var ae *dbss.APIError
		if errors.As(err, &ae) {
			texts = append(texts, string(ae.Body))
		}
	}
	texts = append(texts, fmt.Sprintf("%v %+v %#v %s", bad, bad, bad, bad.String()))
	for _, r := range m.Requests() {
		texts = append(texts, string(r.Body))
	}
	for _, s := range texts {
		if strings.Contains(s, clientPassword) {
			t.Errorf("password in %q", s)
		}
	}
}
