package randspec

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
)

// Schema is one random schema, as the document states it.
type Schema struct {
	Type      string // object, array, string, integer, number, boolean
	Format    string
	Nullable  bool
	ReadOnly  bool
	WriteOnly bool
	Enum      []any // json.Number, string, bool or nil

	Props     []Prop // object members, in order
	Required  []string
	Addl      *Schema // additionalProperties schema: a map when Props is empty
	AddlFalse bool    // additionalProperties: false
	AddlTrue  bool    // additionalProperties: true
	MinProps  *int
	MaxProps  *int

	Items    *Schema
	MinItems *int
	MaxItems *int
	Unique   bool

	Min, Max         *json.Number
	ExclMin, ExclMax bool
	MultipleOf       *json.Number

	MinLen, MaxLen *int
	Pattern        string
}

// Prop is one member of an object schema.
type Prop struct {
	Name   string
	Schema *Schema
}

// IsMap reports whether s is an object with only an additionalProperties
// schema.
func (s *Schema) IsMap() bool { return s.Type == "object" && len(s.Props) == 0 && s.Addl != nil }

// JSON returns s as the document states it.
func (s *Schema) JSON() map[string]any {
	m := map[string]any{"type": s.Type}
	set := func(k string, v any, ok bool) {
		if ok {
			m[k] = v
		}
	}
	set("format", s.Format, s.Format != "")
	set("nullable", true, s.Nullable)
	set("readOnly", true, s.ReadOnly)
	set("writeOnly", true, s.WriteOnly)
	set("enum", s.Enum, s.Enum != nil)
	if s.Type == "object" && (len(s.Props) > 0 || s.Addl == nil) {
		props := map[string]any{}
		for _, p := range s.Props {
			props[p.Name] = p.Schema.JSON()
		}
		m["properties"] = props
	}
	set("required", s.Required, len(s.Required) > 0)
	if s.Addl != nil {
		m["additionalProperties"] = s.Addl.JSON()
	}
	set("additionalProperties", false, s.AddlFalse)
	set("additionalProperties", true, s.AddlTrue)
	setInt := func(k string, p *int) {
		if p != nil {
			m[k] = *p
		}
	}
	setInt("minProperties", s.MinProps)
	setInt("maxProperties", s.MaxProps)
	if s.Items != nil {
		m["items"] = s.Items.JSON()
	}
	setInt("minItems", s.MinItems)
	setInt("maxItems", s.MaxItems)
	set("uniqueItems", true, s.Unique)
	setNum := func(k string, p *json.Number) {
		if p != nil {
			m[k] = *p
		}
	}
	setNum("minimum", s.Min)
	setNum("maximum", s.Max)
	set("exclusiveMinimum", true, s.ExclMin)
	set("exclusiveMaximum", true, s.ExclMax)
	setNum("multipleOf", s.MultipleOf)
	setInt("minLength", s.MinLen)
	setInt("maxLength", s.MaxLen)
	set("pattern", s.Pattern, s.Pattern != "")
	return m
}

// Features are the constructs a random document may use; all true by
// default (AllFeatures).
type Features struct {
	NullEnumMember  bool // a nullable enum listing null (enum: [a, null])
	MinMaxProps     bool // minProperties / maxProperties
	AddlTrue        bool // additionalProperties: true beside properties
	UniqueObjects   bool // uniqueItems on arrays of objects or arrays
	ReadWriteOnly   bool // readOnly / writeOnly members
	CheckedFormats  bool // uuid, email, ipv4, ipv6, uri, date-time, date
	BigIntEnum      bool // int64 enum values beyond 2^53
	FloatBounds     bool // format: float with bounds like 0.1
	MapsOfObjects   bool // two or more inline maps of objects in one object
	OddNames        bool // property names that are Go keywords, digits first, case twins, punctuation
	NonASCIINames   bool // property names that start with a letter without case (名前)
	MethodNames     bool // property names that are methods of generated types (String, Validate, ...)
	NullableObjects bool // nullable objects, arrays and maps
	HugeNumbers     bool // values: integers beyond int64, numbers beyond float32
	// NullableCountedInContainers: nullable arrays and maps inside
	// arrays and maps, or inside objects with minProperties/maxProperties
	NullableCountedInContainers bool
	SecretArrays                bool // format: password strings anywhere inside arrays
	// NullableWriteOnlyCollections: writeOnly members that are nullable
	// arrays or maps
	NullableWriteOnlyCollections bool
}

