// Package mock emits the mock package beside a generated client package
// (NAMEmock/mock.gen.go): per operation, a route entry and a handle
// function that parses the path, query and header parameters into the
// operation's Params struct and decodes and validates the body
// (rt.MockCall.Body); the service's error body; and NewServer, Start and
// the option wrappers. The spec-independent server (routing, auth, limits,
// faults, records, admin API) is rt's MockServer. It reads only the plan
// and writes jennifer code; it never imports the loader.
package mock

import (
	"fmt"
	"net/textproto"

	"github.com/dave/jennifer/jen"

	"github.com/hwcorder/ordergen/generator/emit"
	"github.com/hwcorder/ordergen/generator/emit/rtid"
	"github.com/hwcorder/ordergen/generator/model"
	"github.com/hwcorder/ordergen/generator/plan"
)

// emitter holds the plan the mock package is written from.
type emitter struct{ pl *plan.Package }

// qual names a declaration of the client package.
func (e *emitter) qual(name string) *jen.Statement { return jen.Qual(e.pl.ImportPath, name) }

// Emit returns mock.gen.go for api, in package pkg.
func Emit(pl *plan.Package) ([]emit.File, error) {
	api := pl.API
	e := &emitter{pl: pl}
	f := jen.NewFile(pl.MockName)
	f.ImportName(rtid.ImportPath, "rt")
	f.ImportName(pl.ImportPath, pl.Name)
	f.PackageComment(fmt.Sprintf("Package %s is the mock server of package %s (%s %s, from %s): an", pl.MockName, pl.Name, api.Title, api.Version, api.Source))
	f.PackageComment("http.Handler that routes, authenticates and validates every call as the real")
	f.PackageComment("service does and answers valid orders with fresh order IDs.")
	var entries []jen.Code
	for _, op := range api.Operations {
		handler, err := e.handleFunc(op)
		if err != nil {
			return nil, err
		}
		reply, err := successReply(op)
		if err != nil {
			return nil, err
		}
		entries = append(entries, e.routeEntry(op, reply))
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
	for _, c := range e.constructors(api, entries) {
		f.Add(c)
	}
	return []emit.File{{Name: pl.MockName + "/mock.gen.go", Code: f}}, nil
}

// constructors declares NewMockServer and StartMock.
//
//	func NewMockServer(opts ...MockOption) *MockServer {
//		return newMockServer(mockService{name: "dsc", ..., operations: []*mockOperation{...}}, opts)
//	}
func (e *emitter) constructors(api *model.API, entries []jen.Code) []jen.Code {
	svc := rtid.MockService().Values(jen.Dict{
		jen.Id(rtid.MockServiceName):        jen.Lit(api.Service),
		jen.Id(rtid.MockServiceInvalidCode): jen.Lit(invalidCode(api)),
		jen.Id(rtid.MockServiceErrorBody):   jen.Id("errorBody"),
		jen.Id(rtid.MockServiceOperations):  jen.Index().Op("*").Add(rtid.MockOperation()).Values(entries...),
	})
	return []jen.Code{
		jen.Comment("Server is the mock server type (rt.MockServer); Option configures it."),
		jen.Type().Defs(
			jen.Id("Server").Op("=").Add(rtid.MockServer()),
			jen.Id("Option").Op("=").Add(rtid.MockOption()),
		),
		jen.Line(),
		jen.Comment("WithKey makes the mock accept calls signed with access key ak and secret"),
		jen.Comment("key sk (SDK-HMAC-SHA256), and only those unless other credentials are set."),
		jen.Func().Id("WithKey").Params(jen.Id("ak").Op(",").Id("sk").String()).Id("Option").Block(jen.Return(rtid.WithMockKey().Call(jen.Id("ak"), jen.Id("sk")))),
		jen.Line(),
		jen.Comment("WithToken makes the mock accept calls whose X-Auth-Token is one of tokens."),
		jen.Func().Id("WithToken").Params(jen.Id("tokens").Op("...").String()).Id("Option").Block(jen.Return(rtid.WithMockToken().Call(jen.Id("tokens").Op("...")))),
		jen.Line(),
		jen.Comment(fmt.Sprintf("NewServer returns a mock of the %s API (%s): it routes,", api.Service, api.Source)),
		jen.Comment("authenticates and validates every call as the real service does and"),
		jen.Comment("answers valid orders with the spec's success response and a fresh order"),
		jen.Comment("ID. Serve it with Start, or mount it as an http.Handler. Without"),
		jen.Comment("WithToken or WithKey it is permissive: any well-formed credentials pass."),
		jen.Func().Id("NewServer").Params(jen.Id("opts").Op("...").Id("Option")).Op("*").Id("Server").Block(
			jen.Return(rtid.NewMockServer().Call(svc, jen.Id("opts").Op("..."))),
		),
		jen.Line(),
		jen.Comment("Start starts a NewServer on a free port of 127.0.0.1 for the test t and"),
		jen.Comment("stops it when the test ends; its URL method gives the endpoint."),
		jen.Func().Id("Start").Params(jen.Id("t").Add(rtid.TB()), jen.Id("opts").Op("...").Id("Option")).Op("*").Id("Server").Block(
			jen.Id("t").Dot("Helper").Call(),
			jen.Return(jen.Id("NewServer").Call(jen.Id("opts").Op("...")).Dot(rtid.MockServerStartForTest).Call(jen.Id("t"))),
		),
		jen.Line(),
	}
}

// routeEntry is op's element of the operations table.
func (e *emitter) routeEntry(op *model.Operation, r reply) jen.Code {
	var params []jen.Code
	for _, p := range op.Params {
		d := jen.Dict{jen.Id(rtid.MockParamName): jen.Lit(p.Name), jen.Id(rtid.MockParamIn): jen.Lit(p.In)}
		if p.Secret {
			d[jen.Id(rtid.MockParamSecret)] = jen.True()
		}
		params = append(params, jen.Values(d))
	}
	d := jen.Dict{
		jen.Id(rtid.MockOperationID):     jen.Lit(op.ID),
		jen.Id(rtid.MockOperationMethod): jen.Lit(op.Method),
		jen.Id(rtid.MockOperationPath):   jen.Lit(op.Path),
		jen.Id(rtid.MockOperationStatus): jen.Lit(r.status),
		jen.Id(rtid.MockOperationHandle): jen.Id(e.pl.Op(op).Handler),
	}
	if len(params) > 0 {
		d[jen.Id(rtid.MockOperationParams)] = jen.Index().Add(rtid.MockParam()).Values(params...)
	}
	if op.Body != nil {
		d[jen.Id(rtid.MockOperationHasBody)] = jen.True()
		// newBody: func() any { return new(CreateProductOrderRequest) }
		d[jen.Id(rtid.MockOperationNewBody)] = jen.Func().Params().Any().Block(jen.Return(jen.New(e.qual(op.Body.Schema.GoName))))
	}
	if r.head != "" {
		d[jen.Id(rtid.MockOperationReplyHead)] = jen.Lit(r.head)
	}
	if len(op.Security) == 0 {
		d[jen.Id(rtid.MockOperationNoAuth)] = jen.True()
	}
	if r.hasID {
		d[jen.Id(rtid.MockOperationReplyTail)] = jen.Lit(r.tail)
		d[jen.Id(rtid.MockOperationHasID)] = jen.True()
	}
	return jen.Values(d)
}

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
func (e *emitter) handleFunc(op *model.Operation) ([]jen.Code, error) {
	var body []jen.Code
	perr := jen.Nil()
	if len(op.Params) > 0 {
		body = append(body,
			jen.Var().Id("p").Add(e.qual(op.ParamsGoName)),
			jen.Var().Id("bad").Index().Add(rtid.Violation()),
		)
		pathIndex := 0
		for _, p := range op.Params {
			code, err := e.paramCode(op, p, pathIndex)
			if err != nil {
				return nil, err
			}
			if p.In == "path" {
				pathIndex++
			}
			body = append(body, code...)
		}
		body = append(body, jen.Id("perr").Op(":=").Add(rtid.MockParamsErr()).Call(jen.Id("bad"), jen.Op("&").Id("p")))
		perr = jen.Id("perr")
	}
	berr := jen.Nil()
	if op.Body != nil {
		if op.Body.Schema == nil || op.Body.Schema.GoName == "" {
			return nil, fmt.Errorf("%s: %s: request body has no named schema", op.Body.Pos, op.Pointer)
		}
		body = append(body,
			jen.Var().Id("b").Add(e.qual(op.Body.Schema.GoName)),
			jen.Id("berr").Op(":=").Id("c").Dot(rtid.MockCallBody).Call(jen.Op("&").Id("b"), jen.Lit(op.Body.Required)),
		)
		berr = jen.Id("berr")
	}
	body = append(body, jen.Return(rtid.MockJoin().Call(perr, berr)))
	return []jen.Code{
		jen.Comment(fmt.Sprintf("%s checks one %s call (%s %s): its parameters and its body.", e.pl.Op(op).Handler, op.ID, op.Method, op.Path)),
		jen.Func().Id(e.pl.Op(op).Handler).Params(jen.Id("c").Op("*").Add(rtid.MockCall())).Error().Block(body...),
		jen.Line(),
	}, nil
}

// paramCode reads parameter p into p's field of the Params struct.
//
//	if s, ok := c.queryValue("limit"); ok {
//		if n, ok := mockParseInt(s, 32, "query", "limit", &bad); ok { v := int32(n); p.Limit = &v }
//	} else { bad = append(bad, mockMissing("query", "limit")) }   // when required
func (e *emitter) paramCode(op *model.Operation, p *model.Param, pathIndex int) ([]jen.Code, error) {
	s := p.Schema
	if s != nil && s.Kind == model.KindArray && s.Items != nil && isScalar(s.Items) {
		return e.arrayParamCode(op, p, pathIndex)
	}
	if s == nil || !isScalar(s) {
		return nil, fmt.Errorf("%s: %s: parameter %q: the mock supports only string, integer, number and boolean parameters and arrays of them", p.Pos, op.Pointer, p.Name)
	}
	field := jen.Id("p").Dot(plan.ParamFieldName(p))
	assign := func(v jen.Code) jen.Code {
		switch {
		case p.Required:
			return field.Clone().Op("=").Add(v)
		case e.isNative(s):
			// v is a fresh variable of the if statement: p.Limit = &n
			return field.Clone().Op("=").Op("&").Add(v)
		}
		return field.Clone().Op("=").Add(rtid.Ptr()).Call(v)
	}
	var conv []jen.Code
	switch s.Kind {
	case model.KindString:
		conv = []jen.Code{assign(e.convert(s, "s"))}
	case model.KindInteger:
		bits := 64
		if e.pl.Base(s) == "int32" {
			bits = 32
		}
		conv = []jen.Code{e.parsed(rtid.ParseInt(), []jen.Code{jen.Lit(bits)}, p, assign(e.convert(s, "n")))}
	case model.KindNumber:
		conv = []jen.Code{e.parsed(rtid.ParseFloat(), []jen.Code{jen.Lit(64)}, p, assign(e.convert(s, "n")))}
	case model.KindBoolean:
		conv = []jen.Code{e.parsed(rtid.ParseBool(), nil, p, assign(e.convert(s, "n")))}
	}
	var get jen.Code
	switch p.In {
	case "path":
		val := jen.Id("c").Dot(rtid.MockCallPathValue).Call(jen.Lit(pathIndex))
		if s.Kind == model.KindString && p.Required {
			// p.ProjectID = c.pathValue(0)
			if s.GoName != "" {
				val = e.qual(s.GoName).Parens(val)
			}
			return []jen.Code{field.Clone().Op("=").Add(val)}, nil
		}
		return []jen.Code{jen.Block(append([]jen.Code{jen.Id("s").Op(":=").Add(val)}, conv...)...)}, nil
	case "query":
		get = jen.Id("c").Dot(rtid.MockCallQueryValue).Call(jen.Lit(p.Name))
	case "header":
		get = jen.Id("c").Dot(rtid.MockCallHeaderValue).Call(jen.Lit(textproto.CanonicalMIMEHeaderKey(p.Name)))
	default:
		return nil, fmt.Errorf("%s: %s: parameter %q: the mock does not read parameters in %s", p.Pos, op.Pointer, p.Name, p.In)
	}
	stmt := jen.If(jen.List(jen.Id("s"), jen.Id("ok")).Op(":=").Add(get), jen.Id("ok")).Block(conv...)
	if p.Required {
		stmt = stmt.Else().Block(jen.Id("bad").Op("=").Append(jen.Id("bad"), rtid.MockMissing().Call(jen.Lit(p.In), jen.Lit(p.Name))))
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
func (e *emitter) arrayParamCode(op *model.Operation, p *model.Param, pathIndex int) ([]jen.Code, error) {
	item := p.Schema.Items
	field := jen.Id("p").Dot(plan.ParamFieldName(p))
	add := func(v jen.Code) jen.Code { return field.Clone().Op("=").Append(field.Clone(), v) }
	var conv jen.Code
	switch item.Kind {
	case model.KindString:
		conv = add(e.convert(item, "s"))
	case model.KindInteger:
		bits := 64
		if e.pl.Base(item) == "int32" {
			bits = 32
		}
		conv = e.parsed(rtid.ParseInt(), []jen.Code{jen.Lit(bits)}, p, add(e.convert(item, "n")))
	case model.KindNumber:
		conv = e.parsed(rtid.ParseFloat(), []jen.Code{jen.Lit(64)}, p, add(e.convert(item, "n")))
	case model.KindBoolean:
		conv = e.parsed(rtid.ParseBool(), nil, p, add(e.convert(item, "n")))
	}
	var get jen.Code
	switch p.In {
	case "path":
		get = jen.Id("c").Dot(rtid.MockCallPathValues).Call(jen.Lit(pathIndex))
	case "query":
		get = jen.Id("c").Dot(rtid.MockCallQueryValues).Call(jen.Lit(p.Name))
		if !plan.Exploded(p) {
			get = jen.Id("c").Dot(rtid.MockCallQuerySplit).Call(jen.Lit(p.Name), jen.Lit(plan.Delimiter(p)))
		}
	case "header":
		get = jen.Id("c").Dot(rtid.MockCallHeaderValues).Call(jen.Lit(textproto.CanonicalMIMEHeaderKey(p.Name)))
	default:
		return nil, fmt.Errorf("%s: %s: parameter %q: the mock does not read parameters in %s", p.Pos, op.Pointer, p.Name, p.In)
	}
	stmt := jen.If(jen.List(jen.Id("ss"), jen.Id("ok")).Op(":=").Add(get), jen.Id("ok")).Block(
		jen.For(jen.List(jen.Id("_"), jen.Id("s")).Op(":=").Range().Id("ss")).Block(conv),
	)
	if p.Required {
		stmt = stmt.Else().Block(jen.Id("bad").Op("=").Append(jen.Id("bad"), rtid.MockMissing().Call(jen.Lit(p.In), jen.Lit(p.Name))))
	}
	return []jen.Code{stmt}, nil
}

// parsed wraps assign in a call of a mockParse* helper.
func (e *emitter) parsed(fn *jen.Statement, extra []jen.Code, p *model.Param, assign jen.Code) jen.Code {
	args := append([]jen.Code{jen.Id("s")}, extra...)
	args = append(args, jen.Lit(p.In), jen.Lit(p.Name), jen.Op("&").Id("bad"))
	return jen.If(jen.List(jen.Id("n"), jen.Id("ok")).Op(":=").Add(fn).Call(args...), jen.Id("ok")).Block(assign)
}

// convert converts variable v, holding what the parse helper returned
// (string, int64, float64 or bool), to the Go type of schema s.
func (e *emitter) convert(s *model.Schema, v string) jen.Code {
	if e.isNative(s) {
		return jen.Id(v)
	}
	return jen.Add(e.pl.TypeOf(s).QualCode(e.pl.ImportPath)).Parens(jen.Id(v))
}

// isNative reports whether a scalar schema's Go type is the type the parse
// helpers return (string, int64, float64, bool).
func (e *emitter) isNative(s *model.Schema) bool {
	return e.pl.Type(s) == nil && e.pl.Base(s) != "int32"
}
