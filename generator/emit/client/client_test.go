package client_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/hwcorder/ordergen/generator"
	"github.com/hwcorder/ordergen/generator/emit/client"
	"github.com/hwcorder/ordergen/generator/model"
	"github.com/hwcorder/ordergen/internal/modtest"
)

// testAPI is a hand-built model with what the emitter has to handle: path
// parameters to fill and escape, optional and array query parameters of
// several kinds, a header parameter, a required body, an operation without
// body or result that the spec marks retry-safe.
func testAPI() *model.API {
	str := func() *model.Schema { return &model.Schema{Kind: model.KindString} }
	one := int64(1)
	order := &model.Schema{Name: "Order", GoName: "Order", Kind: model.KindObject, Pointer: "#/components/schemas/Order"}
	order.Properties = []*model.Property{
		{Name: "region_id", GoName: "RegionID", Required: true, Schema: &model.Schema{Kind: model.KindString, MinLength: 1}},
		{Name: "count", GoName: "Count", Schema: &model.Schema{Kind: model.KindInteger, Format: "int32"}},
	}
	result := &model.Schema{Name: "OrderResult", GoName: "OrderResult", Kind: model.KindObject, Pointer: "#/components/schemas/OrderResult",
		Properties: []*model.Property{{Name: "order_id", GoName: "OrderID", Schema: str()}}}
	create := &model.Operation{
		ID: "CreateOrder", GoName: "CreateOrder", Method: "POST", Path: "/v1/{project_id}/orders/{order_name}",
		Summary: "Place an order.", Description: "Places an order\nfor the project.", ParamsGoName: "CreateOrderParams",
		Pointer: "#/paths/~1v1~1{project_id}~1orders~1{order_name}/post",
		Params: []*model.Param{
			{Name: "project_id", GoName: "ProjectID", In: "path", Required: true, Schema: str()},
			{Name: "order_name", GoName: "OrderName", In: "path", Required: true, Schema: &model.Schema{Kind: model.KindString, MaxLength: new(int64(8))}},
			{Name: "dry_run", GoName: "DryRun", In: "query", Schema: &model.Schema{Kind: model.KindBoolean}},
			{Name: "limit", GoName: "Limit", In: "query", Schema: &model.Schema{Kind: model.KindInteger, Format: "int32", Min: new(float64(1))}},
			{Name: "ratio", GoName: "Ratio", In: "query", Schema: &model.Schema{Kind: model.KindNumber}},
			{Name: "tag", GoName: "Tag", In: "query", Schema: &model.Schema{Kind: model.KindArray, Items: str(), MinItems: 0, MaxItems: &one}},
			{Name: "X-Language", GoName: "XLanguage", In: "header", Schema: str()},
		},
		Body:      &model.Body{Required: true, ContentType: "application/json", Schema: order},
		Responses: []*model.Response{{Status: 200, ContentType: "application/json", Schema: result}},
	}
	quota := &model.Operation{
		ID: "CheckQuota", GoName: "CheckQuota", Method: "GET", Path: "/v1/{project_id}/quota", ParamsGoName: "CheckQuotaParams",
		Pointer: "#/paths/~1v1~1{project_id}~1quota/get", RetrySafe: true,
		Params:    []*model.Param{{Name: "project_id", GoName: "ProjectID", In: "path", Required: true, Schema: str()}},
		Responses: []*model.Response{{Status: 204}},
	}
	return &model.API{Source: "specs/test.yaml", Title: "Test API", Service: "test",
		Operations: []*model.Operation{create, quota}, Schemas: []*model.Schema{order, result}}
}

