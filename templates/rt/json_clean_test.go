package rt

import (
	"encoding/json"
	"testing"
)

// TestFoldsToMemberMatchesEncodingJSON checks foldsToMember against what
// encoding/json really does: a key folds exactly when encoding/json
// decodes it into the member although it is not the member's name.
func TestFoldsToMemberMatchesEncodingJSON(t *testing.T) {
	type target struct {
		Kind   *int `json:"kind"`
		IsAuto *int `json:"is_auto"`
	}
	names := []string{"kind", "is_auto"}
	for _, key := range []string{
		"kind", "Kind", "KIND", "\u212aind", "is_auto", "IS_AUTO", "iſ_auto", "is-auto",
		"isauto", "kinds", "", "k", "\u212a", "Is_Auto", "ıs_auto",
	} {
		var got target
		data, _ := json.Marshal(map[string]int{key: 1})
		if err := json.Unmarshal(data, &got); err != nil {
			t.Fatal(err)
		}
		decoded := got.Kind != nil || got.IsAuto != nil
		exact := key == "kind" || key == "is_auto"
		if want := decoded && !exact; foldsToMember([]byte(key), names...) != want {
			t.Errorf("foldsToMember(%q) = %v, want %v (encoding/json decodes it: %v)", key, !want, want, decoded)
		}
	}
}

func TestCleanObject(t *testing.T) {
	drop := func(key []byte) bool { return foldsToMember(key, "a", "b") }
	for _, tc := range []struct{ in, want string }{
		{`{"a":1,"b":2}`, `{"a":1,"b":2}`},
		{` { "a" : 1 , "a":[2, {"a":3}] } `, `{"a":[2, {"a":3}]}`},
		{`{"A":1,"a":2,"B":{"b":1},"c":3,"c":4}`, `{"a":2,"c":4}`},
		{`{"a\u0041":1,"\u0041":2,"\u0061":3}`, `{"a\u0041":1,"\u0061":3}`},
		{`{}`, `{}`},
		{`{"a":1,`, `{"a":1,`}, // malformed: unchanged
	} {
		if got := string(cleanObject([]byte(tc.in), drop)); got != tc.want {
			t.Errorf("cleanObject(%s) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestIntegralNumbers(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		changed  bool
	}{
		{`{"a":1,"b":-2}`, `{"a":1,"b":-2}`, false},
		{`{"a":2.0,"b":"2.0","c":[1e3,1.5,-0.0,5E-1,0.5e1]}`, `{"a":2,"b":"2.0","c":[1000,1.5,-0,5E-1,5]}`, true},
		{`[1e400,1e-400,2147483647.0000000001]`, `[1e400,0,2147483647]`, true},
		{`{"k\"2.0":"\\",  "x" :3.000}`, `{"k\"2.0":"\\",  "x" :3}`, true},
		{`1e19`, `10000000000000000000`, true},
		{`1e30`, `1e30`, false},         // beyond any Go integer: left for the decoder to reject
		{`[2.0, "x`, `[2.0, "x`, false}, // malformed: unchanged, and no endless loop
	} {
		got, changed := integralNumbers([]byte(tc.in))
		if string(got) != tc.want || changed != tc.changed {
			t.Errorf("integralNumbers(%s) = %s, %v; want %s, %v", tc.in, got, changed, tc.want, tc.changed)
		}
	}
}

func TestAppendUnknown(t *testing.T) {
	var keys []string
	for _, k := range []string{"x", "y", "x", "y", "z"} {
		keys = appendUnknown(keys, []byte(k))
	}
	if len(keys) != 3 || keys[0] != "x" || keys[1] != "y" || keys[2] != "z" {
		t.Errorf("appendUnknown kept %q, want [x y z]", keys)
	}
}

func TestNullWithin(t *testing.T) {
	for _, tc := range []struct {
		raw, shape string
		want       bool
	}{
		{`[1, 2]`, "a", false},
		{`[1, null]`, "a", true},
		{`[1, null]`, "A", false},
		{`[[1], [null]]`, "a", false},
		{`[[1], [null]]`, "aa", true},
		{`[[1], null]`, "aa", true},
		{`[[1], null]`, "Aa", false},
		{` { "x" : [ 1 , null ] } `, "ma", true},
		{`{"x": null, "y": 1}`, "m", true},
		{`{"x": null}`, "a", false}, // not an array
		{`null`, "a", false},
		{`["null", "[null]"]`, "a", false},
		{`[{"a": null}]`, "a", false},
		{`[]`, "aa", false},
	} {
		if got := nullWithin([]byte(tc.raw), tc.shape); got != tc.want {
			t.Errorf("nullWithin(%s, %q) = %v, want %v", tc.raw, tc.shape, got, tc.want)
		}
	}
}
