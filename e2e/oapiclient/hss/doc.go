// Package hss is the client oapi-codegen v2.8.2 generates from specs/hss.yaml:
// a second, independent client for the e2e tests of the generated mock.
package hss

//go:generate go tool oapi-codegen -config oapi-codegen.yaml ../../../specs/hss.yaml
