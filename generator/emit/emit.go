// Package emit holds what the emitters share: the file type they return.
// Each emitter (types, client, mock) lives in its own sub-package, maps a
// *model.API to files and never sees the loader or kin-openapi.
package emit

import "github.com/dave/jennifer/jen"

// File is one generated Go file before rendering: Name is the base file
// name (e.g. "client.gen.go"); Code is the jennifer file, without the
// "Code generated" header, which the generator adds.
type File struct {
	Name string
	Code *jen.File
}
