package model

import "testing"

func TestGoName(t *testing.T) {
	cases := map[string]string{
		"project_id":               "ProjectID",
		"X-Auth-Token":             "XAuthToken",
		"vpc_id":                   "VPCID",
		"enterprise_project_id":    "EnterpriseProjectID",
		"ProductInfoBean":          "ProductInfoBean",
		"ipproductid":              "Ipproductid",
		"hws.service.type":         "HwsServiceType",
		"2fa":                      "N2fa",
		"CreateQuotasOrder":        "CreateQuotasOrder",
		"HTTPServer":               "HTTPServer",
		"resource_size_measure_id": "ResourceSizeMeasureID",
		"public_ip":                "PublicIP",
		"":                         "",
		"__":                       "",
		"is_auto_renew":            "IsAutoRenew",
	}
	for in, want := range cases {
		if got := GoName(in); got != want {
			t.Errorf("GoName(%q) = %q, want %q", in, got, want)
		}
	}
}
