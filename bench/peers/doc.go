// Package peers benchmarks the generated code of ordergen against its
// peers: ogen v1.24.0's generated code and kin-openapi for decoding and
// validating the DBSS and HSS order bodies, and oapi-codegen v2.8.2 for
// the generator's wall time on specs of 50 to 500 order operations.
//
// It is a module of its own so that the peers' dependencies stay out of
// the main module; `make bench` runs it, CI does not. The ogen packages
// under ogen/ are committed output of the go:generate lines below, from
// the unmodified specs; TestOgenOutputCurrent regenerates them into a
// temporary directory and fails when they differ. See docs/bench-peers.md.
package peers

//go:generate go tool ogen -clean -package dbss -target ogen/dbss ../../specs/dbss.yaml
//go:generate go tool ogen -clean -package hss -target ogen/hss ../../specs/hss.yaml
