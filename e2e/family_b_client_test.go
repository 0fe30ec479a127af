package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"sync"
	"testing"

	"github.com/hwcorder/ordergen/generated/apig"
	"github.com/hwcorder/ordergen/generated/cbr"
	"github.com/hwcorder/ordergen/generated/eip"
	"github.com/hwcorder/ordergen/generated/modelarts"
	"github.com/hwcorder/ordergen/generated/nat"
	"github.com/hwcorder/ordergen/generated/workspace"
)

// recordingTransport passes requests on to http.DefaultTransport and keeps
// each one with its body.
type recordingTransport struct {
	mu     sync.Mutex
	reqs   []*http.Request
	bodies [][]byte
}

func (rt *recordingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	var body []byte
	if r.Body != nil {
		body, _ = io.ReadAll(r.Body)
		r.Body.Close()
		r.Body = io.NopCloser(bytes.NewReader(body))
	}
	rt.mu.Lock()
	rt.reqs = append(rt.reqs, r)
	rt.bodies = append(rt.bodies, body)
	rt.mu.Unlock()
	return http.DefaultTransport.RoundTrip(r)
}

// decode fills v from a spec example; a typo fails the test.
func decode(t *testing.T, v any, s string) {
	t.Helper()
	if err := json.Unmarshal([]byte(s), v); err != nil {
		t.Fatalf("%T: %v", v, err)
	}
}

