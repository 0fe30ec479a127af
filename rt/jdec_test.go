package rt

import (
	"encoding/binary"
	"encoding/json"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// validSkip reports whether Decoder accepts data as one JSON value.
func validSkip(data []byte) bool {
	d := NewDecoder(data)
	d.Skip()
	return d.End() == nil
}

func TestSyntaxLikeEncodingJSON(t *testing.T) {
	for _, in := range []string{
		`{}`, `[]`, `{"a":1}`, `[1,2]`, `{"a":[1,{"b":null}]}`, ` "x" `, `-0`, `1.5e-3`, `true`,
		``, `{`, `[1,]`, `{"a":1,}`, `{,}`, `[,1]`, `01`, `1.`, `.5`, `-`, `1e`, `"\x"`, "\"\x01\"",
		`{"a" 1}`, `{1:2}`, `[1 2]`, `nul`, `truex`, `"abc`, `{"a":1}}`, `[1]]`, `"\ud800"`, `"\u12"`,
	} {
		if got, want := validSkip([]byte(in)), json.Valid([]byte(in)); got != want {
			t.Errorf("%q: Decoder accepts %v, encoding/json %v", in, got, want)
		}
	}
}

func TestStrings(t *testing.T) {
	for _, in := range []string{
		`"plain"`, `"中文😀"`, `"a\"b\\c\/d\b\f\n\r\t"`, `"\u0041\u00e9\u4e2d"`, `"\ud83d\ude00"`,
		`"\ud800"`, `"\ud800\u0041"`, `"\udc00"`, "\"\xff\xfe\"", "\"a\xc3\"",
	} {
		var want string
		if err := json.Unmarshal([]byte(in), &want); err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		d := NewDecoder([]byte(in))
		if got := d.Str(); got != want || d.End() != nil {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
}

func TestIntegers(t *testing.T) {
	for in, want := range map[string]int64{"0": 0, "-7": -7, "2.0": 2, "2e3": 2000, "25e-1": -1, "2147483647": math.MaxInt32, "2147483648": -1, "-2147483649": -1, "1.5": -1, `"1"`: -1} {
		d := NewDecoder([]byte(in))
		got := int64(d.Int32())
		err := d.End()
		if want == -1 {
			if err == nil {
				t.Errorf("%s: no error", in)
			}
			continue
		}
		if err != nil || got != want {
			t.Errorf("%s: got %d, %v; want %d", in, got, err, want)
		}
	}
	d := NewDecoder([]byte("9223372036854775807"))
	if got := d.Int64(); got != math.MaxInt64 || d.End() != nil {
		t.Errorf("max int64: %d", got)
	}
}

func TestTypeErrorPointerAndRepeatedKeys(t *testing.T) {
	decode := func(in string) error {
		d := NewDecoder([]byte(in))
		if d.Object() {
			for n, start, seen := 0, 0, map[string]bool{}; d.Member(&n); {
				if seen[string(d.key)] {
					d.Repeated(start)
				}
				seen[string(d.key)] = true
				d.Int32()
			}
		}
		return d.End()
	}
	err := decode(`{"a":1,"b":"x"}`)
	if ve, ok := err.(*ValidationError); !ok || len(ve.Violations) != 1 || ve.Violations[0].Pointer != "/b" || ve.Violations[0].String() != `/b: type: must be an integer (int32), not a string` {
		t.Errorf("got %v", err)
	}
	if err := decode(`{"a":"x","a":1}`); err != nil {
		t.Errorf("a repeated key's last value counts: %v", err)
	}
	if err := decode(`{"a":1,"a":"x"}`); err == nil {
		t.Error("the last value of a repeated key is checked")
	}
	if de, ok := decode(`{"a":"x",}`).(*DecodeError); !ok || !de.Syntax {
		t.Errorf("a type error in broken JSON is a syntax error: %v", de)
	}
}

func FuzzJdec(f *testing.F) {
	for _, s := range []string{`{"a":[1,"x",{"b":null}]}`, `"\ud83d\ude00"`, `[1e5,-0.5,true]`, `{"a":1,"a":2}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if got, want := validSkip(data), json.Valid(data); got != want {
			t.Fatalf("%q: Decoder accepts %v, encoding/json %v", data, got, want)
		}
		var want string
		if json.Unmarshal(data, &want) == nil {
			d := NewDecoder(data)
			if got := d.Str(); got != want || d.End() != nil {
				t.Fatalf("%q: got %q, want %q", data, got, want)
			}
		}
	})
}

// TestStringsOutliveInput: strings share one copy of the input, so a
// caller reusing its buffer after decoding changes no decoded value, and
// pointers from the shared blocks are distinct.
func TestStringsOutliveInput(t *testing.T) {
	data := []byte(`["ab","c\u0064","ef","gh"]`)
	d := NewDecoder(data)
	var got []string
	var ptrs []*string
	d.Array()
	for n := 0; d.Elem(&n); {
		if n%2 == 0 {
			ptrs = append(ptrs, d.StrPtr())
		} else {
			got = append(got, d.Str())
		}
	}
	if err := d.End(); err != nil {
		t.Fatal(err)
	}
	for i := range data {
		data[i] = 'z'
	}
	if len(got) != 2 || got[0] != "ab" || got[1] != "ef" || *ptrs[0] != "cd" || *ptrs[1] != "gh" || ptrs[0] == ptrs[1] {
		t.Errorf("got %q, %q, %q after the input changed", got, *ptrs[0], *ptrs[1])
	}
}

// TestPlain8 checks the word-at-a-time test against the byte-by-byte one
// on every byte value at every position, and on random words.
func TestPlain8(t *testing.T) {
	plainByte := func(c byte) bool { return c != '"' && c != '\\' && c >= 0x20 && c < 0x80 }
	check := func(w [8]byte) {
		want := true
		for _, c := range w {
			want = want && plainByte(c)
		}
		if got := plain8(binary.LittleEndian.Uint64(w[:])); got != want {
			t.Fatalf("plain8(%q) = %v, want %v", w[:], got, want)
		}
	}
	for pos := 0; pos < 8; pos++ {
		for c := 0; c < 256; c++ {
			w := [8]byte{'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'}
			w[pos] = byte(c)
			check(w)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		var w [8]byte
		for i := range w {
			w[i] = byte(r.IntN(256))
			if r.IntN(3) > 0 {
				w[i] = byte(0x20 + r.IntN(0x60))
			}
		}
		check(w)
	}
}

// TestIntegerAgainstReference: Int32 and Int64 (fast path and general
// path alike) accept exactly the JSON numbers with an integral value in
// range, and read their value, on random number-like texts.
func TestIntegerAgainstReference(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	alphabet := "0123456789-.eE+"
	for range 100000 {
		n := 1 + r.IntN(22)
		b := make([]byte, n)
		for i := range b {
			if r.IntN(4) == 0 {
				b[i] = alphabet[r.IntN(len(alphabet))]
			} else {
				b[i] = byte('0' + r.IntN(10))
			}
		}
		text := string(b)
		for _, tc := range []struct {
			bits   int
			lo, hi int64
		}{{32, math.MinInt32, math.MaxInt32}, {64, math.MinInt64, math.MaxInt64}} {
			var want int64
			ok := json.Valid(b)
			if ok {
				f, err := strconv.ParseFloat(text, 64)
				ok = err == nil && f == math.Trunc(f) && f >= float64(tc.lo) && f <= float64(tc.hi)
				if ok {
					if i, err := strconv.ParseInt(text, 10, 64); err == nil {
						want = i
					} else {
						want = int64(f)
						ok = f < 9.2e18 // beyond, float64 cannot say which int64
					}
				}
			}
			for _, wrapped := range []string{text, "[" + text + "]"} {
				d := NewDecoder([]byte(wrapped))
				var got int64
				if wrapped[0] == '[' {
					d.Array()
					for m := 0; d.Elem(&m); {
						got = d.integer(tc.lo, tc.hi, "an integer")
					}
				} else {
					got = d.integer(tc.lo, tc.hi, "an integer")
				}
				err := d.End()
				if ok && (err != nil || got != want) {
					t.Fatalf("%s (%d bits): got %d, %v; want %d", wrapped, tc.bits, got, err, want)
				}
				if !ok && err == nil && json.Valid(b) {
					f, _ := strconv.ParseFloat(text, 64)
					if f < 9.2e18 && f > -9.2e18 {
						t.Fatalf("%s (%d bits): accepted %d", wrapped, tc.bits, got)
					}
				}
			}
		}
	}
}
