package rt

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// DecodeError is a body that is not JSON (Syntax) or whose value at Pointer
// does not have the JSON type the schema asks for.
type DecodeError struct {
	Pointer string // JSON pointer of the value ("" for the body itself)
	Offset  int    // byte offset of the value or of the bad byte
	Syntax  bool   // the input is not valid JSON
	Msg     string
}

// Error says what is wrong and where.
func (e *DecodeError) Error() string {
	if e.Syntax {
		return "malformed JSON at byte " + strconv.Itoa(e.Offset) + ": " + e.Msg
	}
	where := e.Pointer
	if where == "" {
		where = "body"
	}
	return where + ": type: " + e.Msg
}

// maxDepth bounds nesting, as encoding/json does.
const maxDepth = 10000

// Decoder decodes JSON straight into the generated types: no reflection, one
// pass, and strict about syntax, so that a body is either decoded or
// rejected with a DecodeError. After a syntax error every method returns at
// once with a zero value; a value of the wrong type is recorded and
// skipped, so that a later repetition of its key can still replace it, as
// it does for a JSON Schema validator.
type Decoder struct {
	data   []byte
	pos    int
	depth  int
	failed bool              // a syntax error: decoding stopped
	err    DecodeError       // the syntax error
	bad    []decodeViolation // violations so far; decoding goes on past them
	key    []byte            // the current member's name, unescaped
	keyAt  int               // where key's text starts in data
	src    string            // a copy of data, made for the first string
	slab   slabs
}

// decodeViolation is a rule broken by the value at off (or, for a missing
// member, by the object at off lacking member key).
type decodeViolation struct {
	off       int
	key       string // the missing member, for rule "required"
	rule, msg string
}

func NewDecoder(data []byte) Decoder { return Decoder{data: data} }

// End finishes a top-level decode: nothing but space may follow, and a
// violation in a document that is not JSON at all is a syntax error. It
// returns nil, a *DecodeError for input that is not JSON, or a
// *ValidationError listing every value of the wrong type, null where the
// schema allows none, missing required member and member a closed object
// does not allow, each with its JSON pointer, in document order.
func (d *Decoder) End() error {
	if !d.failed {
		d.ws()
		if d.pos < len(d.data) {
			d.syntax("invalid character after the value")
		}
	}
	switch {
	case d.failed:
		e := d.err
		return &e
	case len(d.bad) == 0:
		return nil
	case !json.Valid(d.data):
		return &DecodeError{Syntax: true, Offset: syntaxOffset(d.data), Msg: "not valid JSON"}
	}
	list := make([]Violation, len(d.bad))
	for i, b := range d.bad {
		p := pointerAt(d.data, b.off)
		if b.key != "" || b.rule == "required" {
			p += "/" + escapePointer(b.key)
		}
		list[i] = Violation{In: "body", Pointer: p, Rule: b.rule, Message: b.msg}
	}
	return &ValidationError{Violations: list}
}

// syntaxOffset finds where encoding/json sees the first syntax error.
func syntaxOffset(data []byte) int {
	var v any
	if se, ok := json.Unmarshal(data, &v).(*json.SyntaxError); ok {
		return int(se.Offset)
	}
	return 0
}

func (d *Decoder) syntax(msg string) {
	if !d.failed {
		d.failed, d.err = true, DecodeError{Syntax: true, Offset: d.pos, Msg: msg}
	}
}

// mismatch records that the value at start is not of the wanted JSON
// type, and moves past it when it was not read yet.
func (d *Decoder) mismatch(start int, want string) {
	if d.failed {
		return
	}
	d.bad = append(d.bad, decodeViolation{off: start, rule: "type", msg: "must be " + want + ", not " + kindAt(d.data, start)})
	if d.pos == start {
		d.Skip()
	}
}

// Repeated forgets the type errors of the earlier values of the current
// member (d.key, whose value starts at d.pos) of the object that starts at
// objStart: only the last value of a repeated key counts.
func (d *Decoder) Repeated(objStart int) {
	if len(d.bad) == 0 {
		return
	}
	key, upTo := string(d.key), d.pos
	s := NewDecoder(d.data)
	s.pos = objStart
	if !s.Object() {
		return
	}
	for n := 0; s.Member(&n) && s.pos < upTo; {
		same := string(s.key) == key
		from := s.ws0(s.pos)
		s.Skip()
		if !same {
			continue
		}
		kept := d.bad[:0]
		for _, e := range d.bad {
			if e.off < from || e.off >= s.pos {
				kept = append(kept, e)
			}
		}
		d.bad = kept
	}
}

