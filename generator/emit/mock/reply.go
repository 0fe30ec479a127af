package mock

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/dave/jennifer/jen"

	"github.com/hwcorder/ordergen/generator/model"
)

// isOrderIDKey reports whether a top-level member of a success response
// gets a fresh order ID: order_id, or orderId as WAF spells it.
func isOrderIDKey(name string) bool { return name == "order_id" || name == "orderId" }

// reply is an operation's success response, prepared at generation time so
// that the mock only splices the order ID in: head + ID + tail.
type reply struct {
	status     int
	head, tail string
	hasID      bool
}

// successReply renders op's first 2xx response: its first example, or a
// value made up from its schema, as JSON with members in schema order and
// the order ID cut out.
func successReply(op *model.Operation) (reply, error) {
	r := op.Success()
	if r == nil {
		return reply{}, fmt.Errorf("%s: %s: the mock needs a 2xx response", op.Pos, op.Pointer)
	}
	if r.Schema == nil {
		return reply{status: r.Status}, nil
	}
	var v any
	if len(r.Examples) > 0 {
		v = r.Examples[0].Value
	} else {
		v = madeUp(r.Schema, 0)
	}
	w := jsonWriter{idAt: -1}
	if err := w.value(v, r.Schema, true); err != nil {
		return reply{}, fmt.Errorf("%s: %s: success example: %w", r.Pos, op.Pointer, err)
	}
	out := w.buf.String()
	if w.idAt < 0 {
		return reply{status: r.Status, head: out}, nil
	}
	return reply{status: r.Status, head: out[:w.idAt], tail: out[w.idAt:], hasID: true}, nil
}

// jsonWriter renders example values as compact JSON, objects in schema
// order (members the schema does not name follow, sorted).
type jsonWriter struct {
	buf  bytes.Buffer
	idAt int // offset of the order ID, between its quotes; -1 if none
}

func (w *jsonWriter) value(v any, s *model.Schema, top bool) error {
	switch x := v.(type) {
	case map[string]any:
		return w.object(x, s, top)
	case []any:
		var items *model.Schema
		if s != nil {
			items = s.Items
		}
		w.buf.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				w.buf.WriteByte(',')
			}
			if err := w.value(e, items, false); err != nil {
				return err
			}
		}
		w.buf.WriteByte(']')
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	w.buf.Write(b)
	return nil
}

func (w *jsonWriter) object(m map[string]any, s *model.Schema, top bool) error {
	var keys []string
	props := map[string]*model.Schema{}
	if s != nil {
		for _, p := range s.Properties {
			props[p.Name] = p.Schema
			_, has := m[p.Name]
			if has || top && isOrderIDKey(p.Name) {
				keys = append(keys, p.Name)
			}
		}
	}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if _, known := props[k]; !known {
			keys = append(keys, k)
		}
	}
	w.buf.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			w.buf.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		w.buf.Write(kb)
		w.buf.WriteByte(':')
		if top && isOrderIDKey(k) && w.idAt < 0 {
			w.buf.WriteByte('"')
			w.idAt = w.buf.Len()
			w.buf.WriteByte('"')
			continue
		}
		if err := w.value(m[k], props[k], false); err != nil {
			return err
		}
	}
	w.buf.WriteByte('}')
	return nil
}

// madeUp returns a value of schema s for a response without an example:
// the default, else the first enum value, else a zero-like value; objects
// get every property.
func madeUp(s *model.Schema, depth int) any {
	switch {
	case s == nil || depth > 8:
		return nil
	case s.HasDefault:
		return s.Default
	case len(s.Enum) > 0:
		return s.Enum[0].Value
	}
	switch s.Kind {
	case model.KindObject:
		m := map[string]any{}
		for _, p := range s.Properties {
			m[p.Name] = madeUp(p.Schema, depth+1)
		}
		return m
	case model.KindArray:
		return []any{}
	case model.KindString:
		return "string"
	case model.KindInteger, model.KindNumber:
		if s.Min != nil {
			return *s.Min
		}
		return 0
	case model.KindBoolean:
		return false
	}
	return nil
}

// errorSchema returns the schema of the service's error body: that of the
// first 400 response, else of the first other 4xx, else nil.
func errorSchema(api *model.API) (*model.Schema, *model.Response) {
	var fallback *model.Response
	for _, op := range api.Operations {
		for _, r := range op.Responses {
			if r.Schema == nil || r.Status < 400 || r.Status > 499 {
				continue
			}
			if r.Status == 400 {
				return r.Schema, r
			}
			if fallback == nil {
				fallback = r
			}
		}
	}
	if fallback != nil {
		return fallback.Schema, fallback
	}
	return nil, nil
}

