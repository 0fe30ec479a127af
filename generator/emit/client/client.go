// Package client emits client.gen.go: the Client type over rt.Client, the
// options and aliases of rt's shared types, NewClient, and one method per
// operation. Each method fills the project ID, validates the parameters and
// the body, builds the path, query and headers, and hands the rest to
// rt.Client.Do. It reads only the plan and writes jennifer code.
package client

import (
	"errors"
	"fmt"
	"net/textproto"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/hwcorder/ordergen/generator/emit"
	"github.com/hwcorder/ordergen/generator/emit/rtid"
	"github.com/hwcorder/ordergen/generator/model"
	"github.com/hwcorder/ordergen/generator/plan"
)

// Emit returns client.gen.go for api, in package pkg.
func Emit(pl *plan.Package) ([]emit.File, error) {
	api := pl.API
	f := jen.NewFile(pl.Name)
	f.ImportName(rtid.ImportPath, "rt")
	addAll(f, supportDecls())
	addAll(f, newClientDecl(api))
	var errs []string
	for _, op := range api.Operations {
		decl, err := method(pl, op)
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		addAll(f, decl)
	}
	if len(errs) > 0 {
		return nil, errors.New(strings.Join(errs, "\n"))
	}
	return []emit.File{{Name: "client.gen.go", Code: f}}, nil
}

// addAll adds each declaration to f as a statement of its own.
func addAll(f *jen.File, decls []jen.Code) {
	for _, d := range decls {
		f.Add(d)
	}
}

// newClientDecl declares NewClient, a thin exported wrapper of newClient.
func newClientDecl(api *model.API) []jen.Code {
	title := api.Title
	if title == "" {
		title = api.Service
	}
	return append(comments(wrap(fmt.Sprintf("NewClient returns a client of the API of %s (%s) that sends its "+
		"requests to endpoint, an http or https URL such as https://%s.cn-north-4.myhuaweicloud.com. "+
		"Without WithAKSK or WithToken it sends unauthenticated requests.", api.Source, sanitize(title), api.Service))),
		jen.Func().Id("NewClient").Params(jen.Id("endpoint").String(), jen.Id("opts").Op("...").Id("Option")).
			Params(jen.Op("*").Id("Client"), jen.Error()).Block(
			jen.List(jen.Id("core"), jen.Err()).Op(":=").Add(rtid.NewClient()).Call(jen.Id("endpoint"), jen.Id("opts").Op("...")),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
			jen.Return(jen.Op("&").Id("Client").Values(jen.Dict{jen.Id("core"): jen.Id("core")}), jen.Nil()),
		),
		jen.Line(),
	)
}

// method declares the Client method of op:
//
//	func (c *Client) Op(ctx context.Context, params *OpParams, body *Body) (*Result, error) {
//		var p OpParams
//		if params != nil { p = *params }
//		if p.ProjectID == "" { p.ProjectID = c.cfg.projectID }
//		if !c.cfg.noValidate { ...validate p and body, return *ValidationError... }
//		call := clientCall{op: "Op", method: "POST", path: "/v1/" + url.PathEscape(p.ProjectID) + "/x"}
//		...query and header parameters...
//		out := new(Result)
//		if err := c.do(ctx, &call, in, out); err != nil { return nil, err }
//		return out, nil
//	}
func method(pl *plan.Package, op *model.Operation) ([]jen.Code, error) {
	api := pl.API
	sig, result, err := signature(pl, op)
	if err != nil {
		return nil, err
	}
	path, pre, err := pathExpr(op)
	if err != nil {
		return nil, err
	}
	body := []jen.Code{
		jen.Var().Id("p").Id(op.ParamsGoName),
		jen.If(jen.Id("params").Op("!=").Nil()).Block(jen.Id("p").Op("=").Op("*").Id("params")),
	}
	body = append(body, projectFill(op)...)
	body = append(body, validation(op, result)...)
	body = append(body, pre...)
	dict := jen.Dict{
		jen.Id(rtid.CallOp):     jen.Lit(op.ID),
		jen.Id(rtid.CallMethod): jen.Lit(op.Method),
		jen.Id(rtid.CallPath):   path,
	}
	if op.RetrySafe {
		dict[jen.Id(rtid.CallRetrySafe)] = jen.True()
	}
	body = append(body, jen.Id("call").Op(":=").Add(rtid.Call()).Values(dict))
	q, err := queryStmts(op)
	if err != nil {
		return nil, err
	}
	body = append(body, q...)
	h, err := headerStmts(op)
	if err != nil {
		return nil, err
	}
	body = append(body, h...)
	body = append(body, send(op, result)...)
	return append(comments(doc(api, op)),
		jen.Func().Params(jen.Id("c").Op("*").Id("Client")).Id(op.GoName).Params(sig...).
			Add(resultTypes(result)).Block(body...),
		jen.Line(),
	), nil
}

