// Package mock emits the spec-shaped part of a generated package's mock
// server (mock.gen.go): per operation, a route entry and a handle function
// that parses the path, query and header parameters into the operation's
// Params struct, decodes the body into its generated type and validates
// both; the service's error body; and NewMockServer and StartMock. The
// spec-independent server (routing, auth, faults, records, admin API) is
// templates/rt/mock*.go, rendered into the same package. The package reads
// only the model and writes jennifer code; it never imports the loader.
package mock

import (
	"fmt"
	"net/textproto"

	"github.com/dave/jennifer/jen"

	"github.com/hwcorder/ordergen/generator/emit"
	"github.com/hwcorder/ordergen/generator/emit/types"
	"github.com/hwcorder/ordergen/generator/model"
)

// Emit returns mock.gen.go for api, in package pkg.
func Emit(api *model.API, pkg string) ([]emit.File, error) {
	f := jen.NewFile(pkg)
	var entries []jen.Code
	for _, op := range api.Operations {
		handler, err := handleFunc(op)
		if err != nil {
			return nil, err
		}
		reply, err := successReply(op)
		if err != nil {
			return nil, err
		}
		entries = append(entries, routeEntry(op, reply))
		for _, c := range handler {
			f.Add(c)
		}
	}
	errBody, err := errorBodyFunc(api)
	if err != nil {
		return nil, err
	}
	for _, c := range errBody {
		f.Add(c)
	}
	for _, c := range constructors(api, entries) {
		f.Add(c)
	}
	return []emit.File{{Name: "mock.gen.go", Code: f}}, nil
}

// constructors declares NewMockServer and StartMock.
//
//	func NewMockServer(opts ...MockOption) *MockServer {
//		return newMockServer(mockService{name: "dsc", ..., operations: []*mockOperation{...}}, opts)
//	}
func constructors(api *model.API, entries []jen.Code) []jen.Code {
	svc := jen.Id("mockService").Values(jen.Dict{
		jen.Id("name"):        jen.Lit(api.Service),
		jen.Id("invalidCode"): jen.Lit(invalidCode(api)),
		jen.Id("errorBody"):   jen.Id("mockErrorBody"),
		jen.Id("operations"):  jen.Index().Op("*").Id("mockOperation").Values(entries...),
	})
	return []jen.Code{
		jen.Comment(fmt.Sprintf("NewMockServer returns a mock of the %s API (%s): it routes,", api.Service, api.Source)),
		jen.Comment("authenticates and validates every call as the real service does and"),
		jen.Comment("answers valid orders with the spec's success response and a fresh order"),
		jen.Comment("ID. Serve it with Start, or mount it as an http.Handler. Without"),
		jen.Comment("WithMockToken or WithMockKey it is permissive: any well-formed"),
		jen.Comment("credentials pass."),
		jen.Func().Id("NewMockServer").Params(jen.Id("opts").Op("...").Id("MockOption")).Op("*").Id("MockServer").Block(
			jen.Return(jen.Id("newMockServer").Call(svc, jen.Id("opts"))),
		),
		jen.Line(),
		jen.Comment("StartMock starts a NewMockServer on a free port of 127.0.0.1 for the"),
		jen.Comment("test t and stops it when the test ends; its URL method gives the"),
		jen.Comment("endpoint."),
		jen.Func().Id("StartMock").Params(
			jen.Id("t").Interface(
				jen.Id("Helper").Params(),
				jen.Id("Cleanup").Params(jen.Func().Params()),
				jen.Id("Fatalf").Params(jen.Id("format").String(), jen.Id("args").Op("...").Any()),
			),
			jen.Id("opts").Op("...").Id("MockOption"),
		).Op("*").Id("MockServer").Block(
			jen.Id("t").Dot("Helper").Call(),
			jen.Return(jen.Id("NewMockServer").Call(jen.Id("opts").Op("...")).Dot("startForTest").Call(jen.Id("t"))),
		),
		jen.Line(),
	}
}

