package dsc_test

import (
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hwcorder/ordergen/generated/dsc/dscmock"
	"github.com/hwcorder/ordergen/rt"
)

const orderPath = "/v1/p1/period/order"

// validOrder is the spec's request example.
const validOrder = `{"charging_mode": 0, "cloud_service_type": "hws.service.type.sdg",
  "is_auto_renew": 0, "period_num": 1, "period_type": 2, "region_id": "cn-north-4", "zone": "CH",
  "product_infos": [{"cloud_service_type": "hws.service.type.sdg", "product_id": "p-1",
    "resource_size": 30, "resource_size_measure_id": 30,
    "resource_spec_code": "base_professional", "resource_type": "hws.resource.type.dsc.base"}]}`

// post sends body with the given headers and decodes the JSON reply.
func post(t *testing.T, url, path, body string, hdr map[string]string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest("POST", url+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("reply is not a JSON object: %s", b)
	}
	return resp.StatusCode, out
}

func TestMockOrders(t *testing.T) {
	m := dscmock.Start(t, dscmock.WithToken("tok"))
	tok := map[string]string{"X-Auth-Token": "tok"}
	st, out := post(t, m.URL(), orderPath, validOrder, tok)
	id, _ := out["order_id"].(string)
	if st != 200 || !regexp.MustCompile(`^CS\d{10}[A-Z]{10}$`).MatchString(id) || len(out) != 1 {
		t.Fatalf("valid order: %d %v, want 200 and only a fresh order_id", st, out)
	}
	if o, ok := m.Order(id); !ok || o.Params["project_id"] != "p1" {
		t.Errorf("order %s: %+v %v", id, o, ok)
	}
	for _, tc := range []struct{ name, body, msg string }{
		{"missing zone", strings.Replace(validOrder, `"zone": "CH"`, `"zonе": "CH"`, 1),
			"invalid request: /zone: required: is required"},
		{"period_type 4", strings.Replace(validOrder, `"period_type": 2`, `"period_type": 4`, 1),
			"invalid request: /period_type: enum: must be one of 2, 3"},
		{"product without id", strings.Replace(validOrder, `"product_id": "p-1",`, ``, 1),
			"invalid request: /product_infos/0/product_id: required: is required"},
		{"string for integer", strings.Replace(validOrder, `"resource_size": 30`, `"resource_size": "30"`, 1),
			"invalid request: /product_infos/0/resource_size: type: must be an integer (int32), not a string"},
		{"malformed", `{"charging_mode": 0,,}`, "malformed JSON at byte 20: expected a string as an object key"},
	} {
		st, out := post(t, m.URL(), orderPath, tc.body, tok)
		// DSC's error body is error_code and error_msg only.
		if st != 400 || out["error_code"] != "dsc.40000011" || out["error_msg"] != tc.msg || len(out) != 2 {
			t.Errorf("%s: %d %v\nwant 400 dsc.40000011 %q", tc.name, st, out, tc.msg)
		}
	}
	if n := len(m.Orders()); n != 1 {
		t.Errorf("%d orders, want 1", n)
	}
}

func TestMockSignature(t *testing.T) {
	now := time.Now()
	m := dscmock.Start(t, dscmock.WithKey("AK", "SK"))
	for _, tc := range []struct {
		sk   string
		at   time.Time
		want int
	}{{"SK", now, 200}, {"XX", now, 401}, {"SK", now.Add(-20 * time.Minute), 401}} {
		req, _ := http.NewRequest("POST", m.URL()+orderPath, strings.NewReader(validOrder))
		req.Header.Set("Content-Type", "application/json")
		if err := rt.SignForTest(req, []byte(validOrder), "AK", tc.sk, tc.at); err != nil {
			t.Fatal(err)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.want {
			t.Errorf("sk %s at %s: %d, want %d", tc.sk, tc.at, resp.StatusCode, tc.want)
		}
	}
}

func TestMockConcurrentOrders(t *testing.T) {
	m := dscmock.Start(t)
	const workers, each = 40, 10
	var mu sync.Mutex
	ids := map[string]bool{}
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for range each {
				st, out := post(t, m.URL(), orderPath, validOrder, map[string]string{"X-Auth-Token": "any"})
				id, _ := out["order_id"].(string)
				mu.Lock()
				if st != 200 || id == "" || ids[id] {
					t.Errorf("order: %d %v (repeated: %v)", st, out, ids[id])
				}
				ids[id] = true
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(ids) != workers*each || len(m.Orders()) != workers*each {
		t.Errorf("%d IDs, %d orders; want %d", len(ids), len(m.Orders()), workers*each)
	}
}