// result is what a method returns besides the error: a pointer to a named
// struct, or the value of any other type (an inline array of a list
// endpoint, a map, a scalar); nil typ when the operation answers no body.
type result struct {
	typ *plan.GoType
	ptr bool
}

// signature returns op's parameter list and its result.
func signature(pl *plan.Package, op *model.Operation) ([]jen.Code, result, error) {
	sig := []jen.Code{
		jen.Id("ctx").Qual("context", "Context"),
		jen.Id("params").Op("*").Id(op.ParamsGoName),
	}
	if op.Body != nil {
		if op.Body.Schema == nil || op.Body.Schema.GoName == "" {
			return nil, result{}, fmt.Errorf("%s: %s: unsupported: request body schema is not a named type", op.Pos, op.Pointer)
		}
		sig = append(sig, jen.Id("body").Op("*").Id(op.Body.Schema.GoName))
	}
	ok := op.Success()
	if ok == nil || ok.Schema == nil {
		return sig, result{}, nil
	}
	t := pl.TypeOf(ok.Schema)
	return sig, result{typ: t, ptr: t.Kind == plan.GoNamed && plan.IsStruct(ok.Schema)}, nil
}

// code is the declared result type: *T for a struct, T otherwise.
func (r result) code() jen.Code {
	if r.ptr {
		return jen.Op("*").Add(r.typ.Code())
	}
	return r.typ.Code()
}

// resultTypes is (*Result, error), (Result, error) or error alone.
func resultTypes(r result) jen.Code {
	if r.typ == nil {
		return jen.Error()
	}
	return jen.Params(r.code(), jen.Error())
}

// fail returns err from the method, with the zero result.
func fail(r result, err jen.Code) jen.Code {
	if r.typ == nil {
		return jen.Return(err)
	}
	if r.ptr {
		return jen.Return(jen.Nil(), err)
	}
	return jen.Return(jen.Op("*").New(r.typ.Code()), err)
}

// projectFill fills an empty project_id path parameter from WithProjectID.
func projectFill(op *model.Operation) []jen.Code {
	for _, p := range op.ParamsIn("path") {
		if p.Name == "project_id" && p.Schema.Kind == model.KindString && p.Schema.GoName == "" {
			return []jen.Code{
				jen.If(jen.Id("p").Dot(plan.ParamFieldName(p)).Op("==").Lit("")).Block(
					jen.Id("p").Dot(plan.ParamFieldName(p)).Op("=").Id("c").Dot("core").Dot(rtid.ClientProjectID).Call(),
				),
			}
		}
	}
	return nil
}

// validation checks the parameters and the body unless WithoutValidation:
//
//	if !c.cfg.noValidate {
//		var bodyErr error
//		if body == nil { bodyErr = clientBodyRequired() } else { bodyErr = body.Validate() }
//		if err := clientInvalid(p.Validate(), bodyErr); err != nil { return nil, err }
//	}
func validation(op *model.Operation, result result) []jen.Code {
	var stmts []jen.Code
	bodyErr := jen.Nil()
	if op.Body != nil {
		stmts = append(stmts, jen.Var().Id("bodyErr").Error())
		check := jen.Id("bodyErr").Op("=").Id("body").Dot("Validate").Call()
		if op.Body.Required {
			stmts = append(stmts, jen.If(jen.Id("body").Op("==").Nil()).Block(
				jen.Id("bodyErr").Op("=").Add(rtid.BodyRequired()).Call(),
			).Else().Block(check))
		} else {
			stmts = append(stmts, jen.If(jen.Id("body").Op("!=").Nil()).Block(check))
		}
		bodyErr = jen.Id("bodyErr")
	}
	stmts = append(stmts, jen.If(
		jen.Err().Op(":=").Add(rtid.InvalidRequest()).Call(jen.Id("p").Dot("Validate").Call(), bodyErr),
		jen.Err().Op("!=").Nil(),
	).Block(fail(result, jen.Err())))
	return []jen.Code{jen.If(jen.Id("c").Dot("core").Dot(rtid.ClientValidates).Call()).Block(stmts...)}
}

