package transcribe

import (
	"regexp"
	"strings"
)

// sdkEvidence is what the page's Go SDK sample code tells: the SDK's
// operation and body model names, and for each model field whether the
// sample sets it by value (the SDK models it as required) or by address (a
// pointer: optional).
type sdkEvidence struct {
	Service   string // from the import path services/NAME/vN
	Operation string
	Body      string
	BodyLine  int
	// Fields maps model name -> normalised field name -> pointer?
	Fields map[string]map[string]sdkField
}

type sdkField struct {
	Pointer bool
	Line    int
}

var (
	reSDKBody   = regexp.MustCompile(`request\.Body\s*=\s*&model\.(\w+)\{`)
	reSDKCall   = regexp.MustCompile(`client\.(\w+)\(request\)`)
	reSDKModel  = regexp.MustCompile(`(?:&|\[\])model\.(\w+)\{`)
	reSDKField  = regexp.MustCompile(`^\s*([A-Z]\w*)\s*:\s*(.+?),?\s*$`)
	reSDKNameNo = regexp.MustCompile(`[^a-z0-9]`)
	reSDKImport = regexp.MustCompile(`huaweicloud-sdk-go-v3/services/([a-z0-9]+)/v\d+"`)
)

// normField normalises a JSON or Go field name for comparison:
// is_auto_pay and IsAutoPay both become isautopay.
func normField(s string) string {
	return reSDKNameNo.ReplaceAllString(strings.ToLower(s), "")
}

// readSDK reads the Go sample among the SDK sample lines.
func readSDK(ls []line) sdkEvidence {
	ev := sdkEvidence{Fields: map[string]map[string]sdkField{}}
	var stack []string
	for _, l := range ls {
		s := l.S
		if m := reSDKImport.FindStringSubmatch(s); m != nil && ev.Service == "" {
			ev.Service = m[1]
		}
		if m := reSDKCall.FindStringSubmatch(s); m != nil && ev.Operation == "" && strings.Contains(s, ":=") {
			ev.Operation = m[1]
		}
		if m := reSDKBody.FindStringSubmatch(s); m != nil && ev.Body == "" {
			ev.Body, ev.BodyLine = m[1], l.N
		}
		if m := reSDKModel.FindStringSubmatch(s); m != nil {
			stack = append(stack, m[1])
			continue
		}
		if len(stack) == 0 {
			continue
		}
		t := strings.TrimSpace(s)
		switch {
		case t == "{":
			stack = append(stack, stack[len(stack)-1])
		case strings.HasPrefix(t, "}"):
			stack = stack[:len(stack)-1]
		default:
			if m := reSDKField.FindStringSubmatch(s); m != nil {
				typ := stack[len(stack)-1]
				if ev.Fields[typ] == nil {
					ev.Fields[typ] = map[string]sdkField{}
				}
				ev.Fields[typ][normField(m[1])] = sdkField{Pointer: strings.HasPrefix(m[2], "&"), Line: l.N}
			}
		}
	}
	return ev
}
