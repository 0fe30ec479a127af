package difftest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// jv is a JSON value that keeps what encoding/json would lose: member
// order, duplicate keys, the exact spelling of numbers and of keys.
type jv struct {
	kind byte // 'z' null, 'b' bool, 'n' number, 's' string, 'a' array, 'o' object
	b    bool
	num  string // literal
	str  string
	raw  string // string literal to write verbatim (with quotes), when set
	arr  []*jv
	obj  []member
}

type member struct {
	key    string
	rawKey string // key literal to write verbatim (with quotes), when set
	val    *jv
}

func (v *jv) clone() *jv {
	c := *v
	if v.arr != nil {
		c.arr = make([]*jv, len(v.arr))
		for i, x := range v.arr {
			c.arr[i] = x.clone()
		}
	}
	if v.obj != nil {
		c.obj = make([]member, len(v.obj))
		for i, m := range v.obj {
			c.obj[i] = member{key: m.key, rawKey: m.rawKey, val: m.val.clone()}
		}
	}
	return &c
}

// parseJV reads one JSON text into a jv.
func parseJV(data []byte) (*jv, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := parseValue(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("trailing data")
	}
	return v, nil
}

func parseValue(dec *json.Decoder) (*jv, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok := tok.(type) {
	case nil:
		return &jv{kind: 'z'}, nil
	case bool:
		return &jv{kind: 'b', b: tok}, nil
	case json.Number:
		return &jv{kind: 'n', num: tok.String()}, nil
	case string:
		return &jv{kind: 's', str: tok}, nil
	case json.Delim:
		if tok == '[' {
			v := &jv{kind: 'a', arr: []*jv{}}
			for dec.More() {
				x, err := parseValue(dec)
				if err != nil {
					return nil, err
				}
				v.arr = append(v.arr, x)
			}
			_, err := dec.Token()
			return v, err
		}
		v := &jv{kind: 'o', obj: []member{}}
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return nil, err
			}
			x, err := parseValue(dec)
			if err != nil {
				return nil, err
			}
			v.obj = append(v.obj, member{key: k.(string), val: x})
		}
		_, err := dec.Token()
		return v, err
	}
	return nil, fmt.Errorf("unexpected token %v", tok)
}

// encode writes v as JSON text.
func (v *jv) encode(b *bytes.Buffer) {
	switch v.kind {
	case 'z':
		b.WriteString("null")
	case 'b':
		b.WriteString(strconv.FormatBool(v.b))
	case 'n':
		b.WriteString(v.num)
	case 's':
		if v.raw != "" {
			b.WriteString(v.raw)
		} else {
			writeString(b, v.str)
		}
	case 'a':
		b.WriteByte('[')
		for i, x := range v.arr {
			if i > 0 {
				b.WriteByte(',')
			}
			x.encode(b)
		}
		b.WriteByte(']')
	case 'o':
		b.WriteByte('{')
		for i, m := range v.obj {
			if i > 0 {
				b.WriteByte(',')
			}
			if m.rawKey != "" {
				b.WriteString(m.rawKey)
			} else {
				writeString(b, m.key)
			}
			b.WriteByte(':')
			m.val.encode(b)
		}
		b.WriteByte('}')
	}
}

func (v *jv) bytes() []byte {
	var b bytes.Buffer
	v.encode(&b)
	return b.Bytes()
}

// writeString writes s as a JSON string, escaping only what JSON requires.
func writeString(b *bytes.Buffer, s string) {
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20:
			fmt.Fprintf(b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
}

// escapeAll spells s as a JSON string literal with every character as a
// \u escape (surrogate pairs above the BMP).
func escapeAll(s string) string {
	var b bytes.Buffer
	b.WriteByte('"')
	for _, r := range s {
		if r > 0xffff {
			r -= 0x10000
			fmt.Fprintf(&b, `\u%04x\u%04x`, 0xd800+(r>>10), 0xdc00+(r&0x3ff))
			continue
		}
		fmt.Fprintf(&b, `\u%04X`, r)
	}
	b.WriteByte('"')
	return b.String()
}

// escapeOne spells s as a literal with only its character at rune index i
// escaped.
func escapeOne(s string, i int) string {
	var b bytes.Buffer
	b.WriteByte('"')
	n := 0
	for _, r := range s {
		if n == i && r <= 0xffff {
			fmt.Fprintf(&b, `\u%04x`, r)
		} else {
			var tmp bytes.Buffer
			writeString(&tmp, string(r))
			b.Write(tmp.Bytes()[1 : tmp.Len()-1])
		}
		n++
	}
	b.WriteByte('"')
	return b.String()
}

func str(s string) *jv   { return &jv{kind: 's', str: s} }
func numv(s string) *jv  { return &jv{kind: 'n', num: s} }
func null() *jv          { return &jv{kind: 'z'} }
func boolv(b bool) *jv   { return &jv{kind: 'b', b: b} }
func runes(s string) int { return utf8.RuneCountInString(s) }
