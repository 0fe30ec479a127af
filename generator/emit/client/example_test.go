package client_test

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/hwcorder/ordergen/generator/emit/client"
	"github.com/hwcorder/ordergen/generator/model"
)

// ExampleEmit shows the method of an operation with a path parameter, an
// optional query parameter, a required body and a success response.
func ExampleEmit() {
	str := &model.Schema{Kind: model.KindString}
	body := &model.Schema{Name: "Order", GoName: "Order", Kind: model.KindObject}
	result := &model.Schema{Name: "Result", GoName: "Result", Kind: model.KindObject}
	api := &model.API{Source: "specs/x.yaml", Title: "X", Service: "x", Schemas: []*model.Schema{body, result}, Operations: []*model.Operation{{
		ID: "PlaceOrder", GoName: "PlaceOrder", Method: "POST", Path: "/v1/{project_id}/orders",
		Summary: "Place an order", ParamsGoName: "PlaceOrderParams", Pointer: "#/paths/~1v1~1{project_id}~1orders/post",
		Params: []*model.Param{
			{Name: "project_id", GoName: "ProjectID", In: "path", Required: true, Schema: str},
			{Name: "limit", GoName: "Limit", In: "query", Schema: &model.Schema{Kind: model.KindInteger}},
		},
		Body:      &model.Body{Required: true, Schema: body},
		Responses: []*model.Response{{Status: 200, Schema: result}},
	}}}
	files, err := client.Emit(mustPlan(api, "x"))
	if err != nil {
		fmt.Println(err)
		return
	}
	var buf bytes.Buffer
	if err := files[0].Code.Render(&buf); err != nil {
		fmt.Println(err)
		return
	}
	src := buf.String()
	fmt.Print(src[strings.Index(src, "func (c *Client)"):])
	// Output:
	// func (c *Client) PlaceOrder(ctx context.Context, params *PlaceOrderParams, body *Order) (*Result, error) {
	// 	var p PlaceOrderParams
	// 	if params != nil {
	// 		p = *params
	// 	}
	// 	if p.ProjectID == "" {
	// 		p.ProjectID = c.core.ProjectID()
	// 	}
	// 	if c.core.Validates() {
	// 		var bodyErr error
	// 		if body == nil {
	// 			bodyErr = rt.BodyRequired()
	// 		} else {
	// 			bodyErr = body.Validate()
	// 		}
	// 		if err := rt.InvalidRequest(p.Validate(), bodyErr); err != nil {
	// 			return nil, err
	// 		}
	// 	}
	// 	call := rt.Call{
	// 		Method: "POST",
	// 		Op:     "PlaceOrder",
	// 		Path:   "/v1/" + url.PathEscape(p.ProjectID) + "/orders",
	// 	}
	// 	var q []byte
	// 	if p.Limit != nil {
	// 		q = rt.AppendQuery(q, "limit", strconv.FormatInt(int64(*p.Limit), 10))
	// 	}
	// 	call.Query = string(q)
	// 	var in any
	// 	if body != nil {
	// 		in = body
	// 	}
	// 	out := new(Result)
	// 	if err := c.core.Do(ctx, &call, in, out); err != nil {
	// 		return nil, err
	// 	}
	// 	return out, nil
	// }
}
