// Package transcribe turns the text of one Huawei Cloud API reference page
// (as copied from a browser) into an OpenAPI 3.0.3 spec in the house style
// of specs/.
//
// It reads three layouts: English with one table cell per line and
// "Table N Name" captions; English pipe rows ("cell |") whose nested-object
// tables carry no caption and are matched to the "X object" mentions by a
// depth-first walk; and Chinese with one cell per line, "表N" captions, a
// possibly blank mandatory column and constraints written in prose
// (参数解释, 取值范围, 默认取值).
//
// It never guesses silently: every table it cannot place, phrase it cannot
// parse, type it does not know or contradiction it finds becomes a Warning
// with the page's line number and an x-doc-note in the output.
//
// The package imports only the standard library and go.yaml.in/yaml/v3 (for
// the output); it does not import the rest of the generator.
package transcribe
