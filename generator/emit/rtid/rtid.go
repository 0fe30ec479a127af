// Package rtid names the exported identifiers of the support package rt for
// the emitters. Emitters never spell an rt name as a string: they call the
// functions of table.gen.go (jen.Qual on rt's import path) and use its
// constants for methods and fields. table.gen.go also refers to every name
// through Go, so renaming or removing one in rt breaks this package's
// build, and TestTable keeps the table equal to rt's exported API
// (go test ./generator/emit/rtid -update rewrites it).
package rtid

// ImportPath is the import path of the support package.
const ImportPath = "github.com/hwcorder/ordergen/rt"
