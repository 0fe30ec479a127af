// Package loader reads one OpenAPI 3.0 spec and returns the generator's
// model of it (model.API): operations, parameters, bodies, responses and
// every schema that becomes a Go type, ordered, named and positioned.
//
// It is the only package that imports github.com/getkin/kin-openapi. It
// loads the document with origin tracking on, runs kin-openapi's own
// validation and the project's rules (operationIds, path parameters,
// examples that match their schemas, local and resolvable $refs, Go names
// that do not collide, constructs the emitters support) and reports every
// problem at once, sorted by position, one per line:
//
//	specs/dsc.yaml:12:9: #/paths/~1v1~1{project_id}~1period~1order/post: operation has no operationId
//
// A construct that is valid OpenAPI but that the generator cannot express
// (oneOf, cookie parameters, recursive schemas, ...) is an
// *UnsupportedError, never skipped.
//
// Go names are decided here, once, with model.GoName: a component schema
// keeps its name; an operation's request body and responses are named after
// the operation (CreateXRequestBody, CreateXResponse, CreateXResponse400);
// an inline object or enum under a property, parameter or array takes the
// property's name when no other type wants it, else its parent's name
// followed by the property's. An inline object with only an
// additionalProperties schema is a map, not a named type.
package loader
