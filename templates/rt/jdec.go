package rt

import (
	"encoding/json"
	"math"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
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

// jdec decodes JSON straight into the generated types: no reflection, one
// pass, and strict about syntax, so that a body is either decoded or
// rejected with a DecodeError. After a syntax error every method returns at
// once with a zero value; a value of the wrong type is recorded and
// skipped, so that a later repetition of its key can still replace it, as
// it does for a JSON Schema validator.
type jdec struct {
	data   []byte
	pos    int
	depth  int
	failed bool          // a syntax error: decoding stopped
	err    DecodeError   // the syntax error
	terrs  []DecodeError // type errors so far; decoding goes on past them
	key    []byte        // the current member's name, unescaped
}

func newJdec(data []byte) jdec { return jdec{data: data} }

// end finishes a top-level decode: nothing but space may follow, and a
// type error in a document that is not JSON at all is a syntax error.
func (d *jdec) end() error {
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
	case len(d.terrs) == 0:
		return nil
	case !json.Valid(d.data):
		return &DecodeError{Syntax: true, Offset: syntaxOffset(d.data), Msg: "not valid JSON"}
	}
	e := d.terrs[0]
	e.Pointer = pointerAt(d.data, e.Offset)
	return &e
}

// syntaxOffset finds where encoding/json sees the first syntax error.
func syntaxOffset(data []byte) int {
	var v any
	if se, ok := json.Unmarshal(data, &v).(*json.SyntaxError); ok {
		return int(se.Offset)
	}
	return 0
}

func (d *jdec) syntax(msg string) {
	if !d.failed {
		d.failed, d.err = true, DecodeError{Syntax: true, Offset: d.pos, Msg: msg}
	}
}

// mismatch records that the value at start is not of the wanted JSON
// type, and moves past it when it was not read yet.
func (d *jdec) mismatch(start int, want string) {
	if d.failed {
		return
	}
	d.terrs = append(d.terrs, DecodeError{Offset: start, Msg: "must be " + want + ", not " + kindAt(d.data, start)})
	if d.pos == start {
		d.skip()
	}
}

