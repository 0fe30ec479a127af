package hss_test

import (
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hwcorder/ordergen/generated/hss/hssmock"
	"github.com/hwcorder/ordergen/rt"
)

const orderPath = "/v5/p1/quotas/orders"

// validOrder is the spec's request example.
const validOrder = `{"resource_spec_code": "hss.version.enterprise", "subscription_num": 1,
  "period_num": 1, "period_type": 2, "is_auto_renew": false, "is_auto_pay": false}`

// post sends body with the given headers and decodes the JSON reply.
func post(t *testing.T, url, path, body string, hdr map[string]string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest("POST", url+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
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
	m := hssmock.Start(t, hssmock.WithToken("tok"))
	tok := map[string]string{"X-Auth-Token": "tok"}
	st, out := post(t, m.URL(), orderPath+"?enterprise_project_id=0", validOrder, tok)
	id, _ := out["order_id"].(string)
	if st != 200 || !regexp.MustCompile(`^CS\d{10}[A-Z]{10}$`).MatchString(id) {
		t.Fatalf("valid order: %d %v", st, out)
	}
	if o, ok := m.Order(id); !ok || o.Params["enterprise_project_id"] != "0" || o.Params["project_id"] != "p1" {
		t.Errorf("order %s: %+v %v", id, o, ok)
	}
	for _, tc := range []struct{ name, path, region, body, msg string }{
		{"bad edition", orderPath, "", strings.Replace(validOrder, "hss.version.enterprise", "hss.version.gold", 1),
			`invalid request: /resource_spec_code: enum: must be one of "hss.version.basic", "hss.version.advanced", "hss.version.enterprise", "hss.version.premium", "hss.version.wtp", "hss.version.container.enterprise"`},
		{"missing period_num", orderPath, "", strings.Replace(validOrder, `"period_num": 1,`, ``, 1),
			"invalid request: /period_num: required: is required"},
		{"null renew", orderPath, "", strings.Replace(validOrder, `"is_auto_renew": false`, `"is_auto_renew": null`, 1),
			"invalid request: /is_auto_renew: null: must not be null"},
		{"empty query parameter", orderPath + "?enterprise_project_id=", "", validOrder,
			`invalid request: query parameter "enterprise_project_id": minLength: length must be at least 1 characters`},
		{"long header and bad body", orderPath, strings.Repeat("r", 129), strings.Replace(validOrder, `"period_num": 1,`, ``, 1),
			`invalid request: header parameter "region": maxLength: length must be at most 128 characters; /period_num: required: is required`},
	} {
		hdr := map[string]string{"X-Auth-Token": "tok"}
		if tc.region != "" {
			hdr["Region"] = tc.region
		}
		st, out := post(t, m.URL(), tc.path, tc.body, hdr)
		if st != 400 || out["error_code"] != "HSS.0001" || out["error_msg"] != tc.msg {
			t.Errorf("%s: %d %v\nwant 400 HSS.0001 %q", tc.name, st, out, tc.msg)
		}
	}
}

func TestMockSignature(t *testing.T) {
	now := time.Now()
	m := hssmock.Start(t, hssmock.WithKey("AK", "SK"))
	for _, tc := range []struct {
		sk   string
		at   time.Time
		want int
	}{{"SK", now, 200}, {"XX", now, 401}, {"SK", now.Add(20 * time.Minute), 401}} {
		req, _ := http.NewRequest("POST", m.URL()+orderPath+"?enterprise_project_id=0", strings.NewReader(validOrder))
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
	m := hssmock.Start(t, hssmock.WithToken("tok"))
	const workers, each = 40, 10
	var mu sync.Mutex
	ids := map[string]bool{}
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for range each {
				st, out := post(t, m.URL(), orderPath, validOrder, map[string]string{"X-Auth-Token": "tok"})
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
