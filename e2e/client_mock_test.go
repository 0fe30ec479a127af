package e2e

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/hwcorder/ordergen/generated/dbss"
	"github.com/hwcorder/ordergen/generated/dsc"
	"github.com/hwcorder/ordergen/generated/hss"
)

// clientOrderIDForm is Huawei's order ID format: CS, yymmddHHMM, then letters (ten from our mock).
var clientOrderIDForm = regexp.MustCompile(`^CS[0-9]{10}[A-Z]{10}$`)

// TestClientAgainstCommand drives our generated clients against cmd/mock
// run as a separate process: valid orders with AK/SK and with a token,
// orders the client refuses, orders the server refuses, wrong credentials.
func TestClientAgainstCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs cmd/mock")
	}
	const ak, sk, token = "HPUACMDTEST000000000", "cmd-test-secret-key-0123456789", "MIIcmd-test-token"
	endpoint := startCommandMock(t, "--ak", ak, "--sk", sk, "--token", token)
	ctx := context.Background()

	// Valid orders, signed and with a token.
	for _, auth := range []struct {
		name string
		dsc  dsc.Option
		dbss dbss.Option
		hss  hss.Option
	}{
		{"aksk", dsc.WithAKSK(ak, sk), dbss.WithAKSK(ak, sk), hss.WithAKSK(ak, sk)},
		{"token", dsc.WithToken(token), dbss.WithToken(token), hss.WithToken(token)},
	} {
		dc, _ := dsc.NewClient(endpoint, auth.dsc, dsc.WithProjectID(benchProject))
		bc, _ := dbss.NewClient(endpoint, auth.dbss, dbss.WithProjectID(benchProject))
		hc, _ := hss.NewClient(endpoint, auth.hss, hss.WithProjectID(benchProject))
		r1, err1 := dc.CreateProductOrder(ctx, nil, oursDSCOrder())
		r2, err2 := bc.CreateDbOmInstancePeriod(ctx, nil, oursDBSSOrder())
		r3, err3 := hc.CreateQuotasOrder(ctx, nil, oursHSSOrder())
		if err := errors.Join(err1, err2, err3); err != nil {
			t.Fatalf("%s: %v", auth.name, err)
		}
		for _, id := range []*string{r1.OrderID, r2.OrderID, r3.OrderID} {
			if id == nil || !clientOrderIDForm.MatchString(*id) {
				t.Errorf("%s: order_id %v", auth.name, id)
			}
		}
	}

	// Refusals, each as its own error type.
	wrongSK, _ := dsc.NewClient(endpoint, dsc.WithAKSK(ak, "wrong-"+sk), dsc.WithProjectID(benchProject))
	wrongToken, _ := hss.NewClient(endpoint, hss.WithToken("MIIwrong"), hss.WithProjectID(benchProject))
	unchecked, _ := dbss.NewClient(endpoint, dbss.WithAKSK(ak, sk), dbss.WithProjectID(benchProject), dbss.WithoutValidation())
	checked, _ := dbss.NewClient(endpoint, dbss.WithAKSK(ak, sk), dbss.WithProjectID(benchProject))
	bad := oursDBSSOrder()
	bad.DeployMode = "NOWHERE"

	var ae *dsc.APIError
	if _, err := wrongSK.CreateProductOrder(ctx, nil, oursDSCOrder()); !errors.As(err, &ae) || ae.StatusCode != 401 || ae.ErrorCode == "" {
		t.Errorf("wrong SK: %v", err)
	} else if strings.Contains(err.Error(), sk) {
		t.Errorf("wrong SK: the secret key is in %q", err)
	}
	var he *hss.APIError
	if _, err := wrongToken.CreateQuotasOrder(ctx, nil, oursHSSOrder()); !errors.As(err, &he) || he.StatusCode != 401 {
		t.Errorf("wrong token: %v", err)
	}
	var be *dbss.APIError
	if _, err := unchecked.CreateDbOmInstancePeriod(ctx, nil, bad); !errors.As(err, &be) || be.StatusCode != 400 || !strings.Contains(be.ErrorMsg, "deploy_mode") {
		t.Errorf("server-side validation: %v", err)
	}
	var ve *dbss.ValidationError
	if _, err := checked.CreateDbOmInstancePeriod(ctx, nil, bad); !errors.As(err, &ve) || ve.Violations[0].Pointer != "/deploy_mode" {
		t.Errorf("client-side validation: %v", err)
	}
}