// repeated forgets the type errors of the earlier values of the current
// member (d.key, whose value starts at d.pos) of the object that starts at
// objStart: only the last value of a repeated key counts.
func (d *jdec) repeated(objStart int) {
	if len(d.terrs) == 0 {
		return
	}
	key, upTo := string(d.key), d.pos
	s := newJdec(d.data)
	s.pos = objStart
	if !s.object() {
		return
	}
	for n := 0; s.member(&n) && s.pos < upTo; {
		same := string(s.key) == key
		from := s.ws0(s.pos)
		s.skip()
		if !same {
			continue
		}
		kept := d.terrs[:0]
		for _, e := range d.terrs {
			if e.Offset < from || e.Offset >= s.pos {
				kept = append(kept, e)
			}
		}
		d.terrs = kept
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

func (d *jdec) ws() {
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
func (d *jdec) peek() byte {
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
func (d *jdec) literal(word string) bool {
	end := d.pos + len(word)
	if end > len(d.data) || string(d.data[d.pos:end]) != word {
		d.syntax("invalid literal")
		return false
	}
	d.pos = end
	return true
}

// null consumes a null and reports whether there was one.
func (d *jdec) null() bool {
	if d.peek() != 'n' {
		return false
	}
	return d.literal("null")
}

// object starts reading an object; false (and an error) when the value is
// something else.
func (d *jdec) object() bool {
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

// member moves to the next member of the object being read, leaving its
// name in d.key and d.pos at its value; n counts the members so far.
func (d *jdec) member(n *int) bool {
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
	key, ok := d.strBytes()
	if !ok {
		return false
	}
	d.key = key
	if d.peek() != ':' {
		d.syntax("expected ':' after an object key")
		return false
	}
	d.pos++
	*n++
	return true
}

// array starts reading an array; false (and an error) when the value is
// something else.
func (d *jdec) array() bool {
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

// elem moves to the next element of the array being read.
func (d *jdec) elem(n *int) bool {
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

// str reads a string value.
func (d *jdec) str() string {
	if c := d.peek(); c != '"' {
		if c != 0 {
			d.mismatch(d.pos, "a string")
		}
		return ""
	}
	b, _ := d.strBytes()
	return string(b)
}

// strBytes reads the string at d.pos. Without escapes or invalid UTF-8 it
// returns a slice of the input; otherwise a decoded copy, with invalid
// UTF-8 replaced by U+FFFD as encoding/json does.
func (d *jdec) strBytes() ([]byte, bool) {
	start := d.pos + 1
	for i := start; i < len(d.data); {
		c := d.data[i]
		switch {
		case c == '"':
			d.pos = i + 1
			return d.data[start:i], true
		case c == '\\' || c < 0x20:
			return d.strSlow(start)
		case c < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRune(d.data[i:])
			if r == utf8.RuneError && size == 1 {
				return d.strSlow(start)
			}
			i += size
		}
	}
	d.pos = len(d.data)
	d.syntax("unexpected end of JSON input in a string")
	return nil, false
}

// strSlow decodes a string holding escapes or invalid UTF-8.
func (d *jdec) strSlow(start int) ([]byte, bool) {
	out := make([]byte, 0, 16)
	i := start
	for i < len(d.data) {
		c := d.data[i]
		switch {
		case c == '"':
			d.pos = i + 1
			return out, true
		case c < 0x20:
			d.pos = i
			d.syntax("invalid control character in a string")
			return nil, false
		case c == '\\':
			if i+1 >= len(d.data) {
				d.pos = i
				d.syntax("unexpected end of JSON input in a string")
				return nil, false
			}
			i++
			switch e := d.data[i]; e {
			case '"', '\\', '/':
				out = append(out, e)
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'u':
				r, ok := hex4(d.data, i+1)
				if !ok {
					d.pos = i
					d.syntax("invalid \\u escape")
					return nil, false
				}
				i += 4
				if utf16.IsSurrogate(r) {
					if r2, ok := hex4(d.data, i+3); ok && i+2 < len(d.data) && d.data[i+1] == '\\' && d.data[i+2] == 'u' {
						if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
							r = dec
							i += 6
						} else {
							r = utf8.RuneError
						}
					} else {
						r = utf8.RuneError
					}
				}
				out = utf8.AppendRune(out, r)
			default:
				d.pos = i
				d.syntax("invalid escape in a string")
				return nil, false
			}
			i++
		case c < utf8.RuneSelf:
			out = append(out, c)
			i++
		default:
			r, size := utf8.DecodeRune(d.data[i:])
			i += size
			out = utf8.AppendRune(out, r)
		}
	}
	d.pos = len(d.data)
	d.syntax("unexpected end of JSON input in a string")
	return nil, false
}

// hex4 reads four hex digits at data[i:].
func hex4(data []byte, i int) (rune, bool) {
	if i+4 > len(data) {
		return 0, false
	}
	var r rune
	for _, c := range data[i : i+4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r*16 + rune(c)
	}
	return r, true
}

// number reads a JSON number and returns its text and whether it has
// neither fraction nor exponent.
func (d *jdec) number(want string) ([]byte, bool, bool) {
	c := d.peek()
	if c != '-' && (c < '0' || c > '9') {
		if c != 0 {
			d.mismatch(d.pos, want)
		}
		return nil, false, false
	}
	start, i := d.pos, d.pos
	if d.data[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(d.data) && d.data[i] >= '0' && d.data[i] <= '9' {
			i++
			n++
		}
		return n
	}
	plain := true
	switch {
	case i < len(d.data) && d.data[i] == '0':
		i++
	case digits() == 0:
		d.pos = i
		d.syntax("invalid number")
		return nil, false, false
	}
	if i < len(d.data) && d.data[i] == '.' {
		i++
		plain = false
		if digits() == 0 {
			d.pos = i
			d.syntax("invalid number")
			return nil, false, false
		}
	}
	if i < len(d.data) && (d.data[i] == 'e' || d.data[i] == 'E') {
		i++
		plain = false
		if i < len(d.data) && (d.data[i] == '+' || d.data[i] == '-') {
			i++
		}
		if digits() == 0 {
			d.pos = i
			d.syntax("invalid number")
			return nil, false, false
		}
	}
	d.pos = i
	return d.data[start:i], plain, true
}

// integer reads an integer within [lo, hi]. Like a JSON Schema validator
// it takes any number with an integral value (2.0, 2e0).
func (d *jdec) integer(lo, hi int64, want string) int64 {
	start := d.pos
	text, plain, ok := d.number(want)
	if !ok {
		return 0
	}
	if plain && len(text) <= 18 {
		neg := text[0] == '-'
		if neg {
			text = text[1:]
		}
		var n int64
		for _, c := range text {
			n = n*10 + int64(c-'0')
		}
		if neg {
			n = -n
		}
		if n < lo || n > hi {
			d.mismatch(d.ws0(start), want+" in range")
			return 0
		}
		return n
	}
	if plain {
		n, err := strconv.ParseInt(string(text), 10, 64)
		if err != nil || n < lo || n > hi {
			d.mismatch(d.ws0(start), want+" in range")
			return 0
		}
		return n
	}
	f, err := strconv.ParseFloat(string(text), 64)
	if err != nil && !isRange(err) || f != math.Trunc(f) || f < float64(lo) || f >= float64(hi)+1 || math.IsInf(f, 0) {
		d.mismatch(d.ws0(start), want)
		return 0
	}
	return int64(f)
}

// ws0 returns the offset of the value whose decoding began at start.
func (d *jdec) ws0(start int) int {
	for start < len(d.data) && (d.data[start] == ' ' || d.data[start] == '\t' || d.data[start] == '\n' || d.data[start] == '\r') {
		start++
	}
	return start
}

func isRange(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

func (d *jdec) int32() int32 {
	return int32(d.integer(math.MinInt32, math.MaxInt32, "an integer (int32)"))
}

func (d *jdec) int64() int64 {
	return d.integer(math.MinInt64, math.MaxInt64, "an integer (int64)")
}

// float reads a number as a float of bits 32 or 64.
func (d *jdec) float(bits int) float64 {
	start := d.pos
	text, _, ok := d.number("a number")
	if !ok {
		return 0
	}
	f, err := strconv.ParseFloat(string(text), bits)
	if err != nil {
		d.mismatch(d.ws0(start), "a number in range")
		return 0
	}
	return f
}

// boolean reads true or false.
func (d *jdec) boolean() bool {
	switch d.peek() {
	case 't':
		return d.literal("true")
	case 'f':
		d.literal("false")
		return false
	case 0:
		return false
	}
	d.mismatch(d.pos, "a boolean")
	return false
}

// skip reads past one value of any kind, checking its syntax.
func (d *jdec) skip() {
	switch d.peek() {
	case 0:
	case '{':
		d.object()
		for n := 0; d.member(&n); {
			d.skip()
		}
	case '[':
		d.array()
		for n := 0; d.elem(&n); {
			d.skip()
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

// anyValue reads a value of any kind as encoding/json decodes into any.
func (d *jdec) anyValue() any {
	start := d.ws0(d.pos)
	d.skip()
	if d.failed {
		return nil
	}
	var v any
	if err := json.Unmarshal(d.data[start:d.pos], &v); err != nil {
		d.pos = start
		d.syntax(err.Error())
	}
	return v
}

// pointerAt returns the JSON pointer of the value that starts at offset
// off of data, which is valid JSON. It runs only to report an error.
func pointerAt(data []byte, off int) string {
	d := newJdec(data)
	var path []string
	var walk func() bool
	walk = func() bool {
		d.ws()
		if d.pos == off {
			return true
		}
		switch d.peek() {
		case '{':
			d.object()
			for n := 0; d.member(&n); {
				path = append(path, escapePointer(string(d.key)))
				if walk() {
					return true
				}
				path = path[:len(path)-1]
			}
		case '[':
			d.array()
			for n := 0; d.elem(&n); {
				path = append(path, strconv.Itoa(n-1))
				if walk() {
					return true
				}
				path = path[:len(path)-1]
			}
		default:
			d.skip()
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
