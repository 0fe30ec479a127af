package main

import (
	"fmt"
	"strings"
)

// unifiedDiff returns the unified diff (three lines of context) that turns
// a into b, with --- and +++ lines naming them; "" when they are equal.
// It finds a shortest edit script with Myers' algorithm; past maxEdits
// edits it gives up on the middle and replaces it whole, which is still a
// correct diff, only a long one.
func unifiedDiff(aName, bName string, a, b []byte) string {
	if string(a) == string(b) {
		return ""
	}
	al, bl := strings.SplitAfter(string(a), "\n"), strings.SplitAfter(string(b), "\n")
	if al[len(al)-1] == "" {
		al = al[:len(al)-1]
	}
	if bl[len(bl)-1] == "" {
		bl = bl[:len(bl)-1]
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "--- %s\n+++ %s\n", aName, bName)
	writeHunks(&sb, al, bl, editScript(al, bl))
	return sb.String()
}

// op is one line of an edit script: ' ' kept, '-' deleted from a, '+'
// inserted from b.
type op struct {
	kind byte
	line string
}

// maxEdits bounds the search, so that memory stays O(maxEdits²).
const maxEdits = 1000

// editScript returns the lines of a and b as kept, deleted and inserted.
func editScript(a, b []string) []op {
	// Common prefix and suffix first: generated files change in places.
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	s := 0
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	var out []op
	for _, l := range a[:p] {
		out = append(out, op{' ', l})
	}
	out = append(out, myers(a[p:len(a)-s], b[p:len(b)-s])...)
	for _, l := range a[len(a)-s:] {
		out = append(out, op{' ', l})
	}
	return out
}

// myers is Myers' O(ND) shortest edit script, keeping the V array of each
// step for the walk back.
func myers(a, b []string) []op {
	n, m := len(a), len(b)
	// v[k] is the furthest x on diagonal k; trace[d] holds v for k in
	// [-d-1, d+1] as it was before step d, at index k+d+1.
	v := map[int]int{1: 0}
	var trace [][]int
	found := -1
	for d := 0; d <= n+m && d <= maxEdits && found < 0; d++ {
		saved := make([]int, 2*d+3)
		for k := -d - 1; k <= d+1; k++ {
			saved[k+d+1] = v[k]
		}
		trace = append(trace, saved)
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[k-1] < v[k+1]) {
				x = v[k+1]
			} else {
				x = v[k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[k] = x
			if x >= n && y >= m {
				found = d
				break
			}
		}
	}
	if found < 0 { // too many edits: replace the whole middle
		out := make([]op, 0, n+m)
		for _, l := range a {
			out = append(out, op{'-', l})
		}
		for _, l := range b {
			out = append(out, op{'+', l})
		}
		return out
	}
	var rev []op
	x, y := n, m
	for d := found; d >= 0; d-- {
		tv := func(k int) int { return trace[d][k+d+1] }
		k := x - y
		var pk int
		if k == -d || (k != d && tv(k-1) < tv(k+1)) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := tv(pk)
		py := px - pk
		for x > px && y > py {
			rev = append(rev, op{' ', a[x-1]})
			x, y = x-1, y-1
		}
		if d > 0 {
			if x == px {
				rev = append(rev, op{'+', b[y-1]})
			} else {
				rev = append(rev, op{'-', a[x-1]})
			}
		}
		x, y = px, py
	}
	out := make([]op, len(rev))
	for i, o := range rev {
		out[len(rev)-1-i] = o
	}
	return out
}

// context is the number of unchanged lines shown around a change.
const context = 3

// writeHunks prints the edit script as @@ hunks.
func writeHunks(sb *strings.Builder, a, b []string, ops []op) {
	// aPos[i], bPos[i]: lines of a and b before ops[i].
	aPos, bPos := make([]int, len(ops)+1), make([]int, len(ops)+1)
	var changes []int
	for i, o := range ops {
		aPos[i+1], bPos[i+1] = aPos[i], bPos[i]
		if o.kind != '+' {
			aPos[i+1]++
		}
		if o.kind != '-' {
			bPos[i+1]++
		}
		if o.kind != ' ' {
			changes = append(changes, i)
		}
	}
	for i := 0; i < len(changes); {
		j := i
		for j+1 < len(changes) && changes[j+1]-changes[j]-1 <= 2*context {
			j++
		}
		from, to := max(changes[i]-context, 0), min(changes[j]+context+1, len(ops))
		fmt.Fprintf(sb, "@@ -%s +%s @@\n", span(aPos[from], aPos[to]-aPos[from]), span(bPos[from], bPos[to]-bPos[from]))
		for _, o := range ops[from:to] {
			sb.WriteByte(o.kind)
			sb.WriteString(o.line)
			if !strings.HasSuffix(o.line, "\n") {
				sb.WriteString("\n\\ No newline at end of file\n")
			}
		}
		i = j + 1
	}
}

// span renders a hunk range: start,count with 1-based start, the line
// before when count is 0, count left out when it is 1.
func span(start, count int) string {
	switch count {
	case 0:
		return fmt.Sprintf("%d,0", start)
	case 1:
		return fmt.Sprint(start + 1)
	}
	return fmt.Sprintf("%d,%d", start+1, count)
}