// AllFeatures turns every construct on.
func AllFeatures() Features {
	return Features{true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true}
}

// Gen makes random schemas from one seed.
type Gen struct {
	r *rand.Rand
	f Features
}

// NewGen returns a generator for seed using the constructs of f.
func NewGen(seed uint64, f Features) *Gen {
	return &Gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), f: f}
}

func (g *Gen) chance(p float64) bool { return g.r.Float64() < p }
func (g *Gen) pick(n int) int        { return g.r.IntN(n) }
func intp(v int) *int                { return &v }
func nump(s string) *json.Number     { n := json.Number(s); return &n }

// Object returns a random object schema, the root of a component.
func (g *Gen) Object(depth int) *Schema {
	s := &Schema{Type: "object"}
	n := g.pick(5) + 1
	names := g.propNames(n)
	maps := 0
	for _, name := range names {
		ps := g.Any(depth + 1)
		if ps.IsMap() && ps.Addl.Type == "object" {
			if maps++; maps > 1 && !g.f.MapsOfObjects {
				ps = g.scalar()
			}
		}
		if g.f.ReadWriteOnly && g.chance(0.08) {
			if g.chance(0.5) {
				ps.ReadOnly = true
			} else {
				ps.WriteOnly = true
				if !g.f.NullableWriteOnlyCollections && (ps.Type == "array" || ps.IsMap()) {
					ps.Nullable = false
				}
			}
		}
		s.Props = append(s.Props, Prop{Name: name, Schema: ps})
		if g.chance(0.5) {
			s.Required = append(s.Required, name)
		}
	}
	switch {
	case g.chance(0.2):
		s.AddlFalse = true
	case g.f.AddlTrue && g.chance(0.1):
		s.AddlTrue = true
	}
	if g.f.MinMaxProps && g.chance(0.15) {
		lo := g.pick(3)
		s.MinProps = intp(lo)
		if g.chance(0.6) {
			s.MaxProps = intp(lo + g.pick(4))
		}
		for _, p := range s.Props {
			if !g.f.NullableCountedInContainers && (p.Schema.Type == "array" || p.Schema.IsMap()) {
				p.Schema.Nullable = false
			}
		}
	}
	if g.f.NullableObjects && depth > 0 && g.chance(0.15) {
		s.Nullable = true
	}
	return s
}

// Any returns a random schema of any kind; depth limits nesting.
func (g *Gen) Any(depth int) *Schema {
	if depth >= 3 {
		return g.scalar()
	}
	switch g.pick(10) {
	case 0, 1:
		return g.Object(depth)
	case 2:
		return g.array(depth)
	case 3:
		return g.mapOf(depth)
	}
	return g.scalar()
}

// noPasswords drops format: password from s and everything inside it.
func noPasswords(s *Schema) {
	if s.Format == "password" {
		s.Format = ""
	}
	for _, p := range s.Props {
		noPasswords(p.Schema)
	}
	for _, c := range []*Schema{s.Items, s.Addl} {
		if c != nil {
			noPasswords(c)
		}
	}
}

// element returns the schema of an array item or a map value.
func (g *Gen) element(depth int) *Schema {
	e := g.Any(depth)
	if !g.f.NullableCountedInContainers && (e.Type == "array" || e.IsMap()) {
		e.Nullable = false
	}
	return e
}

