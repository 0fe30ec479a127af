package dbss_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hwcorder/ordergen/generated/dbss"
	"github.com/hwcorder/ordergen/generated/dbss/dbssmock"
	"github.com/hwcorder/ordergen/rt"
)

const (
	projectID = "0123456789abcdef0123456789abcdef"
	orderPath = "/v2/" + projectID + "/db-om/charge/period/order"
)

// validOrder is the spec's request example.
const validOrder = `{
  "flavor_ref": "s6.2xlarge.2", "name": "DBSS-f5e1",
  "vpc_id": "21f3dac4-f460-4173-ba5e-cb7a0d528605",
  "availability_zone": "cn-north-7c,cn-north-7c",
  "nics": [{"subnet_id": "cbed162e-045a-4afd-aa2b-0da11219989c"}],
  "security_groups": [{"id": "0070ec22-bae4-4df3-af3d-9f928297b3b7"}],
  "cloud_service_type": "hws.service.type.dbss",
  "charging_mode": 0, "period_type": 2, "period_num": 1, "subscription_num": 1,
  "is_auto_renew": 0, "promotion_info": "",
  "product_infos": [{"product_id": "OFFI10097xxxxxxxxxxxx693761",
    "cloud_service_type": "hws.service.type.dbss",
    "resource_type": "hws.resource.type.dbss.opsmgmt",
    "resource_spec_code": "dbss.opsmgmt.high",
    "product_spec_desc": "{}"}],
  "region_id": "cn-north-7", "hx_password": "Firelxxxxxxx123!",
  "asset_nums": 10, "image_business_type": 1,
  "public_ip": {"id": "df0d32e1-671e-482b-bafd-413fa67d3add", "eip": null},
  "enterprise_project_id": "0", "deploy_mode": "CLOUD"
}`

// edit returns validOrder with member key set to raw JSON (or removed
// when raw is "").
func editMember(t *testing.T, key, raw string) string {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(validOrder), &m); err != nil {
		t.Fatal(err)
	}
	if raw == "" {
		delete(m, key)
	} else {
		m[key] = json.RawMessage(raw)
	}
	b, _ := json.Marshal(m)
	return string(b)
}

// reply is a decoded answer of the mock.
type reply struct {
	status int
	header http.Header
	body   map[string]any
	raw    string
}

