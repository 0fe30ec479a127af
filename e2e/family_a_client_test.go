package e2e

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/hwcorder/ordergen/generated/cbh"
	"github.com/hwcorder/ordergen/generated/ccm"
	"github.com/hwcorder/ordergen/generated/dcs"
	"github.com/hwcorder/ordergen/generated/dli"
	"github.com/hwcorder/ordergen/generated/secmaster"
	"github.com/hwcorder/ordergen/generated/waf"
)

// mockOrder is an order as cmd/mock's admin API lists it.
type mockOrder struct {
	ID        string            `json:"order_id"`
	Operation string            `json:"operation"`
	Params    map[string]string `json:"params"`
	Body      json.RawMessage   `json:"body"`
}

// TestFamilyAClientAgainstCommand drives our generated clients of the six
// operations against cmd/mock run as a separate process: valid orders
// with AK/SK and with a token (kept by the mock with their parameters),
// an order the server refuses (*APIError with the service's code), the
// same order refused by the client before sending (*ValidationError), and
// a wrong token.
func TestFamilyAClientAgainstCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs cmd/mock")
	}
	const ak, sk, token = "HPUAFAMILYA000000000", "family-a-secret-key-0123456789", "MIIfamily-a-token"
	endpoint := startCommandMock(t, "--ak", ak, "--sk", sk, "--token", token)
	ctx := context.Background()
	const instance = "in stance~(1)"

	// Valid orders, signed and with a token: 6 operations x 2.
	ids := map[string]string{} // order ID -> operation
	for _, auth := range []struct {
		name      string
		cbh       cbh.Option
		secmaster secmaster.Option
		ccm       ccm.Option
		waf       waf.Option
		dli       dli.Option
		dcs       dcs.Option
	}{
		{"aksk", cbh.WithAKSK(ak, sk), secmaster.WithAKSK(ak, sk), ccm.WithAKSK(ak, sk), waf.WithAKSK(ak, sk), dli.WithAKSK(ak, sk), dcs.WithAKSK(ak, sk)},
		{"token", cbh.WithToken(token), secmaster.WithToken(token), ccm.WithToken(token), waf.WithToken(token), dli.WithToken(token), dcs.WithToken(token)},
	} {
		name := auth.name
		cb, _ := cbh.NewClient(endpoint, auth.cbh, cbh.WithProjectID(testProject))
		sm, _ := secmaster.NewClient(endpoint, auth.secmaster, secmaster.WithProjectID(testProject))
		cc, _ := ccm.NewClient(endpoint, auth.ccm)
		wc, _ := waf.NewClient(endpoint, auth.waf, waf.WithProjectID(testProject))
		lc, _ := dli.NewClient(endpoint, auth.dli, dli.WithProjectID(testProject))
		dc, _ := dcs.NewClient(endpoint, auth.dcs, dcs.WithProjectID(testProject))

		r1, err1 := cb.CreateInstanceOrder(ctx, nil, oursCBHOrder())
		r2, err2 := sm.CreateSubscriptionOrder(ctx, &secmaster.CreateSubscriptionOrderParams{XLanguage: secmaster.XLanguageZhCn}, oursSecMasterOrder())
		r3, err3 := cc.CreateCertificateAuthorityOrder(ctx, nil, oursCCMOrder())
		eps := "all_granted_eps"
		r4, err4 := wc.CreatePrepaidCloudWaf(ctx, &waf.CreatePrepaidCloudWafParams{EnterpriseProjectID: &eps}, oursWAFOrder())
		r5, err5 := lc.CreatePeriodElasticResourcePoolSpecChangeOrder(ctx, nil, oursDLIOrder())
		r6, err6 := dc.CreateResizeOrder(ctx, &dcs.CreateResizeOrderParams{InstanceID: instance}, oursDCSOrder())
		if err := errors.Join(err1, err2, err3, err4, err5, err6); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for op, id := range map[string]*string{
			"CreateInstanceOrder": r1.OrderID, "CreateSubscriptionOrder": r2.OrderID,
			"CreateCertificateAuthorityOrder": r3.OrderID, "CreatePrepaidCloudWaf": r4.OrderID,
			"CreatePeriodElasticResourcePoolSpecChangeOrder": r5.OrderID, "CreateResizeOrder": r6.OrderID,
		} {
			if id == nil || !clientOrderIDForm.MatchString(*id) {
				t.Errorf("%s: %s: order ID %v", name, op, id)
				continue
			}
			ids[*id] = op
		}
	}

	// The mock kept each order under its operation, with its parameters.
	resp, err := http.Get(endpoint + "/__mock/orders")
	if err != nil {
		t.Fatal(err)
	}
	var orders []mockOrder
	err = json.NewDecoder(resp.Body).Decode(&orders)
	resp.Body.Close()
	if err != nil || len(orders) != len(ids) || len(ids) != 12 {
		t.Fatalf("mock orders: %v, %d orders, want the 12 placed (%d IDs)", err, len(orders), len(ids))
	}
	for _, o := range orders {
		if ids[o.ID] != o.Operation {
			t.Errorf("mock order %s: operation %s, want %s", o.ID, o.Operation, ids[o.ID])
		}
		switch o.Operation {
		case "CreateResizeOrder":
			if o.Params["instance_id"] != instance || o.Params["project_id"] != testProject {
				t.Errorf("dcs order params %v, want instance_id %q", o.Params, instance)
			}
			if strings.Contains(string(o.Body), "Secret-p4ss") {
				t.Errorf("dcs order body %s keeps the password", o.Body)
			}
		case "CreateSubscriptionOrder":
			if o.Params["X-Language"] != "zh-cn" {
				t.Errorf("secmaster order params %v, want X-Language zh-cn", o.Params)
			}
		case "CreatePrepaidCloudWaf":
			if o.Params["enterprise_project_id"] != "all_granted_eps" {
				t.Errorf("waf order params %v", o.Params)
			}
		}
	}

	// The server refuses what the client was told not to check, with the
	// service's own error code; the checking client refuses it first.
	badDLI := oursDLIOrder()
	badDLI.ElasticResourcePoolName = "123" // only digits
	unchecked, _ := dli.NewClient(endpoint, dli.WithAKSK(ak, sk), dli.WithProjectID(testProject), dli.WithoutValidation())
	checked, _ := dli.NewClient(endpoint, dli.WithAKSK(ak, sk), dli.WithProjectID(testProject))
	var ae *dli.APIError
	if _, err := unchecked.CreatePeriodElasticResourcePoolSpecChangeOrder(ctx, nil, badDLI); !errors.As(err, &ae) || ae.StatusCode != 400 || ae.ErrorCode != "DLI.0001" || !strings.Contains(ae.ErrorMsg, "elastic_resource_pool_name") {
		t.Errorf("dli server-side validation: %v", err)
	}
	var ve *dli.ValidationError
	if _, err := checked.CreatePeriodElasticResourcePoolSpecChangeOrder(ctx, nil, badDLI); !errors.As(err, &ve) || ve.Violations[0].Pointer != "/elastic_resource_pool_name" {
		t.Errorf("dli client-side validation: %v", err)
	}
	badCBH := oursCBHOrder()
	badCBH.PeriodNum = 11 // maximum 10
	uncheckedCBH, _ := cbh.NewClient(endpoint, cbh.WithAKSK(ak, sk), cbh.WithProjectID(testProject), cbh.WithoutValidation())
	var ce *cbh.APIError
	if _, err := uncheckedCBH.CreateInstanceOrder(ctx, nil, badCBH); !errors.As(err, &ce) || ce.StatusCode != 400 || ce.ErrorCode != "CBH.10020010" {
		t.Errorf("cbh server-side validation: %v", err)
	}

	// A wrong token is the gateway's 401.
	wrong, _ := ccm.NewClient(endpoint, ccm.WithToken("MIIwrong"))
	var ge *ccm.APIError
	if _, err := wrong.CreateCertificateAuthorityOrder(ctx, nil, oursCCMOrder()); !errors.As(err, &ge) || ge.StatusCode != 401 {
		t.Errorf("ccm wrong token: %v", err)
	}
}
