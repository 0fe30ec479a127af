// Package transcribe turns the text of one Huawei Cloud API reference page
// (as copied from a browser) into an OpenAPI 3.0.3 spec in the house style
// of specs/.
//
// It reads the layouts the pages come in (docs/transcribe.md lists them):
// one table cell per line with "Table N"/"表N" captions; pipe tables with
// one cell per line, a bare "|" before each row, padded cells or one row
// per line, whose rows are aligned by what their cells look like rather
// than cut into groups of the header's size; the docs site's Markdown
// sources; and the older "Parameter description" pages. Nested tables
// without captions are matched to the "X object" mentions by a
// depth-first walk, checked against the page's example.
//
// With Options.SDKDir the official Go SDK's source (read with go/parser,
// never built) is a second source: it names the operation and the body,
// settles blank mandatory cells, types bare arrays, and fills value lists
// the capture lost; every disagreement with the page is a warning, and the
// page's fact is kept.
//
// It never guesses silently: every table it cannot place, phrase it cannot
// parse, type it does not know or contradiction it finds becomes a Warning
// with the page's line number and an x-doc-note in the output.
//
// The package imports only the standard library and go.yaml.in/yaml/v3 (for
// the output); it does not import the rest of the generator. Whether its
// output loads through generator/loader is checked by gen transcribe
// before it writes anything, and by the tests here over the golden pages
// and over damaged copies of them.
package transcribe