func (g *Gen) array(depth int) *Schema {
	s := &Schema{Type: "array", Items: g.element(depth + 1)}
	if !g.f.SecretArrays {
		noPasswords(s.Items)
	}
	if g.chance(0.4) {
		lo := g.pick(3)
		s.MinItems = intp(lo)
		if g.chance(0.7) {
			s.MaxItems = intp(lo + g.pick(3))
		}
	} else if g.chance(0.2) {
		s.MaxItems = intp(g.pick(4))
	}
	if g.chance(0.3) {
		k := s.Items.Type
		if (k != "object" && k != "array") || g.f.UniqueObjects {
			s.Unique = true
		}
	}
	if g.f.NullableObjects && g.chance(0.1) {
		s.Nullable = true
	}
	return s
}

func (g *Gen) mapOf(depth int) *Schema {
	s := &Schema{Type: "object", Addl: g.element(depth + 1)}
	if g.f.MinMaxProps && g.chance(0.3) {
		lo := g.pick(3)
		s.MinProps = intp(lo)
		if g.chance(0.6) {
			s.MaxProps = intp(lo + g.pick(3))
		}
	}
	if g.f.NullableObjects && g.chance(0.1) {
		s.Nullable = true
	}
	return s
}

// scalar returns a random string, integer, number, boolean or enum schema.
func (g *Gen) scalar() *Schema {
	var s *Schema
	switch g.pick(6) {
	case 0:
		s = g.enum()
	case 1, 2:
		s = g.str()
	case 3:
		s = g.integer()
	case 4:
		s = g.number()
	default:
		s = &Schema{Type: "boolean"}
	}
	if g.chance(0.2) {
		s.Nullable = true
		if s.Enum != nil && g.f.NullEnumMember && g.chance(0.5) {
			s.Enum = append(s.Enum, nil)
		}
	}
	return s
}

func (g *Gen) enum() *Schema {
	switch g.pick(4) {
	case 0:
		vals := []any{"a", "b", "c d", "", "ÄÖ", "x-y", "1a"}
		g.r.Shuffle(len(vals), func(i, j int) { vals[i], vals[j] = vals[j], vals[i] })
		return &Schema{Type: "string", Enum: vals[:1+g.pick(4)]}
	case 1:
		vals := []any{json.Number("1"), json.Number("2"), json.Number("-3"), json.Number("0"), json.Number("2147483647"), json.Number("9007199254740991")}
		if g.f.BigIntEnum {
			vals = append(vals, json.Number("9007199254740992"), json.Number("9007199254740993"), json.Number("-9223372036854775808"))
		}
		g.r.Shuffle(len(vals), func(i, j int) { vals[i], vals[j] = vals[j], vals[i] })
		s := &Schema{Type: "integer", Enum: vals[:1+g.pick(3)]}
		if g.chance(0.5) {
			s.Format = "int64"
		}
		return s
	case 2:
		vals := []any{json.Number("0.5"), json.Number("1.25"), json.Number("-2"), json.Number("3")}
		g.r.Shuffle(len(vals), func(i, j int) { vals[i], vals[j] = vals[j], vals[i] })
		return &Schema{Type: "number", Enum: vals[:1+g.pick(3)]}
	}
	return &Schema{Type: "boolean", Enum: []any{g.chance(0.5)}}
}

// patterns are the regexps a string schema may take, each with strings it
// matches.
var patterns = map[string][]string{
	`^[a-z]+$`:        {"abc", "z"},
	`^[0-9]{2,4}$`:    {"12", "1234"},
	`x`:               {"x", "axb"},
	`^\d+(\.\d+)?$`:   {"1", "1.5"},
	`^[A-Z][a-z]*$`:   {"Ab", "Z"},
	`^\p{L}{1,3}$`:    {"é", "名前"},
	`^[^\s]*$`:        {"", "a-b"},
	`^(ab|cd){1,2}$`:  {"ab", "abcd"},
	`^.{2}$`:          {"aa", "é!"},
	`^[a-f0-9-]{4,}$`: {"ab-1", "0000"},
}