// familyBOurs places each operation's valid order through our generated
// client at url, failing t for every call that errs or answers without an
// order (or job) ID.
func familyBOurs(t *testing.T, url string, hc *http.Client) {
	t.Helper()
	ctx := context.Background()
	check := func(op string, id *string, err error) {
		t.Helper()
		if err != nil {
			t.Errorf("%s: %v", op, err)
		} else if id == nil || *id == "" {
			t.Errorf("%s: no ID in the answer", op)
		}
	}

	nc, err := nat.NewClient(url, nat.WithAKSK(testAK, testSK), nat.WithProjectID(testProject), nat.WithHTTPClient(hc))
	if err != nil {
		t.Fatal(err)
	}
	var natBody nat.UpdateNatGatewayToPeriodRequestBody
	decode(t, &natBody, `{"prepaid_options":{"period_type":"month","period_num":1,"is_auto_renew":false,"is_auto_pay":true}}`)
	nr, err := nc.UpdateNatGatewayToPeriod(ctx, &nat.UpdateNatGatewayToPeriodParams{NatGatewayID: "e1cacb3c-46a0-4c8e-9c4a-91eb63635f62"}, &natBody)
	check("nat", orderIDOf(nr, func(r *nat.UpdateNatGatewayToPeriodResponse) *string { return r.OrderID }), err)

	ec, err := eip.NewClient(url, eip.WithAKSK(testAK, testSK), eip.WithProjectID(testProject), eip.WithHTTPClient(hc))
	if err != nil {
		t.Fatal(err)
	}
	var eipBody eip.CreatePrePaidPublicipRequestBody
	decode(t, &eipBody, `{"publicip":{"type":"5_bgp","ip_version":4},"bandwidth":{"name":"bw","share_type":"PER","size":10},
		"extendParam":{"charge_mode":"prePaid","period_type":"year","period_num":1,"is_auto_pay":true},"enterprise_project_id":"0"}`)
	er, err := ec.CreatePrePaidPublicip(ctx, nil, &eipBody)
	check("eip create", orderIDOf(er, func(r *eip.CreatePrePaidPublicipResponse) *string { return r.OrderID }), err)
	var eipChange eip.ChangeToPeriodReq
	decode(t, &eipChange, `{"publicip_ids":["a","b"],"extendParam":{"charge_mode":"prePaid","period_type":"month","period_num":9}}`)
	ecr, err := ec.ChangePublicipToPeriod(ctx, nil, &eipChange)
	check("eip change", orderIDOf(ecr, func(r *eip.ChangePublicipToPeriodResponse) *string { return r.OrderID }), err)

	cc, err := cbr.NewClient(url, cbr.WithAKSK(testAK, testSK), cbr.WithProjectID(testProject), cbr.WithHTTPClient(hc))
	if err != nil {
		t.Fatal(err)
	}
	var vault cbr.VaultOrderCreateReqs
	decode(t, &vault, `{"vault":{"name":"v","billing":{"consistent_level":"crash_consistent","object_type":"disk","protect_type":"backup",
		"size":40,"charging_mode":"pre_paid","period_type":"year","period_num":1},"resources":[],"tags":[{"key":"k","value":""}]}}`)
	cr, err := cc.CreatePostPaidVault(ctx, nil, &vault)
	check("cbr vault", orderIDOf(cr, func(r *cbr.CreatePostPaidVaultResponse) *string {
		if len(r.Orders) == 0 {
			return nil
		}
		return &r.Orders[0].OrderID
	}), err)
	var change cbr.CbcOrderChange
	decode(t, &change, `{"product_info":{"product_id":"OFFI770585279124463616","resource_size":10485760,"resource_spec_code":"vault.hybrid.server.normal"},"resource_id":"r"}`)
	ccr, err := cc.ChangeOrder(ctx, nil, &change)
	check("cbr change", orderIDOf(ccr, func(r *cbr.ChangeOrderResponse) *string { return r.OrderID }), err)

	ac, err := apig.NewClient(url, apig.WithAKSK(testAK, testSK), apig.WithProjectID(testProject), apig.WithHTTPClient(hc))
	if err != nil {
		t.Fatal(err)
	}
	var order apig.InstanceOrderReq
	decode(t, &order, `{"charging_mode":1,"period_type":3,"period_num":1,"is_auto_renew":1,
		"instance_info":{"instance_name":"实例-one","spec_id":"PLATINUM_X8","maintain_begin":"02:00:00","maintain_end":"06:00:00","tags":[{"key":"a b","value":"c=d"}]}}`)
	ar, err := ac.CreateOrder(ctx, nil, &order)
	check("apig order", orderIDOf(ar, func(r *apig.CreateOrderResponse) *string { return r.OrderID }), err)
	var resize apig.InstanceChangeOrderReq
	decode(t, &resize, `{"product_id":"00301-35126-0--0","resize_info":{"spec_id":"ENTERPRISE"}}`)
	apr, err := ac.CreatePrepayResize(ctx, &apig.CreatePrepayResizeParams{InstanceID: "inst(1)~x"}, &resize)
	check("apig prepay resize", orderIDOf(apr, func(r *apig.CreatePrepayResizeResponse) *string { return r.OrderID }), err)
	apo, err := ac.CreatePostPayResizeOrder(ctx, &apig.CreatePostPayResizeOrderParams{InstanceID: "6a7d71827fd54572b1f31aa9548fcc81"}, resize.ResizeInfo)
	check("apig postpaid resize", orderIDOf(apo, func(r *apig.CreatePostPayResizeOrderResponse) *string { return r.JobID }), err)

	mc, err := modelarts.NewClient(url, modelarts.WithAKSK(testAK, testSK), modelarts.WithProjectID(testProject), modelarts.WithHTTPClient(hc))
	if err != nil {
		t.Fatal(err)
	}
	action, wsID := modelarts.ActionType("toPeriod"), "ws 1&2"
	mr, err := mc.CreateOrderID(ctx, &modelarts.CreateOrderIDParams{Name: "pool-1", ActionType: &action, WorkspaceID: &wsID},
		&modelarts.CreateOrderRequestBody{ActionType: new("toPeriod")})
	check("modelarts", orderIDOf(mr, func(r *modelarts.CreateOrderIDResponse) *string { return r.ID }), err)

	wc, err := workspace.NewClient(url, workspace.WithAKSK(testAK, testSK), workspace.WithProjectID(testProject), workspace.WithHTTPClient(hc))
	if err != nil {
		t.Fatal(err)
	}
	var wsOrder workspace.CreateOrderReq
	decode(t, &wsOrder, `{"type":"createDesktopPool","resources":[{"period_type":3,"period_num":1,"create_desktop_pool":{
		"name":"池-1","type":"DYNAMIC","size":2,"product_id":"p","image_type":"private","image_id":"i",
		"root_volume":{"type":"SSD","size":100},"subnet_ids":["s"],
		"authorized_objects":[{"object_type":"USER_GROUP","object_id":"g","object_name":"ops","user_group":"administrators"}],
		"autoscale_policy":{"autoscale_type":"AUTO_CREATED","max_auto_created":10}}}],"extend_param":{"is_auto_pay":"true"}}`)
	wr, err := wc.CreateOrder(ctx, nil, &wsOrder)
	check("workspace", orderIDOf(wr, func(r *workspace.CreateOrderResponse) *string { return r.OrderID }), err)
}

// orderIDOf returns id(r), or nil when r is nil.
func orderIDOf[R any](r *R, id func(*R) *string) *string {
	if r == nil {
		return nil
	}
	return id(r)
}

// TestFamilyBClientsAgainstCommand places every operation's order through
// our generated clients against cmd/mock (which verifies the AK/SK
// signature) and wants each Authorization header to be the one the
// official SDK's signer computes for the same request.
func TestFamilyBClientsAgainstCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs cmd/mock")
	}
	url := startCommandMock(t, "--ak", testAK, "--sk", testSK)
	rt := &recordingTransport{}
	familyBOurs(t, url, &http.Client{Transport: rt})
	if len(rt.reqs) != 10 {
		t.Fatalf("%d requests sent, want 10 (one per operation)", len(rt.reqs))
	}
	for i, r := range rt.reqs {
		got := r.Header.Get("Authorization")
		if want := sdkResign(t, r, rt.bodies[i], testAK, testSK); got != want || got == "" {
			t.Errorf("%s %s?%s\n ours %s\n  sdk %s", r.Method, r.URL.EscapedPath(), r.URL.RawQuery, got, want)
		}
	}
}
