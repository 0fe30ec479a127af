package rt

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestIsMultipleOfFastPath checks the float64 path against the exact one
// on values near multiples, where rounding decides.
func TestIsMultipleOfFastPath(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	ms := []float64{0.01, 0.1, 0.25, 0.3, 1, 3, 7.5, 1e-7, 1e10, 0.0001, 1.0 / 3}
	n := 0
	for range 200_000 {
		m := ms[rng.IntN(len(ms))]
		k := math.Trunc(rng.NormFloat64() * math.Pow(10, float64(rng.IntN(14))))
		v := k * m
		switch rng.IntN(4) {
		case 0:
			v = math.Nextafter(v, math.Inf(1))
		case 1:
			v += m * rng.Float64()
		case 2:
			v *= 1 + float64(rng.IntN(5)-2)*0x1p-51
		}
		if got, want := IsMultipleOf(v, m), isMultipleOfExact(v, m); got != want {
			t.Errorf("IsMultipleOf(%v, %v) = %v, exact arithmetic says %v", v, m, got, want)
			if n++; n > 10 {
				t.FailNow()
			}
		}
	}
	for _, c := range []struct {
		v, m float64
		want bool
	}{
		{0.3, 0.1, true}, {971, 0.01, true}, {0.07, 0.01, true}, {1.13, 0.01, true},
		{0.35, 0.1, false}, {5, 0, false}, {5, -1, false}, {5, math.NaN(), true},
		{math.Inf(1), 2, true}, {0, 0.3, true}, {1e300, 1e-300, true}, {6e15, 3, true},
	} {
		if got := IsMultipleOf(c.v, c.m); got != c.want {
			t.Errorf("IsMultipleOf(%v, %v) = %v, want %v", c.v, c.m, got, c.want)
		}
	}
	if n := testing.AllocsPerRun(100, func() {
		if !IsMultipleOf(1.13, 0.01) || IsMultipleOf(1.135, 0.01) {
			t.Fatal("wrong answer")
		}
	}); n != 0 {
		t.Errorf("IsMultipleOf allocates %v times on a common value", n)
	}
}

func TestUniqueScalars(t *testing.T) {
	type kind string
	a1, a2, b1 := "a", "a", "b"
	long := make([]int32, 100)
	for i := range long {
		long[i] = int32(i)
	}
	for i, tc := range []struct {
		got, want bool
	}{
		{UniqueComparable([]kind{"a", "b"}), true},
		{UniqueComparable([]kind{"a", "b", "a"}), false},
		{UniqueComparable([]bool{true, false}), true},
		{UniqueComparable(long), true},
		{UniqueComparable(append(long, 7)), false},
		{UniqueNumbers([]float64{0, math.Copysign(0, -1)}), true},
		{UniqueNumbers([]float32{1.5, 1.5}), false},
		{UniqueNumbers([]float64{}), true},
		{UniquePointees([]*string{nil, &a1, &b1}), true},
		{UniquePointees([]*string{nil, &a1, nil}), false},
		{UniquePointees([]*string{&a1, &a2}), false},
	} {
		if tc.got != tc.want {
			t.Errorf("case %d: got %v, want %v", i, tc.got, tc.want)
		}
	}
	s, f := []string{"a", "b", "c"}, []float64{1, 2, 3}
	if n := testing.AllocsPerRun(100, func() {
		if !UniqueComparable(s) || !UniqueNumbers(f) {
			t.Fatal("wrong answer")
		}
	}); n != 0 {
		t.Errorf("unique checks allocate %v times on short arrays", n)
	}
}

func TestAppendMembers(t *testing.T) {
	for _, tc := range []struct {
		obj  string
		ext  map[string]any
		want string
	}{
		{`{}`, map[string]any{"b": 1, "a": "x"}, `{"a":"x","b":1}`},
		{`{"id":"1"}`, map[string]any{"z": nil}, `{"id":"1","z":null}`},
		{`{"id":"1"}`, nil, `{"id":"1"}`},
	} {
		got, err := AppendMembers([]byte(tc.obj), tc.ext)
		if err != nil || string(got) != tc.want {
			t.Errorf("AppendMembers(%s, %v) = %s, %v; want %s", tc.obj, tc.ext, got, err, tc.want)
		}
	}
}
