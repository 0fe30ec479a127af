// Package dbss is the client oapi-codegen v2.8.2 generates from specs/dbss.yaml:
// a second, independent client for the e2e tests of the generated mock.
package dbss

//go:generate go tool oapi-codegen -config oapi-codegen.yaml ../../../specs/dbss.yaml
