package transcribe

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Small constructors for yaml nodes; mapping skips nil values so optional
// keys can be passed unconditionally.
func str(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if reAmbiguous.MatchString(s) {
		n.Style = yaml.SingleQuotedStyle
	}
	return n
}

// reAmbiguous matches plain scalars YAML would read as something other
// than a string; the house style single-quotes them.
var reAmbiguous = regexp.MustCompile(`^(?:[-+]?[0-9]+|[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[0-9]{4}-[0-9]{2}-[0-9]{2}|[yYnN~]|true|false|True|False|TRUE|FALSE|yes|no|Yes|No|YES|NO|on|off|On|Off|ON|OFF|null|Null|NULL|)$`)

func lit(tag, v string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: v} }

func boolean(v bool) *yaml.Node { return lit("!!bool", strconv.FormatBool(v)) }

func seq(items ...*yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.SequenceNode, Content: items}
}

func mapping(kv ...any) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode}
	for i := 0; i+1 < len(kv); i += 2 {
		v, _ := kv[i+1].(*yaml.Node)
		if v == nil {
			continue
		}
		n.Content = append(n.Content, str(kv[i].(string)), v)
	}
	return n
}

// optStr is a string node, or nil for "".
func optStr(s string) *yaml.Node {
	if s == "" {
		return nil
	}
	return str(s)
}

// notes joins decision notes into one x-doc-note text.
func notes(ns []string) *yaml.Node {
	var out []string
	for _, n := range ns {
		n = strings.TrimSpace(n)
		if n == "" {
			continue
		}
		n = strings.ToUpper(n[:1]) + n[1:]
		if !strings.HasSuffix(n, ".") {
			n += "."
		}
		out = append(out, n)
	}
	return optStr(strings.Join(out, " "))
}

// jsonNode renders an example value.
func jsonNode(v *jv) *yaml.Node {
	if v == nil {
		return nil
	}
	switch v.Kind {
	case "object":
		n := &yaml.Node{Kind: yaml.MappingNode}
		for _, k := range v.Keys {
			n.Content = append(n.Content, str(k), jsonNode(v.Obj[k]))
		}
		if len(v.Keys) == 0 {
			n.Style = yaml.FlowStyle
		}
		return n
	case "array":
		n := seq()
		for _, e := range v.Arr {
			n.Content = append(n.Content, jsonNode(e))
		}
		if len(v.Arr) == 0 {
			n.Style = yaml.FlowStyle
		}
		return n
	case "string":
		return str(v.Str)
	case "number":
		if strings.ContainsAny(v.Str, ".eE") {
			return lit("!!float", v.Str)
		}
		return lit("!!int", v.Str)
	case "bool":
		return boolean(v.Bool)
	}
	return lit("!!null", "null")
}

var reVersion = regexp.MustCompile(`^/(v\d+(?:\.\d+)?)/`)

// emit writes the spec.
func (b *builder) emit(source string) ([]byte, error) {
	d := b.d
	version := "v1"
	if m := reVersion.FindStringSubmatch(d.Path); m != nil {
		version = m[1]
	} else {
		b.info = append(b.info, "The path has no /vN/ prefix; info.version is v1.")
	}
	host := b.opts.Host
	if host == "" {
		host = b.opts.Service
		b.note(&b.info, b.d.URILine, "the page names no endpoint host; the host label is assumed to be the service name %q (pass --host when the official SDK's region table says otherwise)", host)
	}
	info := mapping(
		"title", str(orDefault(d.Title, b.opID)),
		"version", str(version),
		"description", optStr(d.Function),
		"x-service", str(b.opts.Service),
		"x-error-code-prefix", str(b.errorPrefix()),
		"x-doc-source", str(sprintf("%s, %q (%s)", source, d.Title, b.opID)),
		"x-doc-updated", optStr(d.Updated),
		"x-doc-note", notes(append([]string{sprintf("Transcribed by gen transcribe from a page in the %s layout.", d.Layout)}, b.info...)),
	)
	server := mapping(
		"url", str("https://"+host+".{region}.myhuaweicloud.com"),
		"description", str("Regional "+strings.ToUpper(b.opts.Service)+" endpoint."),
		"variables", mapping("region", mapping(
			"default", str("cn-north-4"),
			"description", str("Huawei Cloud region ID, e.g. cn-north-4 or ap-southeast-1."))),
	)
	root := mapping(
		"openapi", str("3.0.3"),
		"info", info,
		"servers", seq(server),
		"tags", seq(mapping("name", str(b.opts.Service))),
		"security", seq(mapping("token", flowSeq()), mapping("aksk", flowSeq())),
		"paths", mapping(d.Path, mapping(strings.ToLower(d.Method), b.operation())),
		"components", mapping("securitySchemes", securitySchemes(b.tokenLen), "schemas", b.schemaNodes()),
	)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}}); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func flowSeq() *yaml.Node { return &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle} }

