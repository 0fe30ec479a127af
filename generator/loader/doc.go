// Package loader reads one OpenAPI 3.0 spec and returns the generator's
// model of it (model.API): operations, parameters, bodies, responses and
// every schema that becomes a Go type, ordered, named and positioned.
//
// It is the only package of the generator that imports
// github.com/getkin/kin-openapi; the model and the emitters never see it.
//
// Load parses the YAML itself first (for positions, key order, duplicate
// keys and syntax errors with line and column), then loads the document
// with kin-openapi with origin tracking on, runs kin-openapi's validation
// and the project's rules, and reports every problem at once as a List,
// sorted by position, one per line:
//
//	specs/dsc.yaml:38:5: #/paths/~1v1~1{project_id}~1period~1order/post: operation has no operationId
//
// Before kin-openapi sees the document, the loader refuses what would make
// it fail badly or say nothing useful: YAML aliases expanding to more than
// 10,000 nodes (a few hundred bytes can stand for billions); documents
// that are not OpenAPI 3.0.x (Swagger 2.0, 3.1, 3.2, ...: one message);
// schema keywords whose value has the wrong shape (minimum: "abc"), which
// kin-openapi fails to decode without a position. Such keywords, bad
// $refs and duplicate keys are then renamed to extensions in the copy
// kin-openapi reads, so that every other problem is still reported, and
// what follows only from them is dropped. A document with a mapping of
// more than 1,000 keys goes to kin-openapi as JSON, since its YAML decoder
// takes time quadratic in the keys of one mapping; everything the loader
// does is linear in the input.
//
// The project's rules: every $ref is local and resolves; every operation
// has an operationId whose Go name is unique; path template parameters and
// path parameters match both ways; every example and default (of media
// types, parameters and schemas) matches its schema; counts are
// non-negative integers and patterns compile as Go regexps; bounds leave
// some value (minimum <= maximum, minLength <= maxLength, minItems <=
// maxItems, minProperties <= maxProperties, and exclusive bounds, integer
// bounds and multipleOf leave a number between them); required
// properties exist; x-enum-varnames and x-enum-descriptions have one entry
// per enum value; no two package-level Go names (types, enum constants,
// Params types, names reserved by the support code) and no two fields of
// one struct collide, each collision citing both positions.
//
// A construct that is valid OpenAPI but that the generator cannot express
// is an *UnsupportedError, never skipped: oneOf, anyOf, allOf, not,
// discriminator and the OpenAPI 3.1 keywords; a schema without a type or
// with several; recursive schemas; objects with more than 64 properties
// (generated types record presence in one uint64); additionalProperties
// with a schema next to properties; integer formats other than int32 and
// int64, number formats other than float and double; non-JSON bodies;
// cookie parameters, parameters with content, object parameters and
// arrays of objects or arrays; external refs; status ranges such as 2XX;
// security schemes other than apiKey and http bearer; security
// requirements that combine schemes or are empty.
//
// Go names are decided here, once, with model.GoName: a component schema
// keeps its name; an operation's request body and responses are named after
// the operation (CreateXRequestBody; CreateXResponse for the first 2xx,
// CreateXResponse400 and CreateXResponseDefault for the others); an inline
// object or enum under a property, parameter or array takes the property's
// name (plus "Item" for array items) when no other type wants it, else its
// parent's name followed by that. An inline object with only an
// additionalProperties schema is a map, not a named type. Enum constants
// are the type name followed by the x-enum-varnames entry, or by a name
// derived from the value (PeriodType2, LevelMinus1, Ratio0Point5).
package loader
