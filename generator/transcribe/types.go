package transcribe

import (
	"regexp"
	"strings"
)

// typeRef is a field type as the page states it.
type typeRef struct {
	Kind   string   // string, integer, number, boolean, object, array
	Format string   // int32, int64, double, float or ""
	Ref    string   // named object (component schema), for Kind object
	Items  *typeRef // element type, for Kind array
	Map    bool     // a Map<String, X>: object with additionalProperties
}

// scalars maps the pages' type words to OpenAPI types.
var scalars = map[string]typeRef{
	"string":     {Kind: "string"},
	"integer":    {Kind: "integer", Format: "int32"},
	"int":        {Kind: "integer", Format: "int32"},
	"int32":      {Kind: "integer", Format: "int32"},
	"long":       {Kind: "integer", Format: "int64"},
	"int64":      {Kind: "integer", Format: "int64"},
	"double":     {Kind: "number", Format: "double"},
	"float":      {Kind: "number", Format: "float"},
	"number":     {Kind: "number"},
	"bigdecimal": {Kind: "number"},
	"boolean":    {Kind: "boolean"},
	"bool":       {Kind: "boolean"},
	"object":     {Kind: "object"},
	"字符串":        {Kind: "string"},
	"整数":         {Kind: "integer", Format: "int32"},
	"整型":         {Kind: "integer", Format: "int32"},
	"长整型":        {Kind: "integer", Format: "int64"},
	"布尔":         {Kind: "boolean"},
	"布尔型":        {Kind: "boolean"},
	"双精度":        {Kind: "number", Format: "double"},
	"浮点数":        {Kind: "number", Format: "float"},
	"对象":         {Kind: "object"},
}

// plurals maps "Array of strings" element words to scalars.
var plurals = map[string]string{
	"strings": "string", "integers": "integer", "longs": "long", "doubles": "double",
	"floats": "float", "numbers": "number", "booleans": "boolean", "objects": "object",
}

var (
	reArrayOf    = regexp.MustCompile(`^Array of ([A-Za-z_][A-Za-z0-9_]*)(?: objects?| 对象)?$`)
	reObject     = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_]*) ?(?:object|对象)$`)
	reZhArray    = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_]*) ?(?:对象)?数组$`)
	reListOf     = regexp.MustCompile(`^List<([A-Za-z_][A-Za-z0-9_]*)>$`)
	reMapOf      = regexp.MustCompile(`^Map<\s*String\s*,\s*([A-Za-z_][A-Za-z0-9_]*)\s*>$`)
	reBareArray  = regexp.MustCompile(`^(?i:array|list|数组|json array)$`)
	reTypeToken  = regexp.MustCompile(`^[A-Z][A-Za-z0-9]{1,24}$`)
	reFieldName  = regexp.MustCompile(`^[A-Za-z_$@][A-Za-z0-9_.\-$@]*(\[\])?$`)
	mandatoryYes = map[string]bool{"Yes": true, "是": true, "true": true, "Required": true}
	mandatoryNo  = map[string]bool{"No": true, "否": true, "false": true, "Optional": true}
)

// parseType parses a type cell. ok is false for a type it does not know.
func parseType(s string) (typeRef, bool) {
	s = strings.TrimSpace(s)
	if t, ok := scalars[strings.ToLower(s)]; ok {
		return t, true
	}
	if reBareArray.MatchString(s) {
		return typeRef{Kind: "array"}, true // items inferred later
	}
	elem := func(word string) (typeRef, bool) {
		if w, ok := plurals[strings.ToLower(word)]; ok {
			word = w
		}
		if t, ok := scalars[strings.ToLower(word)]; ok {
			return typeRef{Kind: "array", Items: &t}, true
		}
		return typeRef{Kind: "array", Items: &typeRef{Kind: "object", Ref: word}}, true
	}
	for _, re := range []*regexp.Regexp{reArrayOf, reZhArray, reListOf} {
		if m := re.FindStringSubmatch(s); m != nil {
			return elem(m[1])
		}
	}
	if m := reObject.FindStringSubmatch(s); m != nil {
		if t, ok := scalars[strings.ToLower(m[1])]; ok {
			return t, true
		}
		return typeRef{Kind: "object", Ref: m[1]}, true
	}
	if m := reMapOf.FindStringSubmatch(s); m != nil {
		if t, ok := scalars[strings.ToLower(m[1])]; ok {
			return typeRef{Kind: "object", Map: true, Items: &t}, true
		}
		return typeRef{Kind: "object", Map: true, Items: &typeRef{Kind: "object", Ref: m[1]}}, true
	}
	return typeRef{}, false
}

// isTypeLike tells whether a line could be a type cell: a known type or a
// single capitalised word (an unknown type, reported later).
func isTypeLike(s string) bool {
	s = strings.TrimSpace(s)
	if _, ok := parseType(s); ok {
		return true
	}
	return reTypeToken.MatchString(s) && !headerWords[s]
}

// isMandatory tells whether a cell is a mandatory-column value.
func isMandatory(s string) bool {
	s = strings.TrimSpace(s)
	return mandatoryYes[s] || mandatoryNo[s]
}

// headerWords are the column headers of parameter tables.
var headerWords = map[string]bool{
	"Parameter": true, "Mandatory": true, "Type": true, "Description": true,
	"参数": true, "是否必选": true, "参数类型": true, "描述": true,
	"Name": true, "Required": true,
	"取值范围": true, "Value Range": true, "Value range": true, "Range": true,
}

// isFieldName tells whether a cell looks like a parameter name.
func isFieldName(s string) bool {
	s = strings.TrimSpace(s)
	if !reFieldName.MatchString(s) || headerWords[s] || descLabels[s] || isMandatory(s) {
		return false
	}
	_, scalar := scalars[strings.ToLower(s)]
	return !scalar
}

// role names the column a header cell stands for.
func role(header string) string {
	switch strings.TrimSpace(header) {
	case "Parameter", "参数", "Name", "Status Code", "状态码":
		return "name"
	case "Mandatory", "是否必选", "Required":
		return "mandatory"
	case "Type", "参数类型":
		return "type"
	case "Description", "描述":
		return "description"
	case "取值范围", "Value Range", "Value range", "Range":
		return "range"
	}
	h := strings.ToLower(strings.TrimSpace(header))
	switch {
	case strings.Contains(h, "type") || strings.Contains(h, "类型"):
		return "type"
	case h == "field" || h == "字段" || h == "名称" || h == "参数名" || h == "参数名称" || h == "parameter name":
		return "name"
	case strings.Contains(h, "value range") || strings.Contains(h, "取值范围") || strings.Contains(h, "length") || strings.Contains(h, "长度"):
		return "range"
	case strings.Contains(h, "mandatory") || strings.Contains(h, "必选") || strings.Contains(h, "必填"):
		return "mandatory"
	case strings.Contains(h, "description") || strings.Contains(h, "说明") || strings.Contains(h, "描述"):
		return "description"
	}
	return ""
}
