// Package randspec generates random, valid OpenAPI 3.0.3 documents and
// random JSON values for their schemas, for the random-schema
// differential test beside it (randspec_test.go): each document goes
// through the generator, the generated validators are compiled with a
// driver, and their verdict on each value is compared with kin-openapi's.
//
// Everything is decided by a seed, so a document and its values can be
// made again from the seed alone. Features says which constructs a
// document may use: the test turns off those listed as known failures.
//
// The package imports only the standard library.
package randspec
