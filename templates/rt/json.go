package rt

import (
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"strings"
)

// errScan reports JSON the key scanner cannot walk. encoding/json checks
// syntax before it calls UnmarshalJSON, so this shows only on direct calls.
var errScan = errors.New("malformed JSON object")

// objScanner walks the members of one JSON object without decoding their
// values, so that UnmarshalJSON can see which keys came and which were
// null. It never allocates unless a key holds escapes.
type objScanner struct {
	data    []byte
	pos     int
	err     error
	keyPos  int    // start of the member (its key's opening quote)
	key     []byte // raw key, without quotes
	escaped bool   // key holds a backslash escape
	null    bool   // value is the literal null
	valPos  int    // start of the value
	valEnd  int    // end of the value
}

// newObjScanner returns a scanner positioned inside the object in data.
func newObjScanner(data []byte) objScanner {
	s := objScanner{data: data}
	s.skipSpace()
	if s.pos >= len(data) || data[s.pos] != '{' {
		s.err = errScan
		return s
	}
	s.pos++
	return s
}

// isNull reports whether data is the JSON literal null.
func isNull(data []byte) bool {
	s := objScanner{data: data}
	s.skipSpace()
	rest := data[s.pos:]
	return len(rest) >= 4 && string(rest[:4]) == "null"
}

// next advances to the next member and reports whether there is one.
func (s *objScanner) next() bool {
	if s.err != nil {
		return false
	}
	s.skipSpace()
	if s.pos < len(s.data) && s.data[s.pos] == ',' {
		s.pos++
		s.skipSpace()
	}
	if s.pos >= len(s.data) {
		s.err = errScan
		return false
	}
	if s.data[s.pos] == '}' {
		s.pos++
		return false
	}
	if s.data[s.pos] != '"' {
		s.err = errScan
		return false
	}
	s.keyPos = s.pos
	start := s.pos + 1
	end, escaped := s.skipString()
	if s.err != nil {
		return false
	}
	s.key, s.escaped = s.data[start:end-1], escaped
	s.skipSpace()
	if s.pos >= len(s.data) || s.data[s.pos] != ':' {
		s.err = errScan
		return false
	}
	s.pos++
	s.skipSpace()
	s.valPos = s.pos
	rest := s.data[s.pos:]
	s.null = len(rest) >= 4 && string(rest[:4]) == "null"
	s.skipValue()
	s.valEnd = s.pos
	return s.err == nil
}

// name returns the member's key, unescaped.
func (s *objScanner) name() []byte {
	if !s.escaped {
		return s.key
	}
	var str string
	raw := make([]byte, 0, len(s.key)+2)
	raw = append(append(append(raw, '"'), s.key...), '"')
	if err := json.Unmarshal(raw, &str); err != nil {
		return s.key
	}
	return []byte(str)
}

// value returns the member's raw value.
func (s *objScanner) value() []byte { return s.data[s.valPos:s.valEnd] }

func (s *objScanner) skipSpace() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

// skipString moves past the string starting at s.pos and returns the
// position after its closing quote.
func (s *objScanner) skipString() (end int, escaped bool) {
	i := s.pos + 1
	for i < len(s.data) {
		switch s.data[i] {
		case '\\':
			escaped = true
			i += 2
			continue
		case '"':
			s.pos = i + 1
			return s.pos, escaped
		}
		i++
	}
	s.err = errScan
	return len(s.data), escaped
}

// skipValue moves past one JSON value.
func (s *objScanner) skipValue() {
	if s.pos >= len(s.data) {
		s.err = errScan
		return
	}
	switch s.data[s.pos] {
	case '"':
		s.skipString()
	case '{', '[':
		depth := 0
		for s.pos < len(s.data) && s.err == nil {
			switch s.data[s.pos] {
			case '"':
				s.skipString()
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					s.pos++
					return
				}
			}
			s.pos++
		}
		s.err = errScan
	default:
		start := s.pos
		for s.pos < len(s.data) {
			switch s.data[s.pos] {
			case ',', '}', ']', ' ', '\t', '\n', '\r':
				if s.pos == start {
					s.err = errScan // no value here
				}
				return
			}
			s.pos++
		}
	}
}

