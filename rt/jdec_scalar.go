package rt

import (
	"encoding/binary"
	"math"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// Str reads a string value. A string without escapes is a substring of
// one copy of the input made on first use, so decoding a body allocates
// once for all its plain strings.
func (d *Decoder) Str() string {
	if c := d.peek(); c != '"' {
		if c != 0 {
			d.mismatch(d.pos, "a string")
		}
		return ""
	}
	start := d.pos + 1
	b, _ := d.strBytes()
	return d.text(start, b)
}

// StrRaw reads a string value and returns its unescaped bytes, valid
// until the next call: generated code matches enum values against it
// without making a string.
func (d *Decoder) StrRaw() []byte {
	if c := d.peek(); c != '"' {
		if c != 0 {
			d.mismatch(d.pos, "a string")
		}
		return nil
	}
	b, _ := d.strBytes()
	return b
}

// NewString returns a fresh *string from the shared blocks (see StrPtr),
// for generated code that fills it itself.
func (d *Decoder) NewString() *string { return next(&d.slab.str) }

// text returns b, read from the string starting at start, as a string: a
// substring of the input's copy when b is a slice of the input.
func (d *Decoder) text(start int, b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if start+len(b) <= len(d.data) && &d.data[start] == &b[0] {
		if d.src == "" {
			d.src = string(d.data)
		}
		return d.src[start : start+len(b)]
	}
	// b was made by strSlow for this string alone and nothing writes to it
	// again, so the string may share its bytes (as strings.Builder does).
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// KeyString returns the current member's name as a string (for map keys),
// shared with the input's copy when it has no escapes.
func (d *Decoder) KeyString() string { return d.text(d.keyAt, d.key) }

// StrPtr reads a string value into a new *string. The pointers of one
// decode come from shared blocks, which saves an allocation per member.
func (d *Decoder) StrPtr() *string { p := next(&d.slab.str); *p = d.Str(); return p }

// Int32Ptr reads an int32 into a new *int32 (see StrPtr).
func (d *Decoder) Int32Ptr() *int32 { p := next(&d.slab.i32); *p = d.Int32(); return p }

// Int64Ptr reads an int64 into a new *int64 (see StrPtr).
func (d *Decoder) Int64Ptr() *int64 { p := next(&d.slab.i64); *p = d.Int64(); return p }

// Float32Ptr reads a float32 into a new *float32 (see StrPtr).
func (d *Decoder) Float32Ptr() *float32 { p := next(&d.slab.f32); *p = float32(d.Float(32)); return p }

// Float64Ptr reads a float64 into a new *float64 (see StrPtr).
func (d *Decoder) Float64Ptr() *float64 { p := next(&d.slab.f64); *p = d.Float(64); return p }

// BooleanPtr reads a boolean into a new *bool (see StrPtr).
func (d *Decoder) BooleanPtr() *bool { p := next(&d.slab.b); *p = d.Boolean(); return p }

// slabs hands out the pointers of one decode from blocks of slabSize.
type slabs struct {
	str []string
	i32 []int32
	i64 []int64
	f32 []float32
	f64 []float64
	b   []bool
}

const slabSize = 16

// next returns a pointer to a fresh element of *s, starting a new block
// when the current one is full; blocks are never reused.
func next[T any](s *[]T) *T {
	if len(*s) == cap(*s) {
		*s = make([]T, 0, slabSize)
	}
	*s = (*s)[:len(*s)+1]
	return &(*s)[len(*s)-1]
}

// strBytes reads the string at d.pos. Without escapes or invalid UTF-8 it
// returns a slice of the input; otherwise a decoded copy, with invalid
// UTF-8 replaced by U+FFFD as encoding/json does.
func (d *Decoder) strBytes() ([]byte, bool) {
	start := d.pos + 1
	i := start
	for i+8 <= len(d.data) && plain8(binary.LittleEndian.Uint64(d.data[i:])) {
		i += 8
	}
	for i < len(d.data) {
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

// plain8 reports whether none of the 8 bytes packed in x ends a string or
// needs a closer look: no '"', no '\\', no control character, no byte of a
// multi-byte UTF-8 sequence. Each test finds whether any byte matches,
// exactly, with no byte-by-byte loop.
func plain8(x uint64) bool {
	const lsb, msb = 0x0101010101010101, 0x8080808080808080
	zero := func(v uint64) uint64 { return (v - lsb) &^ v & msb }
	quote, backslash := x^(lsb*'"'), x^(lsb*'\\')
	control := (x - lsb*0x20) &^ x & msb
	return zero(quote)|zero(backslash)|control|x&msb == 0
}

// strSlow decodes a string holding escapes or invalid UTF-8.
func (d *Decoder) strSlow(start int) ([]byte, bool) {
	// The decoded text is at most as long as the raw one (but for invalid
	// UTF-8, which grows by U+FFFD): one allocation of that size.
	end := start
	for end < len(d.data) && d.data[end] != '"' {
		if d.data[end] == '\\' {
			end++
		}
		end++
	}
	out := make([]byte, 0, min(end, len(d.data))-start)
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
func (d *Decoder) number(want string) ([]byte, bool, bool) {
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
func (d *Decoder) integer(lo, hi int64, want string) int64 {
	if n, ok := d.plainInteger(lo, hi); ok {
		return n
	}
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

// plainInteger reads the common case in one pass: an optional minus and up
// to 18 digits without a leading zero, ending where a JSON value may end,
// within [lo, hi]. Anything else (fractions, exponents, long or out of
// range numbers, syntax errors) is left for integer's general path.
func (d *Decoder) plainInteger(lo, hi int64) (int64, bool) {
	if d.peek() == 0 {
		return 0, false
	}
	i, data := d.pos, d.data
	neg := data[i] == '-'
	if neg {
		i++
	}
	start := i
	var n int64
	for i < len(data) && i-start < 18 && data[i] >= '0' && data[i] <= '9' {
		n = n*10 + int64(data[i]-'0')
		i++
	}
	if i == start || data[start] == '0' && i-start > 1 {
		return 0, false
	}
	if i < len(data) {
		switch data[i] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
		default:
			return 0, false
		}
	}
	if neg {
		n = -n
	}
	if n < lo || n > hi {
		return 0, false
	}
	d.pos = i
	return n, true
}

// ws0 returns the offset of the value whose decoding began at start.
func (d *Decoder) ws0(start int) int {
	for start < len(d.data) && (d.data[start] == ' ' || d.data[start] == '\t' || d.data[start] == '\n' || d.data[start] == '\r') {
		start++
	}
	return start
}

func isRange(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

func (d *Decoder) Int32() int32 {
	return int32(d.integer(math.MinInt32, math.MaxInt32, "an integer (int32)"))
}

func (d *Decoder) Int64() int64 {
	return d.integer(math.MinInt64, math.MaxInt64, "an integer (int64)")
}

// Float reads a number as a float of bits 32 or 64.
func (d *Decoder) Float(bits int) float64 {
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

// Boolean reads true or false.
func (d *Decoder) Boolean() bool {
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