// send posts body to path on m with the given headers (Content-Type
// defaults to application/json).
func send(t *testing.T, url, method, path, body string, hdr map[string]string) reply {
	t.Helper()
	req, err := http.NewRequest(method, url+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json;charset=UTF-8")
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	r := reply{status: resp.StatusCode, header: resp.Header, raw: string(b)}
	if err := json.Unmarshal(b, &r.body); err != nil {
		t.Fatalf("%s %s: reply is not a JSON object: %v: %s", method, path, err, b)
	}
	return r
}

var token = map[string]string{"X-Auth-Token": "tok"}

func TestMockValidOrder(t *testing.T) {
	m := dbssmock.Start(t, dbssmock.WithToken("tok"))
	r := send(t, m.URL(), "POST", orderPath, validOrder, token)
	if r.status != 200 {
		t.Fatalf("valid order: %d %s", r.status, r.raw)
	}
	var resp dbss.CreateDbOmInstancePeriodResponse
	if err := json.Unmarshal([]byte(r.raw), &resp); err != nil || resp.Validate() != nil {
		t.Fatalf("reply does not fit the response schema: %v %v: %s", err, resp.Validate(), r.raw)
	}
	id := r.body["order_id"].(string)
	if !regexp.MustCompile(`^CS\d{10}[A-Z]{10}$`).MatchString(id) || r.body["code"] != "0" || r.body["description"] != "Success" {
		t.Errorf("reply %s: want the spec example with a fresh CS+10 digits+10 letters order_id", r.raw)
	}
	o, ok := m.Order(id)
	if !ok {
		t.Fatalf("order %s not kept", id)
	}
	var body map[string]any
	json.Unmarshal(o.Body, &body)
	if o.Operation != "CreateDbOmInstancePeriod" || o.Params["project_id"] != projectID || body["hx_password"] != "******" || body["name"] != "DBSS-f5e1" {
		t.Errorf("order %+v body %s: want operation, project p1, name and a redacted password", o, o.Body)
	}
	if strings.Contains(string(o.Body), "Firelxxxxxxx123!") {
		t.Error("order body leaks the password")
	}
}

func TestMockRejections(t *testing.T) {
	m := dbssmock.Start(t, dbssmock.WithToken("tok"))
	for _, tc := range []struct {
		name, method, path, body string
		hdr                      map[string]string
		status                   int
		code, msg                string
	}{
		{"missing required", "POST", orderPath, editMember(t, "deploy_mode", ""), token, 400, "DBSS.0001",
			"invalid request: /deploy_mode: required: is required"},
		{"null required", "POST", orderPath, editMember(t, "name", "null"), token, 400, "DBSS.0001",
			"invalid request: /name: null: must not be null"},
		{"wrong type", "POST", orderPath, editMember(t, "period_num", `"1"`), token, 400, "DBSS.0001",
			"invalid request: /period_num: type: must be an integer (int32), not a string"},
		{"enum", "POST", orderPath, editMember(t, "deploy_mode", `"MOON"`), token, 400, "DBSS.0001",
			`invalid request: /deploy_mode: enum: must be one of "CLOUD", "OUTSIDE"`},
		{"nested missing", "POST", orderPath, editMember(t, "tags", `[{"key":"k"}]`), token, 400, "DBSS.0001",
			"invalid request: /tags/0/value: required: is required"},
		{"malformed", "POST", orderPath, `{"name": "x",`, token, 400, "DBSS.0001",
			"malformed JSON at byte 13: unexpected end of JSON input"},
		{"not an object", "POST", orderPath, `[1]`, token, 400, "DBSS.0001",
			"invalid request: body: type: must be an object, not an array"},
		{"empty body", "POST", orderPath, ``, token, 400, "DBSS.0001",
			"invalid request: body: required: the request body is missing"},
		{"content type", "POST", orderPath, validOrder, map[string]string{"X-Auth-Token": "tok", "Content-Type": "text/xml"}, 415, "DBSS.0001",
			`unsupported Content-Type "text/xml": want application/json`},
		{"wrong method", "GET", orderPath, "", token, 405, "APIGW.0101",
			"The API does not exist: method GET is not allowed for " + orderPath + "; allowed: POST"},
		{"unknown path", "POST", "/v2/0123456789abcdef0123456789abcdef/db-om/charge/period/orders", validOrder, token, 404, "APIGW.0101",
			"The API does not exist or has not been published in the environment: no operation at /v2/0123456789abcdef0123456789abcdef/db-om/charge/period/orders"},
		{"no credentials", "POST", orderPath, validOrder, nil, 401, "APIGW.0301",
			"Incorrect IAM authentication information: no credentials: send X-Auth-Token, or sign the request with AK/SK (Authorization and X-Sdk-Date)"},
		{"wrong token", "POST", orderPath, validOrder, map[string]string{"X-Auth-Token": "nope"}, 401, "APIGW.0301",
			"Incorrect IAM authentication information: decrypt token fail: the X-Auth-Token is not one this server accepts"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := send(t, m.URL(), tc.method, tc.path, tc.body, tc.hdr)
			if r.status != tc.status || r.body["error_code"] != tc.code || r.body["error_msg"] != tc.msg {
				t.Errorf("got %d %s\nwant %d %s %q", r.status, r.raw, tc.status, tc.code, tc.msg)
			}
			// DBSS's error body also has details and encoded_authorization_message.
			if d, ok := r.body["details"].([]any); !ok || len(d) != 0 || r.body["encoded_authorization_message"] != "" {
				t.Errorf("error body %s lacks details [] and encoded_authorization_message", r.raw)
			}
		})
	}
	if n := len(m.Orders()); n != 0 {
		t.Errorf("%d orders after rejections only", n)
	}
}

func TestMockTooLarge(t *testing.T) {
	m := dbssmock.Start(t, dbssmock.WithToken("tok"))
	big := `{"name":"` + strings.Repeat("x", 12<<20) + `"}`
	r := send(t, m.URL(), "POST", orderPath, big, token)
	if r.status != 413 || r.body["error_code"] != "APIGW.0201" {
		t.Errorf("12 MB body: %d %.200s", r.status, r.raw)
	}
}

