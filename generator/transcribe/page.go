package transcribe

import (
	"regexp"
	"strings"
)

// line is one line of the page, 1-based, with trailing blanks removed.
type line struct {
	N int
	S string
}

// layout is one of the page layouts the transcriber reads.
type layout int

const (
	layoutCells   layout = iota // English, one cell per line, "Table N" captions
	layoutPipes                 // English, "cell |" rows, no captions
	layoutChinese               // Chinese, one cell per line, "表N" captions
)

func (l layout) String() string {
	return [...]string{"English cells", "English pipe rows", "Chinese cells"}[l]
}

var (
	reSeparator  = regexp.MustCompile(`^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$`)
	reDashes     = regexp.MustCompile(`-{3,}`)
	reCaption    = regexp.MustCompile(`^(?:Table\s*(\d+)|表\s*(\d+))\s*(.*)$`)
	reURI        = regexp.MustCompile(`^(GET|POST|PUT|DELETE|PATCH|HEAD)\s+(?:https?://\S+?)?(/\S*)$`)
	reStatus     = regexp.MustCompile(`^(?:Status [Cc]ode|状态码)\s*[:：]\s*(\d{3})\s*$`)
	reHTTPStatus = regexp.MustCompile(`^HTTP/\d(?:\.\d)?\s+(\d{3})\b`)
	reUpdated    = regexp.MustCompile(`(?:Updated on|更新时间\s*[:：])\s*(\d{4}-\d{2}-\d{2})`)
)

// splitLines normalises the page text into lines.
func splitLines(page []byte) []line {
	text := strings.ReplaceAll(string(page), "\r\n", "\n")
	text = strings.ReplaceAll(text, "\u00a0", " ")
	var out []line
	for i, s := range strings.Split(text, "\n") {
		out = append(out, line{N: i + 1, S: markdownLine(strings.TrimRight(s, " \t"))})
	}
	return out
}

// detectLayout tells the layout from its table markup.
func detectLayout(lines []line) layout {
	chinese := false
	for _, l := range lines {
		s := strings.TrimSpace(l.S)
		if reSeparator.MatchString(s) {
			return layoutPipes
		}
		if m := reCaption.FindStringSubmatch(s); m != nil && m[2] != "" || s == "是否必选" || s == "参数类型" {
			chinese = true
		}
	}
	if chinese {
		return layoutChinese
	}
	return layoutCells
}

// section is the part of the page a line belongs to.
type section int

const (
	secNone section = iota
	secFunction
	secURI
	secRequest
	secResponse
	secExampleRequest
	secExampleResponse
	secSDK
	secStatusCodes
	secEnd
)

// headings maps a heading line (trimmed) to the section it opens.
var headings = map[string]section{
	"Function":            secFunction,
	"功能介绍":                secFunction,
	"URI":                 secURI,
	"Request Parameters":  secRequest,
	"Request":             secRequest,
	"Request Message":     secRequest,
	"请求消息":                secRequest,
	"Response":            secResponse,
	"Response Message":    secResponse,
	"响应消息":                secResponse,
	"Example":             secExampleRequest,
	"Examples":            secExampleRequest,
	"示例":                  secExampleRequest,
	"请求参数":                secRequest,
	"Response Parameters": secResponse,
	"响应参数":                secResponse,
	"Example Requests":    secExampleRequest,
	"Example Request":     secExampleRequest,
	"请求示例":                secExampleRequest,
	"Example Responses":   secExampleResponse,
	"Example Response":    secExampleResponse,
	"响应示例":                secExampleResponse,
	"SDK Sample Code":     secSDK,
	"SDK代码示例":             secSDK,
	"Status Codes":        secStatusCodes,
	"Status Code":         secStatusCodes,
	"状态码":                 secStatusCodes,
	"Error Codes":         secEnd,
	"错误码":                 secEnd,
	"Feedback":            secEnd,
	"相关文档":                secEnd,
}

// headingOf returns the section a line opens, if it is a heading. In the
// status-code table itself "Status Code" and "状态码" are also column
// headers, so a heading is only taken when it differs from the current
// section.
func headingOf(s string, cur section) (section, bool) {
	sec, ok := headings[strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "|"))]
	if !ok {
		return 0, false
	}
	if strings.HasSuffix(strings.TrimSpace(s), "|") {
		return 0, false // a table header cell, not a heading
	}
	if sec == cur && sec == secStatusCodes {
		return 0, false
	}
	return sec, true
}

// isMarker tells whether a line ends a table: a heading, a caption, a
// status line or a URI line.
func isMarker(s string, cur section) bool {
	t := strings.TrimSpace(s)
	if _, ok := headingOf(t, cur); ok {
		return true
	}
	return reCaption.MatchString(t) && !strings.HasSuffix(t, "|") || reStatus.MatchString(t) || reURI.MatchString(t)
}

// pageStart finds the first line of the page proper, skipping any docs
// catalogue printed before it, and returns the page title and the line it
// is on. The start is the "Function" heading before the URI line.
func pageStart(lines []line) (start int, title string, titleLine int) {
	uri := -1
	for i, l := range lines {
		if reURI.MatchString(strings.TrimSpace(l.S)) {
			uri = i
			break
		}
	}
	if uri < 0 {
		return 0, "", 0
	}
	fn := -1
	for i := uri; i >= 0; i-- {
		if sec, ok := headings[strings.TrimSpace(lines[i].S)]; ok && sec == secFunction {
			fn = i
			break
		}
	}
	if fn < 0 {
		return 0, "", 0
	}
	for i := fn - 1; i >= 0; i-- {
		if t := strings.TrimSpace(lines[i].S); t != "" {
			return fn, t, lines[i].N
		}
	}
	// The title may follow the heading (002 repeats it there).
	for i := fn + 1; i < uri; i++ {
		if t := strings.TrimSpace(lines[i].S); t != "" {
			return fn, t, lines[i].N
		}
	}
	return fn, "", 0
}

var (
	reMDHeading = regexp.MustCompile(`^\s*#{1,6}\s+`)
	reMDBold    = regexp.MustCompile(`^\s*\*\*([^*]+?)\*\*\s*$`)
	reMDBreak   = regexp.MustCompile(`(?i)<br\s*/?>`)
)

// markdownLine reads the Markdown sources of the pages (.md): "#### URI"
// headings, "**请求参数**" bold headings, <br> inside cells, escaped
// pipes and code fences become the plain text the other layouts print.
func markdownLine(s string) string {
	if strings.HasPrefix(strings.TrimSpace(s), "```") {
		return ""
	}
	s = reMDHeading.ReplaceAllString(s, "")
	if m := reMDBold.FindStringSubmatch(s); m != nil {
		s = m[1]
	}
	s = reMDBreak.ReplaceAllString(s, " ")
	return strings.ReplaceAll(s, `\|`, "｜")
}
