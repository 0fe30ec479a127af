package main

import "testing"

// TestServicesOwnTheirPaths routes a concrete path of every operation and
// wants exactly one service to claim it, the one that has the operation:
// the services' path templates do not clash.
func TestServicesOwnTheirPaths(t *testing.T) {
	const p = "0123456789abcdef0123456789abcdef"
	owner := map[string]string{
		"/v1/" + p + "/period/order":                                                       "dsc",
		"/v2/" + p + "/db-om/charge/period/order":                                          "dbss",
		"/v5/" + p + "/quotas/orders":                                                      "hss",
		"/v1/" + p + "/cbs/period/order":                                                   "cbh",
		"/v1/private-certificate-authorities/order":                                        "ccm",
		"/v2/" + p + "/orders/instances/2f2e6a32-2a6d-4e0b-9d6c-1b0f0c1f6a11/resize":       "dcs",
		"/v3/" + p + "/orders/elastic-resource-pools/specification-change":                 "dli",
		"/v1/" + p + "/subscriptions/orders":                                               "secmaster",
		"/v1/" + p + "/waf/subscription/purchase/prepaid-cloud-waf":                        "waf",
		"/v2/" + p + "/apigw/prepay-instances":                                             "apig",
		"/v2/" + p + "/apigw/instances/6a7d71827fd54572b1f31aa9548fcc81/prepay-resize":     "apig",
		"/v2/" + p + "/apigw/instances/6a7d71827fd54572b1f31aa9548fcc81/postpaid-resize":   "apig",
		"/v3/" + p + "/vaults/order":                                                       "cbr",
		"/v3/" + p + "/orders/change":                                                      "cbr",
		"/v2.0/" + p + "/publicips":                                                        "eip",
		"/v2.0/" + p + "/publicips/change-to-period":                                       "eip",
		"/v2/" + p + "/pools/pool-1/orderid":                                               "modelarts",
		"/v2/" + p + "/nat_gateways/e1cacb3c-46a0-4c8e-9c4a-91eb63635f62/change_to_period": "nat",
		"/v2/" + p + "/periodic/subscribe/order":                                           "workspace",
		"/v3/" + p + "/orders/elastic-resource-pools":                                      "",
		"/v2/" + p + "/apigw/instances/x":                                                  "",
		"/v1/" + p + "/cbs/period/order/extra":                                             "",
		"/v1/private-certificate-authorities":                                              "",
	}
	svcs := services(config{maxRecords: 10}, nil)
	if len(svcs) != 15 {
		t.Errorf("%d services, want 15", len(svcs))
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