// errorPrefix takes the error code prefix from an error example
// ("dsc.40000011" -> "dsc."), else SERVICE + ".".
func (b *builder) errorPrefix() string {
	for _, r := range b.resps {
		if c := r.Example.get("error_code"); c != nil && c.Kind == "string" {
			if i := strings.IndexAny(c.Str, ".-"); i > 0 {
				return c.Str[:i+1]
			}
		}
	}
	p := strings.ToUpper(b.opts.Service) + "."
	b.note(&b.info, b.d.URILine, "no error example gives an error code; the error code prefix %s is assumed", p)
	return p
}

func securitySchemes(tokenLen string) *yaml.Node {
	return mapping(
		"token", mapping(
			"type", str("apiKey"), "in", str("header"), "name", str("X-Auth-Token"),
			"description", str("IAM user token sent in the X-Auth-Token header."+tokenLen)),
		"aksk", mapping(
			"type", str("apiKey"), "in", str("header"), "name", str("Authorization"),
			"x-signing", str("SDK-HMAC-SHA256"),
			"description", str("AK/SK request signing (SDK-HMAC-SHA256) as done by the official SDK.")),
	)
}

// operation renders the one operation of the page.
func (b *builder) operation() *yaml.Node {
	var params []*yaml.Node
	for _, p := range b.params {
		var deprecated *yaml.Node
		if p.F.Deprecated {
			deprecated = boolean(true)
		}
		params = append(params, mapping(
			"name", str(p.Name),
			"in", str(p.In),
			"required", boolean(p.Required),
			"deprecated", deprecated,
			"description", optStr(p.F.Desc),
			"schema", b.typeNode(p, p.Type, true),
			"x-doc-note", notes(p.Notes),
		))
	}
	var body *yaml.Node
	if b.body != "" {
		exKey := "example"
		if b.bodyExBad {
			exKey = "x-doc-page-example"
		}
		body = mapping(
			"required", boolean(true),
			"content", mapping("application/json", mapping(
				"schema", ref(b.body),
				exKey, jsonNode(b.bodyEx))),
		)
	}
	resps := mapping()
	for _, r := range b.resps {
		var content, loose *yaml.Node
		switch {
		case r.Schema != "":
			exKey := "example"
			if r.ExampleBad {
				exKey = "x-doc-page-example"
			}
			content = mapping("application/json", mapping("schema", ref(r.Schema), exKey, jsonNode(r.Example)))
		case r.Example != nil:
			// No table: a media type needs a schema, so the example is
			// kept beside the response (noted where it was found).
			loose = jsonNode(r.Example)
		}
		resps.Content = append(resps.Content, str(r.Status), mapping("description", str(r.Desc), "content", content, "x-doc-page-example", loose))
	}
	var ps *yaml.Node
	if len(params) > 0 {
		ps = seq(params...)
	}
	return mapping(
		"operationId", str(b.opID),
		"summary", optStr(b.d.Title),
		"description", optStr(b.d.Function),
		"tags", seq(str(b.opts.Service)),
		"x-retry-safe", boolean(false),
		"x-doc-note", notes(b.opNotes),
		"parameters", ps,
		"requestBody", body,
		"responses", resps,
	)
}

func ref(name string) *yaml.Node { return mapping("$ref", str("#/components/schemas/"+name)) }

