package main

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

func TestUnifiedDiffExample(t *testing.T) {
	a := "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n"
	b := "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk"
	want := "--- old\n+++ new\n" +
		"@@ -1,5 +1,5 @@\n a\n-b\n+B\n c\n d\n e\n" +
		"@@ -8,3 +8,4 @@\n h\n i\n j\n+k\n\\ No newline at end of file\n"
	if got := unifiedDiff("old", "new", []byte(a), []byte(b)); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got := unifiedDiff("old", "new", []byte(a), []byte(a)); got != "" {
		t.Errorf("equal inputs: %q", got)
	}
}

// TestUnifiedDiffApplies is the property test: for random pairs of texts,
// applying the diff to the first gives the second, every hunk header
// counts its lines right, and the number of changed lines is minimal
// (it equals len(a)+len(b)-2*LCS, computed here by dynamic programming).
func TestUnifiedDiffApplies(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	text := func() []string {
		n := rng.IntN(40)
		lines := make([]string, n)
		for i := range lines {
			lines[i] = string(rune('a'+rng.IntN(5))) + "\n"
		}
		if n > 0 && rng.IntN(4) == 0 {
			lines[n-1] = strings.TrimSuffix(lines[n-1], "\n")
		}
		return lines
	}
	for i := range 2000 {
		a, b := text(), text()
		d := unifiedDiff("a", "b", []byte(strings.Join(a, "")), []byte(strings.Join(b, "")))
		got, changed, err := apply(a, d)
		if err != nil || strings.Join(got, "") != strings.Join(b, "") {
			t.Fatalf("case %d: %v\na=%q\nb=%q\ndiff:\n%s\napplied: %q", i, err, a, b, d, got)
		}
		if want := len(a) + len(b) - 2*lcs(a, b); changed != want {
			t.Fatalf("case %d: %d lines changed, shortest is %d\n%s", i, changed, want, d)
		}
	}
}

// apply applies a unified diff made by unifiedDiff to a, checking each
// hunk's header and context; it returns the result and the number of
// deleted plus inserted lines.
func apply(a []string, d string) ([]string, int, error) {
	if d == "" {
		return a, 0, nil
	}
	lines := strings.SplitAfter(d, "\n")
	lines = lines[2 : len(lines)-1] // --- and +++; the empty tail
	var out []string
	pos, changed := 0, 0
	for i := 0; i < len(lines); {
		var as, al, bs, bl int
		h := strings.TrimSuffix(lines[i], "\n")
		if _, err := fmt.Sscanf(h, "@@ -%s +%s @@", new(string), new(string)); err != nil {
			return nil, 0, fmt.Errorf("bad hunk header %q", h)
		}
		f := strings.Fields(h)
		as, al = rangeOf(f[1][1:])
		bs, bl = rangeOf(f[2][1:])
		_ = bs
		i++
		if al > 0 {
			as--
		}
		if as < pos {
			return nil, 0, fmt.Errorf("hunk %q overlaps", h)
		}
		out = append(out, a[pos:as]...)
		pos = as
		na, nb := 0, 0
		for i < len(lines) && !strings.HasPrefix(lines[i], "@@") {
			l := lines[i]
			i++
			if i < len(lines) && lines[i] == "\\ No newline at end of file\n" {
				l = strings.TrimSuffix(l, "\n")
				i++
			}
			switch l[0] {
			case ' ', '-':
				if pos >= len(a) || a[pos] != l[1:] {
					return nil, 0, fmt.Errorf("line %d of a is not %q", pos+1, l[1:])
				}
				pos++
				na++
				if l[0] == ' ' {
					out = append(out, l[1:])
					nb++
				} else {
					changed++
				}
			case '+':
				out = append(out, l[1:])
				nb++
				changed++
			}
		}
		if na != al || nb != bl {
			return nil, 0, fmt.Errorf("hunk %q has %d/%d lines", h, na, nb)
		}
	}
	return append(out, a[pos:]...), changed, nil
}

func rangeOf(s string) (start, count int) {
	first, rest, ok := strings.Cut(s, ",")
	start, _ = strconv.Atoi(first)
	if !ok {
		return start, 1
	}
	count, _ = strconv.Atoi(rest)
	return start, count
}

func lcs(a, b []string) int {
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	return dp[0][0]
}
