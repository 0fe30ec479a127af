// Package dsc is the client oapi-codegen v2.8.2 generates from specs/dsc.yaml:
// a second, independent client for the e2e tests of the generated mock.
package dsc

//go:generate go tool oapi-codegen -config oapi-codegen.yaml ../../../specs/dsc.yaml
