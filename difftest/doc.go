// Package difftest checks the generated validators of generated/dsc,
// generated/dbss and generated/hss against kin-openapi: both must give the
// same verdict (valid or not) on every example in specs/ and on a large set
// of mutated bodies, and the generated ones must be much faster. It holds
// tests and benchmarks only.
package difftest