// routeEntry is op's element of the operations table.
func routeEntry(op *model.Operation, r reply) jen.Code {
	var params []jen.Code
	for _, p := range op.Params {
		d := jen.Dict{jen.Id("name"): jen.Lit(p.Name), jen.Id("in"): jen.Lit(p.In)}
		if p.Secret {
			d[jen.Id("secret")] = jen.True()
		}
		params = append(params, jen.Values(d))
	}
	d := jen.Dict{
		jen.Id("id"):     jen.Lit(op.ID),
		jen.Id("method"): jen.Lit(op.Method),
		jen.Id("path"):   jen.Lit(op.Path),
		jen.Id("status"): jen.Lit(r.status),
		jen.Id("handle"): jen.Id(handlerName(op)),
	}
	if len(params) > 0 {
		d[jen.Id("params")] = jen.Index().Id("mockParam").Values(params...)
	}
	if op.Body != nil {
		d[jen.Id("hasBody")] = jen.True()
		// newBody: func() any { return new(CreateProductOrderRequest) }
		d[jen.Id("newBody")] = jen.Func().Params().Any().Block(jen.Return(jen.New(jen.Id(op.Body.Schema.GoName))))
	}
	if r.head != "" {
		d[jen.Id("replyHead")] = jen.Lit(r.head)
	}
	if r.hasID {
		d[jen.Id("replyTail")] = jen.Lit(r.tail)
		d[jen.Id("hasID")] = jen.True()
	}
	return jen.Values(d)
}

// handlerName is the name of op's handle function.
func handlerName(op *model.Operation) string { return "mock" + op.GoName }

// handleFunc declares op's handle function. Parameter and body violations
// are reported together; a parameter that does not parse skips the
// parameter struct's Validate, a body that does not decode skips the body's.
//
//	func mockCreateProductOrder(c *mockCall) error {
//		var p CreateProductOrderParams
//		var bad []Violation
//		p.ProjectID = c.pathValue(0)
//		perr := mockParamsErr(bad, &p)
//		var b CreateProductOrderRequest
//		berr := c.decode(&b, true)
//		if berr == nil && c.input != nil { berr = b.Validate() }
//		return mockJoin(perr, berr)
//	}
func handleFunc(op *model.Operation) ([]jen.Code, error) {
	var body []jen.Code
	perr := jen.Nil()
	if len(op.Params) > 0 {
		body = append(body,
			jen.Var().Id("p").Id(op.ParamsGoName),
			jen.Var().Id("bad").Index().Id("Violation"),
		)
		pathIndex := 0
		for _, p := range op.Params {
			code, err := paramCode(op, p, pathIndex)
			if err != nil {
				return nil, err
			}
			if p.In == "path" {
				pathIndex++
			}
			body = append(body, code...)
		}
		body = append(body, jen.Id("perr").Op(":=").Id("mockParamsErr").Call(jen.Id("bad"), jen.Op("&").Id("p")))
		perr = jen.Id("perr")
	}
	berr := jen.Nil()
	if op.Body != nil {
		if op.Body.Schema == nil || op.Body.Schema.GoName == "" {
			return nil, fmt.Errorf("%s: %s: request body has no named schema", op.Body.Pos, op.Pointer)
		}
		body = append(body,
			jen.Var().Id("b").Id(op.Body.Schema.GoName),
			jen.Id("berr").Op(":=").Id("c").Dot("decode").Call(jen.Op("&").Id("b"), jen.Lit(op.Body.Required)),
			jen.If(jen.Id("berr").Op("==").Nil().Op("&&").Id("c").Dot("input").Op("!=").Nil()).Block(
				jen.Id("berr").Op("=").Id("b").Dot("Validate").Call(),
			),
		)
		berr = jen.Id("berr")
	}
	body = append(body, jen.Return(jen.Id("mockJoin").Call(perr, berr)))
	return []jen.Code{
		jen.Comment(fmt.Sprintf("%s checks one %s call (%s %s): its parameters and its body.", handlerName(op), op.ID, op.Method, op.Path)),
		jen.Func().Id(handlerName(op)).Params(jen.Id("c").Op("*").Id("mockCall")).Error().Block(body...),
		jen.Line(),
	}, nil
}