// formats are the string formats a schema may take; checked says which
// kin-openapi checks (the others are documentation only).
var formats = []struct {
	name    string
	checked bool
}{
	{"date-time", true}, {"date", true}, {"uuid", true}, {"email", true}, {"ipv4", true},
	{"ipv6", true}, {"uri", true}, {"byte", false}, {"password", false}, {"binary", false},
	{"hostname", false}, {"x-custom", false},
}

func (g *Gen) str() *Schema {
	s := &Schema{Type: "string"}
	switch g.pick(3) {
	case 0:
		f := formats[g.pick(len(formats))]
		if !f.checked || g.f.CheckedFormats {
			s.Format = f.name
		}
	case 1:
		keys := slices.Sorted(mapKeys(patterns))
		s.Pattern = keys[g.pick(len(keys))]
	}
	if s.Format == "" && g.chance(0.6) {
		lo := g.pick(4)
		if g.chance(0.7) {
			s.MinLen = intp(lo)
		}
		if g.chance(0.7) {
			s.MaxLen = intp(lo + g.pick(6))
		}
	}
	return s
}

func (g *Gen) integer() *Schema {
	s := &Schema{Type: "integer"}
	switch g.pick(3) {
	case 0:
		s.Format = "int32"
	case 1:
		s.Format = "int64"
	}
	bounds := [][2]string{{"0", "10"}, {"-5", "5"}, {"1", "1000"}, {"-2147483648", "2147483647"}, {"1", "2"}, {"0", "9007199254740993"}}
	b := bounds[g.pick(len(bounds))]
	if s.Format == "int32" && b[1] == "9007199254740993" {
		b = bounds[0]
	}
	if g.chance(0.6) {
		s.Min = nump(b[0])
		s.ExclMin = g.chance(0.2)
	}
	if g.chance(0.6) {
		s.Max = nump(b[1])
		s.ExclMax = g.chance(0.2)
	}
	if s.Min != nil && s.Max != nil && s.ExclMin && s.ExclMax && b[0] == "1" && b[1] == "2" {
		s.ExclMax = false // nothing would lie between
	}
	if g.chance(0.2) {
		s.MultipleOf = nump([]string{"2", "3", "5"}[g.pick(3)])
		if s.Min != nil && s.Max != nil && b[1] == "2" {
			s.MultipleOf = nil
		}
	}
	return s
}

func (g *Gen) number() *Schema {
	s := &Schema{Type: "number"}
	switch g.pick(3) {
	case 0:
		s.Format = "double"
	case 1:
		s.Format = "float"
	}
	bounds := [][2]string{{"0", "1"}, {"-1.5", "2.5"}, {"0.1", "0.3"}, {"0", "100"}, {"-1e10", "1e10"}}
	b := bounds[g.pick(len(bounds))]
	if s.Format == "float" && !g.f.FloatBounds {
		b = [2]string{"0", "100"}
	}
	if g.chance(0.6) {
		s.Min = nump(b[0])
		s.ExclMin = g.chance(0.3)
	}
	if g.chance(0.6) {
		s.Max = nump(b[1])
		s.ExclMax = g.chance(0.3)
	}
	if g.chance(0.2) {
		s.MultipleOf = nump([]string{"0.5", "0.25", "2", "0.1"}[g.pick(4)])
	}
	return s
}

// oddNames are property names that test the naming rules.
var oddNames = []string{
	"type", "func", "map", "range", "default", "interface", "Set", "Get", "Is", "größe", "Ärger",
	"1st", "2x", "a-b", "a.b", "$x", "_", "id", "ID", "Id", "url", "URL", "x_y", "xY", "X-Y", "é",
}

// methodNames are property names that are, or may be, methods of the
// generated types.
var methodNames = []string{"String", "Validate", "UnmarshalJSON", "MarshalJSON", "Error", "GoString",
	"LogValue", "Valid", "Format"}

