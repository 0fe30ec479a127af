package main

import "testing"

// TestServicesOwnTheirPaths routes a concrete path of every operation and
// wants exactly one service to claim it, the one that has the operation:
// the services' path templates do not clash.
func TestServicesOwnTheirPaths(t *testing.T) {
	const p = "0123456789abcdef0123456789abcdef"
	owner := map[string]string{
		"/v1/" + p + "/period/order":                                                 "dsc",
		"/v2/" + p + "/db-om/charge/period/order":                                    "dbss",
		"/v5/" + p + "/quotas/orders":                                                "hss",
		"/v1/" + p + "/cbs/period/order":                                             "cbh",
		"/v1/private-certificate-authorities/order":                                  "ccm",
		"/v2/" + p + "/orders/instances/2f2e6a32-2a6d-4e0b-9d6c-1b0f0c1f6a11/resize": "dcs",
		"/v3/" + p + "/orders/elastic-resource-pools/specification-change":           "dli",
		"/v1/" + p + "/subscriptions/orders":                                         "secmaster",
		"/v1/" + p + "/waf/subscription/purchase/prepaid-cloud-waf":                  "waf",
		"/v1/" + p + "/cbs/period/order/extra":                                       "",
		"/v1/private-certificate-authorities":                                        "",
	}
	svcs := services(config{maxRecords: 10}, nil)
	if len(svcs) != 9 {
		t.Errorf("%d services, want 9", len(svcs))
	}
	for path, want := range owner {
		var claimed []string
		for _, s := range svcs {
			if s.mock.Handles(path) {
				claimed = append(claimed, s.name)
			}
		}
		switch {
		case want == "" && len(claimed) != 0:
			t.Errorf("%s: claimed by %v, want no service", path, claimed)
		case want != "" && (len(claimed) != 1 || claimed[0] != want):
			t.Errorf("%s: claimed by %v, want %s alone", path, claimed, want)
		}
	}
}