// send calls the core and returns its result.
func send(op *model.Operation, r result) []jen.Code {
	in := jen.Nil()
	var stmts []jen.Code
	if op.Body != nil {
		// A nil *T in an interface is not nil: pass a plain nil instead.
		stmts = append(stmts,
			jen.Var().Id("in").Any(),
			jen.If(jen.Id("body").Op("!=").Nil()).Block(jen.Id("in").Op("=").Id("body")),
		)
		in = jen.Id("in")
	}
	if r.typ == nil {
		return append(stmts, jen.Return(jen.Id("c").Dot("core").Dot(rtid.ClientDo).Call(jen.Id("ctx"), jen.Op("&").Id("call"), in, jen.Nil())))
	}
	ret := jen.Op("*").Id("out")
	if r.ptr {
		ret = jen.Id("out")
	}
	return append(stmts,
		jen.Id("out").Op(":=").New(r.typ.Code()),
		jen.If(
			jen.Err().Op(":=").Id("c").Dot("core").Dot(rtid.ClientDo).Call(jen.Id("ctx"), jen.Op("&").Id("call"), in, jen.Id("out")),
			jen.Err().Op("!=").Nil(),
		).Block(fail(r, jen.Err())),
		jen.Return(ret, jen.Nil()),
	)
}

// pathExpr concatenates the template's literal parts and its escaped
// path parameters: "/v1/" + url.PathEscape(p.ProjectID) + "/period/order".
func pathExpr(op *model.Operation) (jen.Code, []jen.Code, error) {
	var pre []jen.Code
	byName := map[string]*model.Param{}
	for _, p := range op.ParamsIn("path") {
		byName[p.Name] = p
	}
	var parts []jen.Code
	rest := op.Path
	for rest != "" {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			parts = append(parts, jen.Lit(rest))
			break
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			return nil, nil, fmt.Errorf("%s: %s: unterminated parameter in path %q", op.Pos, op.Pointer, op.Path)
		}
		if i > 0 {
			parts = append(parts, jen.Lit(rest[:i]))
		}
		name := rest[i+1 : i+j]
		p := byName[name]
		if p == nil {
			return nil, nil, fmt.Errorf("%s: %s: path parameter %q is not declared", op.Pos, op.Pointer, name)
		}
		if p.Schema.Kind == model.KindArray {
			// path0 := make([]string, 0, len(p.Tags))
			// for _, x := range p.Tags { path0 = append(path0, url.PathEscape(text(x))) }
			v := fmt.Sprintf("path%d", len(pre)/2)
			f := jen.Id("p").Dot(plan.ParamFieldName(p))
			pre = append(pre,
				jen.Id(v).Op(":=").Make(jen.Index().String(), jen.Lit(0), jen.Len(f.Clone())),
				jen.For(jen.List(jen.Id("_"), jen.Id("x")).Op(":=").Range().Add(f.Clone())).Block(
					jen.Id(v).Op("=").Append(jen.Id(v), jen.Qual("net/url", "PathEscape").Call(toString(p.Schema.Items, jen.Id("x"))))))
			parts = append(parts, jen.Qual("strings", "Join").Call(jen.Id(v), jen.Lit(plan.Delimiter(p))))
		} else {
			parts = append(parts, jen.Qual("net/url", "PathEscape").Call(toString(p.Schema, jen.Id("p").Dot(plan.ParamFieldName(p)))))
		}
		rest = rest[i+j+1:]
	}
	if len(parts) == 0 {
		return jen.Lit(""), pre, nil
	}
	expr := parts[0]
	for _, part := range parts[1:] {
		expr = jen.Add(expr).Op("+").Add(part)
	}
	return expr, pre, nil
}