// plainNames are ordinary property names.
var plainNames = []string{"name", "count", "amount", "tags", "items", "size", "period_num", "project_id",
	"is_auto_renew", "resource_spec_code", "value", "kind", "note", "level", "ratio", "start"}

func (g *Gen) propNames(n int) []string {
	var out []string
	for len(out) < n {
		var name string
		switch {
		case g.f.NonASCIINames && g.chance(0.03):
			name = []string{"名前", "数量", "ключ"}[g.pick(3)]
		case g.f.MethodNames && g.chance(0.05):
			name = methodNames[g.pick(len(methodNames))]
		case g.f.OddNames && g.chance(0.25):
			name = oddNames[g.pick(len(oddNames))]
		default:
			name = plainNames[g.pick(len(plainNames))]
		}
		if !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// Document is a random OpenAPI 3.0.3 document: its component schemas S0,
// S1, ... are objects, S0 the body of the one operation.
type Document struct {
	Seed    uint64
	Schemas []*Schema
}

// NewDocument makes the document of seed.
func NewDocument(seed uint64, f Features) *Document {
	g := NewGen(seed, f)
	d := &Document{Seed: seed}
	for range 1 + g.pick(3) {
		d.Schemas = append(d.Schemas, g.Object(0))
	}
	return d
}

// Name returns the component name of schema i.
func Name(i int) string { return fmt.Sprintf("S%d", i) }

// YAML returns the document as JSON, which is YAML too.
func (d *Document) YAML() []byte {
	schemas := map[string]any{}
	for i, s := range d.Schemas {
		schemas[Name(i)] = s.JSON()
	}
	doc := map[string]any{
		"openapi": "3.0.3",
		"info":    map[string]any{"title": fmt.Sprintf("Random %d", d.Seed), "version": "1"},
		"paths": map[string]any{
			"/v1/things": map[string]any{
				"post": map[string]any{
					"operationId": "CreateThing",
					"requestBody": map[string]any{
						"required": true,
						"content": map[string]any{"application/json": map[string]any{
							"schema": map[string]any{"$ref": "#/components/schemas/S0"}}},
					},
					"responses": map[string]any{"200": map[string]any{"description": "Created."}},
				},
			},
		},
		"components": map[string]any{"schemas": schemas},
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		panic(err) // only maps, strings, numbers and bools
	}
	return b
}

// Describe names the constructs of s in a short signature, for
// categorising disagreements: e.g. "string format=uuid", "object
// minProperties", "integer enum nullable".
func Describe(s *Schema) string {
	parts := []string{s.Type}
	switch {
	case s.IsMap():
		parts[0] = "map of " + s.Addl.Type
	case s.Type == "array" && s.Items != nil:
		parts[0] = "array of " + s.Items.Type
	}
	add := func(ok bool, p string) {
		if ok {
			parts = append(parts, p)
		}
	}
	add(s.Format != "", "format="+s.Format)
	add(s.Enum != nil, "enum")
	add(slices.Contains(s.Enum, nil), "null-member")
	add(s.Nullable, "nullable")
	add(s.ReadOnly, "readOnly")
	add(s.WriteOnly, "writeOnly")
	add(s.Min != nil || s.Max != nil, "bounds")
	add(s.ExclMin || s.ExclMax, "exclusive")
	add(s.MultipleOf != nil, "multipleOf")
	add(s.MinLen != nil || s.MaxLen != nil, "length")
	add(s.Pattern != "", "pattern")
	add(s.MinItems != nil || s.MaxItems != nil, "items-count")
	add(s.Unique, "uniqueItems")
	add(s.MinProps != nil || s.MaxProps != nil, "props-count")
	add(s.AddlFalse, "closed")
	add(s.AddlTrue, "additionalProperties-true")
	return strings.Join(parts, " ")
}