func TestEmitDoc(t *testing.T) {
	files, err := client.Emit(mustPlan(testAPI(), "tst"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || files[0].Name != "client.gen.go" {
		t.Fatalf("files = %v, want client.gen.go", files)
	}
	var buf bytes.Buffer
	if err := files[0].Code.Render(&buf); err != nil {
		t.Fatal(err)
	}
	src := buf.String()
	for _, want := range []string{
		"// CreateOrder calls POST /v1/{project_id}/orders/{order_name}: Place an order.\n//\n// Places an order for the project.\n",
		"// Source: specs/test.yaml #/paths/~1v1~1{project_id}~1orders~1{order_name}/post.\nfunc (c *Client) CreateOrder(ctx context.Context, params *CreateOrderParams, body *Order) (*OrderResult, error) {",
		"func (c *Client) CheckQuota(ctx context.Context, params *CheckQuotaParams) error {",
		`"/v1/" + url.PathEscape(p.ProjectID) + "/quota",`,
		"RetrySafe: true,",
	} {
		if !strings.Contains(src, want) {
			t.Errorf("client.gen.go lacks\n%s\n--- got:\n%s", want, src)
		}
	}
}

func TestEmitRejects(t *testing.T) {
	api := testAPI()
	api.Operations[0].Path = "/v1/{project_id}/orders/{missing}"
	_, err := client.Emit(mustPlan(api, "tst"))
	want := `: #/paths/~1v1~1{project_id}~1orders~1{order_name}/post: path parameter "missing" is not declared`
	if err == nil || err.Error() != want {
		t.Errorf("Emit error =\n%v\nwant\n%s", err, want)
	}
}

// checkTest runs inside the generated package, against httptest servers.
const checkTest = `package tst

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
)

func TestGeneratedClient(t *testing.T) {
	var hits atomic.Int32
	var got *http.Request
	var gotBody string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		b, _ := io.ReadAll(r.Body)
		got, gotBody = r, string(b)
		if r.Method == "GET" {
			w.WriteHeader(204)
			return
		}
		io.WriteString(w, ` + "`" + `{"order_id":"CS1"}` + "`" + `)
	}))
	defer srv.Close()
	c, err := NewClient(srv.URL, WithToken("tok"), WithProjectID("p1"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	dry, limit, ratio, lang := true, int32(5), 0.25, "en-us"
	params := &CreateOrderParams{OrderName: "a b/c", DryRun: &dry, Limit: &limit, Ratio: &ratio, Tag: []string{"x y"}, XLanguage: &lang}
	res, err := c.CreateOrder(ctx, params, &Order{RegionID: "r1"})
	if err != nil {
		t.Fatal(err)
	}
	if res.OrderID == nil || *res.OrderID != "CS1" {
		t.Errorf("result = %+v", res)
	}
	if params.ProjectID != "" {
		t.Error("the caller's params were modified")
	}
	checks := [][2]string{
		{got.URL.EscapedPath(), "/v1/p1/orders/a%20b%2Fc"},
		{got.URL.RawQuery, "dry_run=true&limit=5&ratio=0.25&tag=x%20y"},
		{got.Header.Get("X-Language"), "en-us"},
		{got.Header.Get("X-Auth-Token"), "tok"},
		{gotBody, ` + "`" + `{"region_id":"r1"}` + "`" + `},
	}
	for _, c := range checks {
		if c[0] != c[1] {
			t.Errorf("got %q, want %q", c[0], c[1])
		}
	}
	if err := c.CheckQuota(ctx, nil); err != nil || got.URL.Path != "/v1/p1/quota" {
		t.Errorf("CheckQuota = %v, path %s", err, got.URL.Path)
	}

	// Invalid params and body: one *ValidationError listing both, nothing sent.
	before := hits.Load()
	zero := int32(0)
	_, err = c.CreateOrder(ctx, &CreateOrderParams{OrderName: "too long name", Limit: &zero}, &Order{})
	var ve *ValidationError
	if !errors.As(err, &ve) || len(ve.Violations) != 3 {
		t.Fatalf("CreateOrder = %v, want 3 violations", err)
	}
	if _, err := c.CreateOrder(ctx, &CreateOrderParams{OrderName: "n"}, nil); !errors.As(err, &ve) || ve.Violations[0].Rule != "required" {
		t.Errorf("nil body: %v", err)
	}
	if hits.Load() != before {
		t.Error("an invalid call reached the server")
	}
	off, _ := NewClient(srv.URL, WithoutValidation())
	if _, err := off.CreateOrder(ctx, &CreateOrderParams{ProjectID: "p", OrderName: "too long name"}, &Order{}); err != nil || hits.Load() != before+1 {
		t.Errorf("WithoutValidation: %v, %d hits", err, hits.Load()-before)
	}
}
`

// TestEmitCompiles renders the whole package (types, client, support code)
// into a module of its own and runs go vet and checkTest there.
func TestEmitCompiles(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go tool")
	}
	api := testAPI()
	gen, err := generator.FromModel(api, generator.Config{Package: "tst", ImportPath: "tst"})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{"check_test.go": []byte(checkTest)}
	for _, f := range gen {
		files[f.Name] = f.Data
	}
	modtest.Run(t, files, []string{"vet", "."}, []string{"test", "-count=1", "."})
}