// paramCode reads parameter p into p's field of the Params struct.
//
//	if s, ok := c.queryValue("limit"); ok {
//		if n, ok := mockParseInt(s, 32, "query", "limit", &bad); ok { v := int32(n); p.Limit = &v }
//	} else { bad = append(bad, mockMissing("query", "limit")) }   // when required
func paramCode(op *model.Operation, p *model.Param, pathIndex int) ([]jen.Code, error) {
	s := p.Schema
	if s != nil && s.Kind == model.KindArray && s.Items != nil && isScalar(s.Items) {
		return arrayParamCode(op, p, pathIndex)
	}
	if s == nil || !isScalar(s) {
		return nil, fmt.Errorf("%s: %s: parameter %q: the mock supports only string, integer, number and boolean parameters and arrays of them", p.Pos, op.Pointer, p.Name)
	}
	field := jen.Id("p").Dot(p.GoName)
	assign := func(v jen.Code) jen.Code {
		switch {
		case p.Required:
			return field.Clone().Op("=").Add(v)
		case isNative(s):
			// v is a fresh variable of the if statement: p.Limit = &n
			return field.Clone().Op("=").Op("&").Add(v)
		}
		return field.Clone().Op("=").Id("mockPtr").Call(v)
	}
	var conv []jen.Code
	switch s.Kind {
	case model.KindString:
		conv = []jen.Code{assign(convert(s, "s"))}
	case model.KindInteger:
		bits := 64
		if s.Format == "int32" {
			bits = 32
		}
		conv = []jen.Code{parsed("mockParseInt", []jen.Code{jen.Lit(bits)}, p, assign(convert(s, "n")))}
	case model.KindNumber:
		bits := 64
		if s.Format == "float" {
			bits = 32
		}
		conv = []jen.Code{parsed("mockParseFloat", []jen.Code{jen.Lit(bits)}, p, assign(convert(s, "n")))}
	case model.KindBoolean:
		conv = []jen.Code{parsed("mockParseBool", nil, p, assign(convert(s, "n")))}
	}
	var get jen.Code
	switch p.In {
	case "path":
		val := jen.Id("c").Dot("pathValue").Call(jen.Lit(pathIndex))
		if s.Kind == model.KindString && p.Required {
			// p.ProjectID = c.pathValue(0)
			if s.GoName != "" {
				val = jen.Id(s.GoName).Parens(val)
			}
			return []jen.Code{field.Clone().Op("=").Add(val)}, nil
		}
		return []jen.Code{jen.Block(append([]jen.Code{jen.Id("s").Op(":=").Add(val)}, conv...)...)}, nil
	case "query":
		get = jen.Id("c").Dot("queryValue").Call(jen.Lit(p.Name))
	case "header":
		get = jen.Id("c").Dot("headerValue").Call(jen.Lit(textproto.CanonicalMIMEHeaderKey(p.Name)))
	default:
		return nil, fmt.Errorf("%s: %s: parameter %q: the mock does not read parameters in %s", p.Pos, op.Pointer, p.Name, p.In)
	}
	stmt := jen.If(jen.List(jen.Id("s"), jen.Id("ok")).Op(":=").Add(get), jen.Id("ok")).Block(conv...)
	if p.Required {
		stmt = stmt.Else().Block(jen.Id("bad").Op("=").Append(jen.Id("bad"), jen.Id("mockMissing").Call(jen.Lit(p.In), jen.Lit(p.Name))))
	}
	return []jen.Code{stmt}, nil
}