// queryStmts encodes the query parameters; optional ones only when set:
//
//	var q []byte
//	if p.Limit != nil { q = clientAppendQuery(q, "limit", strconv.FormatInt(int64(*p.Limit), 10)) }
//	for _, x := range p.Tags { q = clientAppendQuery(q, "tags", x) }
//	call.query = string(q)
func queryStmts(op *model.Operation) ([]jen.Code, error) {
	params := op.ParamsIn("query")
	if len(params) == 0 {
		return nil, nil
	}
	stmts := []jen.Code{jen.Var().Id("q").Index().Byte()}
	for _, p := range params {
		if p.Schema.Kind == model.KindArray && !plan.Exploded(p) {
			stmts = append(stmts, joinedQuery(p))
			continue
		}
		add := func(s *model.Schema, x jen.Code) jen.Code {
			return jen.Id("q").Op("=").Add(rtid.AppendQuery()).Call(jen.Id("q"), jen.Lit(p.Name), toString(s, x))
		}
		stmts = append(stmts, setOrEach(p, add))
	}
	return append(stmts, jen.Id("call").Dot(rtid.CallQuery).Op("=").String().Call(jen.Id("q"))), nil
}

// headerStmts adds the header parameters; optional ones only when set.
func headerStmts(op *model.Operation) ([]jen.Code, error) {
	var stmts []jen.Code
	for _, p := range op.ParamsIn("header") {
		name := textproto.CanonicalMIMEHeaderKey(p.Name)
		add := func(s *model.Schema, x jen.Code) jen.Code {
			return jen.Id("call").Dot(rtid.CallHeader).Op("=").Append(jen.Id("call").Dot(rtid.CallHeader), jen.Lit(name), toString(s, x))
		}
		stmts = append(stmts, setOrEach(p, add))
	}
	return stmts, nil
}

// setOrEach applies add to p's value: each item of an array, the pointed-to
// value of an optional scalar when set, or the value itself.
// joinedQuery writes an array query parameter without explode as one
// member, its items joined by the style's delimiter.
//
//	if len(p.IDs) > 0 {
//		list := make([]string, 0, len(p.IDs))
//		for _, x := range p.IDs { list = append(list, text(x)) }
//		q = rt.AppendQuery(q, "ids", strings.Join(list, ","))
//	}
func joinedQuery(p *model.Param) jen.Code {
	f := jen.Id("p").Dot(plan.ParamFieldName(p))
	return jen.If(jen.Len(f.Clone()).Op(">").Lit(0)).Block(
		jen.Id("list").Op(":=").Make(jen.Index().String(), jen.Lit(0), jen.Len(f.Clone())),
		jen.For(jen.List(jen.Id("_"), jen.Id("x")).Op(":=").Range().Add(f.Clone())).Block(
			jen.Id("list").Op("=").Append(jen.Id("list"), toString(p.Schema.Items, jen.Id("x")))),
		jen.Id("q").Op("=").Add(rtid.AppendQuery()).Call(jen.Id("q"), jen.Lit(p.Name),
			jen.Qual("strings", "Join").Call(jen.Id("list"), jen.Lit(plan.Delimiter(p)))),
	)
}

func setOrEach(p *model.Param, add func(s *model.Schema, x jen.Code) jen.Code) jen.Code {
	f := jen.Id("p").Dot(plan.ParamFieldName(p))
	switch {
	case p.Schema.Kind == model.KindArray:
		return jen.For(jen.List(jen.Id("_"), jen.Id("x")).Op(":=").Range().Add(f)).Block(add(p.Schema.Items, jen.Id("x")))
	case !p.Required:
		return jen.If(f.Clone().Op("!=").Nil()).Block(add(p.Schema, jen.Op("*").Add(f.Clone())))
	}
	return add(p.Schema, f)
}

// toString renders a scalar parameter value x of schema s as text.
func toString(s *model.Schema, x jen.Code) jen.Code {
	switch s.Kind {
	case model.KindInteger:
		return jen.Qual("strconv", "FormatInt").Call(jen.Int64().Call(x), jen.Lit(10))
	case model.KindNumber:
		return jen.Qual("strconv", "FormatFloat").Call(jen.Float64().Call(x), jen.LitRune('g'), jen.Lit(-1), jen.Lit(64))
	case model.KindBoolean:
		return jen.Qual("strconv", "FormatBool").Call(jen.Bool().Call(x))
	}
	if s.GoName != "" {
		return jen.String().Call(x)
	}
	return x
}