// kindAt names the JSON kind of the value starting at i.
func kindAt(data []byte, i int) string {
	if i >= len(data) {
		return "nothing"
	}
	switch data[i] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

func (d *Decoder) ws() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

// peek returns the next non-space byte, or 0 at the end or after an error.
func (d *Decoder) peek() byte {
	if d.failed {
		return 0
	}
	d.ws()
	if d.pos >= len(d.data) {
		d.syntax("unexpected end of JSON input")
		return 0
	}
	return d.data[d.pos]
}

// literal consumes word (true, false, null) at d.pos.
func (d *Decoder) literal(word string) bool {
	end := d.pos + len(word)
	if end > len(d.data) || string(d.data[d.pos:end]) != word {
		d.syntax("invalid literal")
		return false
	}
	d.pos = end
	return true
}

// Pos returns the offset of the next value, after any space.
func (d *Decoder) Pos() int {
	d.ws()
	return d.pos
}

// Key returns the name of the current object member, unescaped; it is
// valid until the next call of Member.
func (d *Decoder) Key() []byte { return d.key }

// NotNull consumes a null where the schema allows none, recording the
// violation, and reports whether there was one.
func (d *Decoder) NotNull() bool {
	if d.peek() != 'n' {
		return false
	}
	start := d.pos
	if d.literal("null") {
		d.bad = append(d.bad, decodeViolation{off: start, rule: "null", msg: "must not be null"})
	}
	return true
}

// Missing records that the object starting at offset obj lacks the
// required member name.
func (d *Decoder) Missing(obj int, name string) {
	if !d.failed {
		d.bad = append(d.bad, decodeViolation{off: obj, key: name, rule: "required", msg: "is required"})
	}
}

// Unknown records that the current member is not allowed (the object is
// closed: additionalProperties: false) and skips its value.
func (d *Decoder) Unknown() {
	start := d.Pos()
	d.Skip()
	if !d.failed {
		d.bad = append(d.bad, decodeViolation{off: start, rule: "additionalProperties", msg: "is not allowed"})
	}
}

// Null consumes a null and reports whether there was one.
func (d *Decoder) Null() bool {
	if d.peek() != 'n' {
		return false
	}
	return d.literal("null")
}

// Object starts reading an object; false (and an error) when the value is
// something else.
func (d *Decoder) Object() bool {
	switch d.peek() {
	case '{':
		d.depth++
		if d.depth > maxDepth {
			d.syntax("exceeded max depth")
			return false
		}
		d.pos++
		return true
	case 0:
		return false
	}
	d.mismatch(d.pos, "an object")
	return false
}

// Member moves to the next member of the object being read, leaving its
// name in d.key and d.pos at its value; n counts the members so far.
func (d *Decoder) Member(n *int) bool {
	c := d.peek()
	if c == '}' {
		d.pos++
		d.depth--
		return false
	}
	if *n > 0 {
		if c != ',' {
			d.syntax("expected ',' or '}' after an object member")
			return false
		}
		d.pos++
		c = d.peek()
	}
	if c != '"' {
		if c != 0 {
			d.syntax("expected a string as an object key")
		}
		return false
	}
	at := d.pos + 1
	key, ok := d.strBytes()
	if !ok {
		return false
	}
	d.key, d.keyAt = key, at
	if d.peek() != ':' {
		d.syntax("expected ':' after an object key")
		return false
	}
	d.pos++
	*n++
	return true
}

// Array starts reading an array; false (and an error) when the value is
// something else.
func (d *Decoder) Array() bool {
	switch d.peek() {
	case '[':
		d.depth++
		if d.depth > maxDepth {
			d.syntax("exceeded max depth")
			return false
		}
		d.pos++
		return true
	case 0:
		return false
	}
	d.mismatch(d.pos, "an array")
	return false
}

// Elem moves to the next element of the array being read.
func (d *Decoder) Elem(n *int) bool {
	c := d.peek()
	if c == ']' {
		d.pos++
		d.depth--
		return false
	}
	if *n > 0 {
		if c != ',' {
			if c != 0 {
				d.syntax("expected ',' or ']' after an array element")
			}
			return false
		}
		d.pos++
		c = d.peek()
	}
	switch c {
	case 0:
		return false
	case ',', ']':
		d.syntax("expected an array element")
		return false
	}
	*n++
	return true
}

// Skip reads past one value of any kind, checking its syntax.
func (d *Decoder) Skip() {
	switch d.peek() {
	case 0:
	case '{':
		d.Object()
		for n := 0; d.Member(&n); {
			d.Skip()
		}
	case '[':
		d.Array()
		for n := 0; d.Elem(&n); {
			d.Skip()
		}
	case '"':
		d.strBytes()
	case 't':
		d.literal("true")
	case 'f':
		d.literal("false")
	case 'n':
		d.literal("null")
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		d.number("a value")
	default:
		d.syntax("invalid character looking for a value")
	}
}

// AnyValue reads a value of any kind as encoding/json decodes into any,
// with numbers as json.Number.
func (d *Decoder) AnyValue() any {
	start := d.ws0(d.pos)
	d.Skip()
	if d.failed {
		return nil
	}
	// Numbers stay json.Number, exact and never out of range (1e400 is a
	// JSON number), as a JSON Schema validator reads them.
	var v any
	dec := json.NewDecoder(bytes.NewReader(d.data[start:d.pos]))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		d.pos = start
		d.syntax(err.Error())
	}
	return v
}

// pointerAt returns the JSON pointer of the value that starts at offset
// off of data, which is valid JSON. It runs only to report an error.
func pointerAt(data []byte, off int) string {
	d := NewDecoder(data)
	var path []string
	var walk func() bool
	walk = func() bool {
		d.ws()
		if d.pos == off {
			return true
		}
		switch d.peek() {
		case '{':
			d.Object()
			for n := 0; d.Member(&n); {
				path = append(path, escapePointer(string(d.key)))
				if walk() {
					return true
				}
				path = path[:len(path)-1]
			}
		case '[':
			d.Array()
			for n := 0; d.Elem(&n); {
				path = append(path, strconv.Itoa(n-1))
				if walk() {
					return true
				}
				path = path[:len(path)-1]
			}
		default:
			d.Skip()
		}
		return false
	}
	if !walk() {
		return ""
	}
	out := ""
	for _, p := range path {
		out += "/" + p
	}
	return out
}