// invalidCode is the error_code of a rejected request: the one in the
// spec's 400 example (e.g. "dsc.40000011"), else the service's prefix and
// "0001" (e.g. "HSS.0001", HSS's "invalid parameter").
func invalidCode(api *model.API) string {
	for _, op := range api.Operations {
		for _, r := range op.Responses {
			if r.Status != 400 {
				continue
			}
			for _, ex := range r.Examples {
				if code := exampleCode(ex.Value, 0); code != "" {
					return code
				}
			}
		}
	}
	return api.ErrorCodePrefix + "0001"
}

// exampleCode finds error_code in an error example, itself or in a member
// object.
func exampleCode(v any, depth int) string {
	m, ok := v.(map[string]any)
	if !ok || depth > 2 {
		return ""
	}
	if code, ok := m["error_code"].(string); ok && code != "" {
		return code
	}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if code := exampleCode(m[k], depth+1); code != "" {
			return code
		}
	}
	return ""
}

// errorBodyFunc declares errorBody, which renders the service's error
// body: every member of the error schema, error_code and error_msg filled
// in, the others empty ("" or []) as the real service sends them.
//
//	func errorBody(code, msg string) []byte {
//		b, _ := json.Marshal(struct {
//			Details   []struct{} `json:"details"`
//			ErrorCode string     `json:"error_code"`
//			ErrorMsg  string     `json:"error_msg"`
//		}{Details: []struct{}{}, ErrorCode: code, ErrorMsg: msg})
//		return b
//	}
func errorBodyFunc(api *model.API) ([]jen.Code, error) {
	s, _ := errorSchema(api)
	typ, val := errorShape(s, 0)
	return []jen.Code{
		jen.Comment("errorBody renders the service's error body for error_code code and"),
		jen.Comment("error_msg msg."),
		jen.Func().Id("errorBody").Params(jen.List(jen.Id("code"), jen.Id("msg")).String()).Index().Byte().Block(
			jen.List(jen.Id("b"), jen.Id("_")).Op(":=").Qual("encoding/json", "Marshal").Call(jen.Add(typ).Add(val)),
			jen.Return(jen.Id("b")),
		),
		jen.Line(),
	}, nil
}

// errorShape returns an anonymous struct type for error schema s and its
// composite literal. A schema without error_code and error_msg (or no
// schema) gets just those two.
func errorShape(s *model.Schema, depth int) (jen.Code, jen.Code) {
	if s == nil || !holdsCode(s, depth) {
		return jen.Struct(
				jen.Id("ErrorCode").String().Tag(map[string]string{"json": "error_code"}),
				jen.Id("ErrorMsg").String().Tag(map[string]string{"json": "error_msg"}),
			), jen.Values(jen.Dict{
				jen.Id("ErrorCode"): jen.Id("code"),
				jen.Id("ErrorMsg"):  jen.Id("msg"),
			})
	}
	var fields []jen.Code
	vals := jen.Dict{}
	for _, p := range s.Properties {
		name := p.GoName
		tag := map[string]string{"json": p.Name}
		switch {
		case p.Name == "error_code":
			fields = append(fields, jen.Id(name).String().Tag(tag))
			vals[jen.Id(name)] = jen.Id("code")
		case p.Name == "error_msg":
			fields = append(fields, jen.Id(name).String().Tag(tag))
			vals[jen.Id(name)] = jen.Id("msg")
		case p.Schema.Kind == model.KindObject && holdsCode(p.Schema, depth+1):
			t, v := errorShape(p.Schema, depth+1)
			fields = append(fields, jen.Id(name).Add(t).Tag(tag))
			vals[jen.Id(name)] = jen.Add(t).Add(v)
		case p.Schema.Kind == model.KindArray:
			fields = append(fields, jen.Id(name).Index().Struct().Tag(tag))
			vals[jen.Id(name)] = jen.Index().Struct().Values()
		case p.Schema.Kind == model.KindString:
			fields = append(fields, jen.Id(name).String().Tag(tag))
		case p.Schema.Kind == model.KindInteger:
			fields = append(fields, jen.Id(name).Int64().Tag(tag))
		case p.Schema.Kind == model.KindNumber:
			fields = append(fields, jen.Id(name).Float64().Tag(tag))
		case p.Schema.Kind == model.KindBoolean:
			fields = append(fields, jen.Id(name).Bool().Tag(tag))
		default:
			fields = append(fields, jen.Id(name).Struct().Tag(tag))
		}
	}
	return jen.Struct(fields...), jen.Values(vals)
}

// holdsCode reports whether object schema s has error_code and error_msg,
// itself or in a member object (as {"error": {...}} bodies do).
func holdsCode(s *model.Schema, depth int) bool {
	if s == nil || s.Kind != model.KindObject || depth > 2 {
		return false
	}
	code, msg := false, false
	for _, p := range s.Properties {
		code = code || p.Name == "error_code"
		msg = msg || p.Name == "error_msg"
		if p.Schema.Kind == model.KindObject && holdsCode(p.Schema, depth+1) {
			return true
		}
	}
	return code && msg
}