// isScalar reports whether s is a string, integer, number or boolean.
func isScalar(s *model.Schema) bool {
	switch s.Kind {
	case model.KindString, model.KindInteger, model.KindNumber, model.KindBoolean:
		return true
	}
	return false
}

// arrayParamCode reads an array parameter: every occurrence of a query
// parameter (k=a&k=b), or the comma-separated items of a path or header
// value, each parsed as the item type and appended.
//
//	if ss, ok := c.queryValues("kinds"); ok {
//		for _, s := range ss { p.Kinds = append(p.Kinds, KindsItem(s)) }
//	} else { bad = append(bad, mockMissing("query", "kinds")) }   // when required
func arrayParamCode(op *model.Operation, p *model.Param, pathIndex int) ([]jen.Code, error) {
	item := p.Schema.Items
	field := jen.Id("p").Dot(p.GoName)
	add := func(v jen.Code) jen.Code { return field.Clone().Op("=").Append(field.Clone(), v) }
	var conv jen.Code
	switch item.Kind {
	case model.KindString:
		conv = add(convert(item, "s"))
	case model.KindInteger:
		bits := 64
		if item.Format == "int32" {
			bits = 32
		}
		conv = parsed("mockParseInt", []jen.Code{jen.Lit(bits)}, p, add(convert(item, "n")))
	case model.KindNumber:
		bits := 64
		if item.Format == "float" {
			bits = 32
		}
		conv = parsed("mockParseFloat", []jen.Code{jen.Lit(bits)}, p, add(convert(item, "n")))
	case model.KindBoolean:
		conv = parsed("mockParseBool", nil, p, add(convert(item, "n")))
	}
	var get jen.Code
	switch p.In {
	case "path":
		get = jen.Id("c").Dot("pathValues").Call(jen.Lit(pathIndex))
	case "query":
		get = jen.Id("c").Dot("queryValues").Call(jen.Lit(p.Name))
	case "header":
		get = jen.Id("c").Dot("headerValues").Call(jen.Lit(textproto.CanonicalMIMEHeaderKey(p.Name)))
	default:
		return nil, fmt.Errorf("%s: %s: parameter %q: the mock does not read parameters in %s", p.Pos, op.Pointer, p.Name, p.In)
	}
	stmt := jen.If(jen.List(jen.Id("ss"), jen.Id("ok")).Op(":=").Add(get), jen.Id("ok")).Block(
		jen.For(jen.List(jen.Id("_"), jen.Id("s")).Op(":=").Range().Id("ss")).Block(conv),
	)
	if p.Required {
		stmt = stmt.Else().Block(jen.Id("bad").Op("=").Append(jen.Id("bad"), jen.Id("mockMissing").Call(jen.Lit(p.In), jen.Lit(p.Name))))
	}
	return []jen.Code{stmt}, nil
}

// parsed wraps assign in a call of a mockParse* helper.
func parsed(fn string, extra []jen.Code, p *model.Param, assign jen.Code) jen.Code {
	args := append([]jen.Code{jen.Id("s")}, extra...)
	args = append(args, jen.Lit(p.In), jen.Lit(p.Name), jen.Op("&").Id("bad"))
	return jen.If(jen.List(jen.Id("n"), jen.Id("ok")).Op(":=").Id(fn).Call(args...), jen.Id("ok")).Block(assign)
}

// convert converts variable v, holding what the parse helper returned
// (string, int64, float64 or bool), to the Go type of schema s.
func convert(s *model.Schema, v string) jen.Code {
	if isNative(s) {
		return jen.Id(v)
	}
	return jen.Add(types.GoType(s)).Parens(jen.Id(v))
}

// isNative reports whether a scalar schema's Go type is the type the parse
// helpers return (string, int64, float64, bool).
func isNative(s *model.Schema) bool {
	return s.GoName == "" && (s.Kind == model.KindString || s.Kind == model.KindBoolean ||
		s.Kind == model.KindInteger && s.Format != "int32" || s.Kind == model.KindNumber && s.Format != "float")
}