// schemaNodes renders the component schemas in the order they were built.
func (b *builder) schemaNodes() *yaml.Node {
	out := mapping()
	for _, s := range b.schemas {
		var req []*yaml.Node
		props := mapping()
		for _, f := range s.Fields {
			if f.Required {
				req = append(req, str(f.Name))
			}
			if f.Type.Kind == "object" && f.Type.Ref != "" && len(f.Notes) > 0 {
				s.Notes = append(s.Notes, f.Name+": "+strings.Join(f.Notes, " "))
			}
			props.Content = append(props.Content, str(f.Name), b.typeNode(f, f.Type, false))
		}
		var reqNode, propsNode *yaml.Node
		if len(req) > 0 {
			reqNode = seq(req...)
		}
		if len(props.Content) > 0 {
			propsNode = props
		}
		var nullable *yaml.Node
		if s.Nullable {
			nullable = boolean(true)
		}
		out.Content = append(out.Content, str(s.Name), mapping(
			"type", str("object"),
			"nullable", nullable,
			"description", optStr(s.Desc),
			"required", reqNode,
			"properties", propsNode,
			"x-doc-note", notes(s.Notes),
		))
	}
	return out
}

// typeNode renders a field's schema. param is true for a parameter's
// schema, where description and notes sit on the parameter.
func (b *builder) typeNode(f *field, t typeRef, param bool) *yaml.Node {
	desc, note := optStr(f.F.Desc), notes(f.Notes)
	if param {
		desc, note = nil, nil
	}
	if f.Unknown != "" {
		// The generator needs a type; the stand-in is noted on the field.
		var nullable *yaml.Node
		if f.Nullable {
			nullable = boolean(true)
		}
		return mapping("type", str(unknownKind(f.Unknown)), "nullable", nullable, "description", desc, "x-doc-note", note)
	}
	switch {
	case t.Kind == "object" && t.Ref != "":
		return ref(t.Ref)
	case t.Kind == "array":
		var nullable *yaml.Node
		if f.Nullable {
			nullable = boolean(true)
		}
		return mapping("type", str("array"), "nullable", nullable, "description", desc, "items", b.itemNode(t.Items),
			"minItems", numNode(f.F.Min), "maxItems", numNode(f.F.Max), "x-doc-note", note)
	case t.Kind == "object" && t.Map:
		return mapping("type", str("object"), "description", desc, "additionalProperties", b.itemNode(t.Items), "x-doc-note", note)
	}
	var enum, names, labels *yaml.Node
	if len(f.Enum) > 0 {
		enum, names, labels = seq(), seq(), seq()
		for i, v := range f.Enum {
			tv, _ := typedValue(v, t)
			enum.Content = append(enum.Content, jsonNode(tv))
			names.Content = append(names.Content, str(f.Varnames[i]))
			if i < len(f.Labels) {
				labels.Content = append(labels.Content, str(f.Labels[i]))
			}
		}
		if len(f.Labels) == 0 {
			labels = nil
		}
	}
	format := t.Format
	if f.Format != "" {
		format = f.Format
	}
	var deprecated *yaml.Node
	if f.F.Deprecated && !param {
		deprecated = boolean(true)
	}
	var nullable *yaml.Node
	if f.Nullable {
		nullable = boolean(true)
	}
	return mapping(
		"type", str(t.Kind),
		"format", optStr(format),
		"nullable", nullable,
		"description", desc,
		"deprecated", deprecated,
		"enum", enum,
		"x-enum-varnames", names,
		"x-enum-descriptions", labels,
		"minimum", numNode(f.F.Min),
		"maximum", numNode(f.F.Max),
		"minLength", intNode(f.F.MinLen),
		"maxLength", intNode(f.F.MaxLen),
		"default", jsonNode(f.Default),
		"example", jsonNode(f.Example),
		"x-doc-note", note,
	)
}

func (b *builder) itemNode(t *typeRef) *yaml.Node {
	if t == nil {
		return mapping("type", str("string")) // items nothing types: noted on the field
	}
	if t.Kind == "object" && t.Ref != "" {
		return ref(t.Ref)
	}
	return mapping("type", str(t.Kind), "format", optStr(t.Format))
}

func numNode(v *float64) *yaml.Node {
	if v == nil {
		return nil
	}
	if *v != float64(int64(*v)) {
		return lit("!!float", fmtNum(*v))
	}
	return lit("!!int", fmtNum(*v))
}

func intNode(v *int) *yaml.Node {
	if v == nil {
		return nil
	}
	return lit("!!int", strconv.Itoa(*v))
}

// unknownKind is the stand-in type of a field whose type the page does not
// tell: a free-form object when the type cell speaks of an object, map or
// JSON, else a string.
func unknownKind(cell string) string {
	c := strings.ToLower(cell)
	for _, w := range []string{"object", "map", "json", "dict", "对象"} {
		if strings.Contains(c, w) {
			return "object"
		}
	}
	return "string"
}