// nullWithin reports whether the JSON array or object raw holds a null
// where shape forbids one. shape has one letter per level of nesting: 'a'
// for an array whose items must not be null, 'A' for one whose items may
// be, 'm' and 'M' the same for the member values of an object (a map).
// Values below the last level are not looked into; raw of another kind
// holds no forbidden null.
func nullWithin(raw []byte, shape string) bool {
	if shape == "" {
		return false
	}
	s := objScanner{data: raw}
	s.skipSpace()
	if s.pos >= len(raw) {
		return false
	}
	check := func(v []byte) bool {
		if string(v) == "null" {
			return shape[0] == 'a' || shape[0] == 'm'
		}
		return nullWithin(v, shape[1:])
	}
	switch {
	case raw[s.pos] == '{' && (shape[0] == 'm' || shape[0] == 'M'):
		sc := newObjScanner(raw)
		for sc.next() {
			if check(sc.value()) {
				return true
			}
		}
	case raw[s.pos] == '[' && (shape[0] == 'a' || shape[0] == 'A'):
		s.pos++
		for {
			s.skipSpace()
			if s.pos < len(raw) && raw[s.pos] == ',' {
				s.pos++
				s.skipSpace()
			}
			if s.pos >= len(raw) || raw[s.pos] == ']' {
				return false
			}
			start := s.pos
			s.skipValue()
			if s.err != nil {
				return false
			}
			if check(raw[start:s.pos]) {
				return true
			}
		}
	}
	return false
}

// firstNullElem returns the index of the first null element of the JSON
// array raw, or -1 when there is none (or raw is no array).
func firstNullElem(raw []byte) int {
	s := objScanner{data: raw}
	s.skipSpace()
	if s.pos >= len(raw) || raw[s.pos] != '[' {
		return -1
	}
	s.pos++
	for i := 0; ; i++ {
		s.skipSpace()
		if s.pos < len(raw) && raw[s.pos] == ',' {
			s.pos++
			s.skipSpace()
		}
		if s.pos >= len(raw) || raw[s.pos] == ']' {
			return -1
		}
		rest := raw[s.pos:]
		if len(rest) >= 4 && string(rest[:4]) == "null" {
			return i
		}
		s.skipValue()
		if s.err != nil {
			return -1
		}
	}
}

// foldsToMember reports whether key is none of names but equals one of
// them when case is ignored. encoding/json would decode such a key into
// that member, while JSON Schema treats it as a different, unknown one.
// It is bytes.EqualFold, the comparison encoding/json matches names with.
func foldsToMember(key []byte, names ...string) bool {
	folds := false
	for _, n := range names {
		if string(key) == n {
			return false
		}
		folds = folds || strings.EqualFold(string(key), n)
	}
	return folds
}

// cleanObject returns a copy of the JSON object data holding only what a
// JSON Schema validator sees of it: of members with the same key only the
// last one (encoding/json would also apply the earlier ones, reporting
// their errors), and none whose key drop reports (keys that only fold to a
// member's name). Malformed data is returned as it is.
func cleanObject(data []byte, drop func(key []byte) bool) []byte {
	type member struct {
		start, end int
		name       string
	}
	var members []member
	last := map[string]int{}
	sc := newObjScanner(data)
	for sc.next() {
		name := string(sc.name())
		last[name] = len(members)
		members = append(members, member{sc.keyPos, sc.valEnd, name})
	}
	if sc.err != nil {
		return data
	}
	out := make([]byte, 0, len(data))
	out = append(out, '{')
	for i, m := range members {
		if last[m.name] != i || drop([]byte(m.name)) {
			continue
		}
		if len(out) > 1 {
			out = append(out, ',')
		}
		out = append(out, data[m.start:m.end]...)
	}
	return append(out, '}')
}

// integralNumbers returns data with every number literal that has a
// fraction or an exponent but an integral value (2.0, 1e3) spelled as an
// integer, and whether it changed anything. JSON Schema, and kin-openapi,
// accept such numbers for integer schemas; encoding/json does not decode
// them into Go integers. Strings are left alone; a number is read as a
// float64, as those validators read it.
func integralNumbers(data []byte) ([]byte, bool) {
	var out []byte
	done := 0 // data[:done] is in out
	for i := 0; i < len(data); {
		c := data[i]
		switch {
		case c == '"':
			s := objScanner{data: data, pos: i}
			s.skipString()
			if s.err != nil {
				return data, false // unterminated: not JSON, nothing to respell
			}
			i = s.pos
			continue
		case c == '-' || ('0' <= c && c <= '9'):
			j, plain := i, true
			for j < len(data) && strings.IndexByte("+-0123456789.eE", data[j]) >= 0 {
				plain = plain && data[j] != '.' && data[j] != 'e' && data[j] != 'E'
				j++
			}
			if !plain {
				f, err := strconv.ParseFloat(string(data[i:j]), 64)
				if err == nil && f == math.Trunc(f) && math.Abs(f) < 1<<64 {
					out = append(out, data[done:i]...)
					out = strconv.AppendFloat(out, f, 'f', -1, 64)
					done = j
				}
			}
			i = j
			continue
		}
		i++
	}
	if out == nil {
		return data, false
	}
	return append(out, data[done:]...), true
}

// appendUnknown adds key to keys unless it is there already.
func appendUnknown(keys []string, key []byte) []string {
	for _, k := range keys {
		if k == string(key) {
			return keys
		}
	}
	return append(keys, string(key))
}