func TestMockSignature(t *testing.T) {
	now := time.Now()
	m := dbssmock.Start(t, dbssmock.WithKey("AK", "SK"), rt.WithMockClock(func() time.Time { return now }))
	post := func(sk string, at time.Time, body string, tamper func(*http.Request)) reply {
		req, _ := http.NewRequest("POST", m.URL()+orderPath, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if err := rt.SignForTest(req, []byte(body), "AK", sk, at); err != nil {
			t.Fatal(err)
		}
		if tamper != nil {
			tamper(req)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out map[string]any
		json.NewDecoder(resp.Body).Decode(&out)
		return reply{status: resp.StatusCode, body: out}
	}
	if r := post("SK", now, validOrder, nil); r.status != 200 {
		t.Fatalf("signed order: %d %v", r.status, r.body)
	}
	for _, tc := range []struct {
		name   string
		sk     string
		at     time.Time
		tamper func(*http.Request)
	}{
		{"wrong sk", "SK2", now, nil},
		{"date 16 minutes old", "SK", now.Add(-16 * time.Minute), nil},
		{"date 16 minutes ahead", "SK", now.Add(16 * time.Minute), nil},
		{"tampered body", "SK", now, func(r *http.Request) {
			b := strings.Replace(validOrder, `"asset_nums": 10`, `"asset_nums": 11`, 1)
			r.Body, r.ContentLength = io.NopCloser(strings.NewReader(b)), int64(len(b))
		}},
		{"tampered signed header", "SK", now, func(r *http.Request) {
			r.Header.Set("X-Sdk-Date", now.Add(time.Second).UTC().Format("20060102T150405Z"))
		}},
		{"no date", "SK", now, func(r *http.Request) { r.Header.Del("X-Sdk-Date") }},
	} {
		if r := post(tc.sk, tc.at, validOrder, tc.tamper); r.status != 401 || r.body["error_code"] != "APIGW.0301" {
			t.Errorf("%s: %d %v, want 401 APIGW.0301", tc.name, r.status, r.body)
		}
	}
	if r := post("SK", now.Add(-14*time.Minute), validOrder, nil); r.status != 200 {
		t.Errorf("date 14 minutes old: %d %v, want 200", r.status, r.body)
	}
}

func TestMockFaultsAndAdmin(t *testing.T) {
	m := dbssmock.Start(t, dbssmock.WithToken("tok"))
	admin := func(method, path, body string) (int, string) {
		req, _ := http.NewRequest(method, m.URL()+path, strings.NewReader(body))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if st, b := admin("POST", "/__mock/faults", `{"operation":"CreateDbOmInstancePeriod","count":2,"status":500,"error_code":"DBSS.11000000","error_msg":"Internal system exception"}`); st != 201 {
		t.Fatalf("add fault: %d %s", st, b)
	}
	for i := range 3 {
		r := send(t, m.URL(), "POST", orderPath, validOrder, token)
		want := 500
		if i == 2 {
			want = 200
		}
		if r.status != want {
			t.Errorf("call %d: %d %s, want %d", i, r.status, r.raw, want)
		}
		if want == 500 && (r.body["error_code"] != "DBSS.11000000" || r.body["error_msg"] != "Internal system exception") {
			t.Errorf("faulted reply %s", r.raw)
		}
	}
	var reqs []rt.MockRequest
	_, b := admin("GET", "/__mock/requests", "")
	if err := json.Unmarshal([]byte(b), &reqs); err != nil || len(reqs) != 3 {
		t.Fatalf("requests: %v, %d records: %s", err, len(reqs), b)
	}
	last := reqs[2]
	var lastBody map[string]any
	json.Unmarshal(last.Body, &lastBody)
	if last.Operation != "CreateDbOmInstancePeriod" || last.Params["project_id"] != projectID || last.Header.Get("X-Auth-Token") != "******" ||
		lastBody["hx_password"] != "******" || last.OrderID == "" {
		t.Errorf("last record %+v, body %s", last, last.Body)
	}
	if strings.Contains(b, "Firelxxxxxxx123!") || strings.Contains(b, `"tok"`) {
		t.Error("recorded requests leak a secret")
	}
	if st, b := admin("GET", "/__mock/orders/"+last.OrderID, ""); st != 200 || !strings.Contains(b, last.OrderID) {
		t.Errorf("order lookup: %d %s", st, b)
	}
	if st, _ := admin("GET", "/__mock/orders/CS0000000000NOPE", ""); st != 404 {
		t.Errorf("unknown order: %d, want 404", st)
	}
	if err := m.AddFault(rt.MockFault{Latency: time.Millisecond}); err != nil {
		t.Fatal(err)
	}
	if st, _ := admin("POST", "/__mock/reset", ""); st != 204 {
		t.Errorf("reset: %d", st)
	}
	if len(m.Requests())+len(m.Orders())+len(m.Faults()) != 0 {
		t.Error("reset kept state")
	}
}

// TestMockConcurrentOrders orders from many goroutines at once (run with
// -race): every order answered, recorded and found, every ID distinct.
func TestMockConcurrentOrders(t *testing.T) {
	m := dbssmock.Start(t, dbssmock.WithToken("tok"))
	const workers, each = 50, 20
	var mu sync.Mutex
	ids := map[string]bool{}
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for range each {
				req, _ := http.NewRequest("POST", m.URL()+orderPath, strings.NewReader(validOrder))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("X-Auth-Token", "tok")
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				var out struct {
					OrderID string `json:"order_id"`
				}
				err = json.NewDecoder(resp.Body).Decode(&out)
				resp.Body.Close()
				if err != nil || resp.StatusCode != 200 {
					t.Errorf("order: %d %v", resp.StatusCode, err)
					return
				}
				mu.Lock()
				if ids[out.OrderID] {
					t.Errorf("order ID %s given twice", out.OrderID)
				}
				ids[out.OrderID] = true
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	orders := m.Orders()
	if len(ids) != workers*each || len(orders) != workers*each || len(m.Requests()) != workers*each {
		t.Fatalf("%d IDs, %d orders, %d requests; want %d each", len(ids), len(orders), len(m.Requests()), workers*each)
	}
	for _, o := range orders {
		if !ids[o.ID] {
			t.Errorf("order %s was never answered", o.ID)
		}
	}
}

// FuzzMockNeverFails feeds the mock arbitrary bodies, content types and
// query strings: every answer must be a 2xx or 4xx with the service's
// error body, never a panic or a 5xx.
func FuzzMockNeverFails(f *testing.F) {
	f.Add(validOrder, "application/json", "")
	f.Add(`{"name":null,"nics":[null],"tags":[{"value":1}]}`, "application/json; charset=utf-8", "a=1")
	f.Add(`{"public_ip":{"eip":{"bandwidth":{"size":"x"}}}}`, "application/json", "")
	f.Add(`[[[[`, "text/plain", "%zz")
	f.Add(`{"asset_nums":1e400}`, "APPLICATION/JSON", "")
	f.Add("{\"name\":\"\xff\"}", "application/json", "")
	m := dbssmock.NewServer(dbssmock.WithToken("tok"), rt.WithMockMaxRecords(100))
	f.Fuzz(func(t *testing.T, body, ctype, query string) {
		req := httptest.NewRequest("POST", "http://mock"+orderPath, strings.NewReader(body))
		req.URL.RawQuery = query
		req.Header.Set("Content-Type", ctype)
		req.Header.Set("X-Auth-Token", "tok")
		rec := httptest.NewRecorder()
		m.ServeHTTP(rec, req)
		var out map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
			t.Fatalf("reply is not JSON: %s", rec.Body)
		}
		if rec.Code >= 500 || rec.Code != 200 && (out["error_code"] == "" || out["error_msg"] == "") {
			t.Fatalf("%d %s", rec.Code, rec.Body)
		}
		if rec.Code == 200 {
			var b dbss.ChargeOrderDbssNew
			if err := json.Unmarshal([]byte(body), &b); err != nil || b.Validate() != nil {
				t.Fatalf("accepted a body that does not validate: %v %v", err, b.Validate())
			}
		}
	})
}
