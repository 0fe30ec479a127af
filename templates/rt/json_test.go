package rt

import (
	"strings"
	"testing"
)

type member struct {
	key  string
	null bool
	val  string
}

func scanAll(data string) ([]member, error) {
	var out []member
	sc := newObjScanner([]byte(data))
	for sc.next() {
		out = append(out, member{string(sc.name()), sc.null, string(sc.value())})
	}
	return out, sc.err
}

func TestObjScanner(t *testing.T) {
	got, err := scanAll(` { "a" : 1, "b":null ,"c":{"x":[1,"]}",{}]}, "d\"e":"s\\"} `)
	if err != nil {
		t.Fatal(err)
	}
	want := []member{{"a", false, "1"}, {"b", true, "null"}, {"c", false, `{"x":[1,"]}",{}]}`}, {`d"e`, false, `"s\\"`}}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("member %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestObjScannerEscapedKey(t *testing.T) {
	got, err := scanAll(`{"\u0061b":1}`)
	if err != nil || len(got) != 1 || got[0].key != "ab" {
		t.Fatalf("got %v, %v; want key ab", got, err)
	}
}

func TestObjScannerMalformed(t *testing.T) {
	for _, in := range []string{``, `[`, `{`, `{"a"`, `{"a":`, `{"a":"x`, `{"a":{"b":1}`, `{1:2}`, `{"a" 1}`, `{"a":[1,2}`} {
		if _, err := scanAll(in); err == nil {
			t.Errorf("%q: no error", in)
		}
	}
}

func TestIsNull(t *testing.T) {
	for in, want := range map[string]bool{"null": true, "  null ": true, "nul": false, `"null"`: false, "{}": false, "": false} {
		if got := isNull([]byte(in)); got != want {
			t.Errorf("isNull(%q) = %v", in, got)
		}
	}
}

func TestFirstNullElem(t *testing.T) {
	for in, want := range map[string]int{`[]`: -1, `[1,2]`: -1, `[null]`: 0, `[ "a" , null ]`: 1, `["null", [null], {"a":null}, null]`: 3, `{}`: -1, `[`: -1} {
		if got := firstNullElem([]byte(in)); got != want {
			t.Errorf("firstNullElem(%q) = %d, want %d", in, got, want)
		}
	}
}

func FuzzObjScanner(f *testing.F) {
	f.Add([]byte(`{"a":[1,{"b":"\""}],"c":null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		sc := newObjScanner(data)
		for n := 0; sc.next(); n++ {
			if n > len(data) {
				t.Fatal("scanner does not advance")
			}
			_ = sc.name()
		}
		firstNullElem(data)
	})
}

func TestPathAndErrors(t *testing.T) {
	root := rootPath()
	a := root.child("product_infos")
	b := a.elem(0)
	c := b.child("a/b~c")
	var v violations
	v.in = "body"
	v.add(&c, "required", "is required")
	v.add(&root, "null", "must not be null")
	err := v.err().(*ValidationError)
	want := "invalid request: 2 violations\n\t/product_infos/0/a~1b~0c: required: is required\n\tbody: null: must not be null"
	if err.Error() != want {
		t.Errorf("got %q\nwant %q", err.Error(), want)
	}
	var empty violations
	if empty.err() != nil {
		t.Error("no violations must give a nil error")
	}
	p := violations{in: "query"}
	p.addParam("limit", "maximum", "must be at most 10")
	if got := p.err().Error(); got != `invalid request: query parameter "limit": maximum: must be at most 10` {
		t.Errorf("got %q", got)
	}
	if !strings.Contains(p.err().Error(), "limit") {
		t.Error("parameter name missing")
	}
}

func TestIsMultipleOf(t *testing.T) {
	cases := []struct {
		v, m float64
		want bool
	}{{10, 5, true}, {10, 3, false}, {0.3, 0.1, true}, {0.35, 0.1, false}, {1.5, 0.5, true}, {7, 0, false}} // 0.3 within rounding of 3*0.1, as kin-openapi accepts
	for _, c := range cases {
		if got := isMultipleOf(c.v, c.m); got != c.want {
			t.Errorf("isMultipleOf(%v, %v) = %v", c.v, c.m, got)
		}
	}
}

func TestUniqueItems(t *testing.T) {
	if !uniqueItems([]int{1, 2, 3}) || uniqueItems([]string{"a", "b", "a"}) {
		t.Error("uniqueItems wrong")
	}
}
