// Package rt is the support code rendered into every generated package
// (see package templates). It is compiled and tested here as a package of
// its own; nothing imports it, and it imports only the standard library.
package rt
