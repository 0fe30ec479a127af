package model

import (
	"go/token"
	"strings"
	"unicode"
)

// initialisms are the words Go style writes in one case, as golint knew them.
var initialisms = map[string]bool{
	"ACL": true, "API": true, "ASCII": true, "AZ": true, "CPU": true, "CSS": true, "DNS": true,
	"EIP": true, "EOF": true, "EPS": true, "GUID": true, "HTML": true, "HTTP": true, "HTTPS": true,
	"ID": true, "IDS": true, "IP": true, "JSON": true, "LHS": true, "OBS": true, "QPS": true, "RAM": true,
	"RHS": true, "RPC": true, "SLA": true, "SMTP": true, "SQL": true, "SSH": true, "TCP": true,
	"TLS": true, "TTL": true, "UDP": true, "UI": true, "UID": true, "URI": true, "URL": true,
	"UTF8": true, "UUID": true, "VM": true, "VPC": true, "XML": true, "XMPP": true, "XSRF": true,
	"XSS": true, "AK": true, "SK": true,
}

// GoName turns a spec name (snake_case, kebab-case, camelCase, dotted or
// with spaces) into an exported Go identifier with Go's initialisms:
// "project_id" -> "ProjectID", "X-Auth-Token" -> "XAuthToken",
// "vpc_id" -> "VpcID" is avoided: "VPCID". A leading digit gets an "N"
// prefix. It returns "" when nothing usable is left.
func GoName(s string) string {
	var b strings.Builder
	for _, w := range words(s) {
		up := strings.ToUpper(w)
		if initialisms[up] {
			b.WriteString(up)
			continue
		}
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		b.WriteString(string(r))
	}
	out := b.String()
	if out == "" {
		return ""
	}
	if unicode.IsDigit([]rune(out)[0]) {
		out = "N" + out
	}
	if !token.IsIdentifier(out) {
		return ""
	}
	return out
}

// words splits s at non-alphanumerics and at lower-to-upper case changes.
func words(s string) []string {
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, string(cur))
			cur = cur[:0]
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
		case unicode.IsUpper(r) && len(cur) > 0 &&
			(unicode.IsLower(cur[len(cur)-1]) || unicode.IsDigit(cur[len(cur)-1]) ||
				(i+1 < len(rs) && unicode.IsLower(rs[i+1]) && unicode.IsUpper(cur[len(cur)-1]))):
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
	}
	flush()
	return out
}

// Reserved lists the Go names every generated client package declares
// besides its spec's (aliases of and wrappers over the support package
// rt); a schema or operation mapping to one of them is a naming collision.
// It equals plan.SupportDecls (generator/reserved_test.go keeps them equal).
var Reserved = []string{
	"APIError", "Client", "DecodeError", "NewClient", "Nullable", "Option",
	"ValidationError", "Violation", "WithAKSK", "WithHTTPClient", "WithProjectID",
	"WithRetry", "WithToken", "WithUserAgent", "WithoutValidation",
}
