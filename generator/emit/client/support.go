package client

import (
	"github.com/dave/jennifer/jen"

	"github.com/hwcorder/ordergen/generator/emit/rtid"
)

// supportDecls declares what every client package offers besides its
// operations: the Client type over rt.Client, the options, and aliases of
// rt's shared types, so that errors of every service are one type and
// callers need import only the service's package.
func supportDecls() []jen.Code {
	alias := func(name, doc string, t jen.Code) []jen.Code {
		return []jen.Code{jen.Comment(name + " " + doc), jen.Type().Id(name).Op("=").Add(t), jen.Line()}
	}
	var out []jen.Code
	out = append(out,
		jen.Comment("Client calls the operations of the API. It is safe for concurrent use."),
		jen.Type().Id("Client").Struct(jen.Id("core").Op("*").Add(rtid.Client())),
		jen.Line(),
	)
	out = append(out, alias("Option", "configures a Client (see NewClient).", rtid.Option())...)
	out = append(out, alias("APIError", "is a non-2xx answer of the service: status, error_code, error_msg and X-Request-Id.", rtid.APIError())...)
	out = append(out, alias("ValidationError", "lists every violation found in a request or a value.", rtid.ValidationError())...)
	out = append(out, alias("Violation", "is one rule a value breaks, with its JSON pointer or parameter name.", rtid.Violation())...)
	out = append(out, alias("DecodeError", "is a body that is not JSON.", rtid.DecodeError())...)
	out = append(out,
		jen.Comment("Nullable holds an optional member that may be null: absent, null or a value."),
		jen.Type().Id("Nullable").Types(jen.Id("T").Any()).Op("=").Add(rtid.Nullable()).Types(jen.Id("T")),
		jen.Line(),
	)
	wrap := func(name, doc string, params []jen.Code, args []jen.Code, target jen.Code) []jen.Code {
		return []jen.Code{
			jen.Comment(name + " " + doc),
			jen.Func().Id(name).Params(params...).Id("Option").Block(jen.Return(jen.Add(target).Call(args...))),
			jen.Line(),
		}
	}
	str := func(n string) jen.Code { return jen.Id(n).String() }
	id := jen.Id
	out = append(out, wrap("WithAKSK", "signs every request with the access key ak and secret key sk (SDK-HMAC-SHA256), as the official SDK does.",
		[]jen.Code{jen.Id("ak").Op(",").Id("sk").String()}, []jen.Code{id("ak"), id("sk")}, rtid.WithAKSK())...)
	out = append(out, wrap("WithToken", "sends token as X-Auth-Token.", []jen.Code{str("token")}, []jen.Code{id("token")}, rtid.WithToken())...)
	out = append(out, wrap("WithProjectID", "fills every project_id path parameter left empty.", []jen.Code{str("id")}, []jen.Code{id("id")}, rtid.WithProjectID())...)
	out = append(out, wrap("WithHTTPClient", "sends requests through hc.", []jen.Code{jen.Id("hc").Op("*").Qual("net/http", "Client")}, []jen.Code{id("hc")}, rtid.WithHTTPClient())...)
	out = append(out, wrap("WithUserAgent", "sets the User-Agent header.", []jen.Code{str("ua")}, []jen.Code{id("ua")}, rtid.WithUserAgent())...)
	out = append(out, wrap("WithoutValidation", "sends requests without validating them first.", nil, nil, rtid.WithoutValidation())...)
	out = append(out, wrap("WithRetry", "retries a call up to attempts times in all, waiting between base and max, only when the request provably was not acted on.",
		[]jen.Code{jen.Id("attempts").Int(), jen.Id("base").Op(",").Id("max").Qual("time", "Duration")}, []jen.Code{id("attempts"), id("base"), id("max")}, rtid.WithRetry())...)
	return out
}
