package rt

import (
	"encoding/json"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"
)

// Violation is one rule a value breaks.
type Violation struct {
	// In is where the value was: "body", "path", "query" or "header".
	In string
	// Pointer is the JSON pointer of the value in the body ("" for the
	// body itself), or the parameter name for path, query and header.
	Pointer string
	// Rule names the broken rule as the spec calls it: required, null,
	// type, enum, minimum, maximum, exclusiveMinimum, exclusiveMaximum,
	// multipleOf, minLength, maxLength, pattern, minItems, maxItems,
	// UniqueItems, additionalProperties.
	Rule string
	// Message says what the rule wants; it never repeats a secret value.
	Message string
}

// String renders v as "in pointer: rule: message".
func (v Violation) String() string {
	where := v.Pointer
	switch {
	case v.In != "body":
		where = v.In + " parameter " + strconv.Quote(v.Pointer)
	case where == "":
		where = "body"
	}
	return where + ": " + v.Rule + ": " + v.Message
}

// ValidationError lists every violation found in one value, in the order
// the validator met them. Use errors.As to get it from an error.
type ValidationError struct {
	Violations []Violation
}

// Error joins the violations, one per line after the first.
func (e *ValidationError) Error() string {
	if len(e.Violations) == 1 {
		return "invalid request: " + e.Violations[0].String()
	}
	var b strings.Builder
	b.WriteString("invalid request: ")
	b.WriteString(strconv.Itoa(len(e.Violations)))
	b.WriteString(" violations")
	for _, v := range e.Violations {
		b.WriteString("\n\t")
		b.WriteString(v.String())
	}
	return b.String()
}

// Path is a JSON pointer under construction, kept on the stack of the
// validating functions and turned into a string only for a violation, so
// that validating a valid value allocates nothing.
type Path struct {
	parent *Path
	key    string // object member; used when index < 0
	index  int    // array element, or -1
}

// Child returns the path of member key below p.
func (p *Path) Child(key string) Path { return Path{parent: p, key: key, index: -1} }

// Elem returns the path of element i below p.
func (p *Path) Elem(i int) Path { return Path{parent: p, index: i} }

// String renders p as an RFC 6901 JSON pointer.
func (p *Path) String() string {
	var b strings.Builder
	p.write(&b)
	return b.String()
}

// write appends p to b, parents first. It keeps no reference to p, so the
// paths of the validating functions stay on their stacks.
func (p *Path) write(b *strings.Builder) {
	if p == nil || (p.parent == nil && p.key == "" && p.index < 0) {
		return // the root
	}
	p.parent.write(b)
	b.WriteByte('/')
	if p.index >= 0 {
		var num [20]byte
		b.Write(strconv.AppendInt(num[:0], int64(p.index), 10))
		return
	}
	for i := 0; i < len(p.key); i++ {
		switch c := p.key[i]; c {
		case '~':
			b.WriteString("~0")
		case '/':
			b.WriteString("~1")
		default:
			b.WriteByte(c)
		}
	}
}

// Root returns the path of a value itself.
func Root() Path { return Path{index: -1} }

// Violations collects violations; its zero value is ready and allocates
// only when a violation is added.
type Violations struct {
	In   string // where the values are: body, path, query or header
	list []Violation
}

// Add records that the value at p breaks rule.
func (v *Violations) Add(p *Path, rule, msg string) {
	v.list = append(v.list, Violation{In: v.In, Pointer: p.String(), Rule: rule, Message: msg})
}

// AddParam records that parameter name (located in v.In) breaks rule.
func (v *Violations) AddParam(name, rule, msg string) {
	v.list = append(v.list, Violation{In: v.In, Pointer: name, Rule: rule, Message: msg})
}

// SortFrom sorts the violations added since the list had length start by
// pointer, so that those found ranging over a map come out in a stable
// order. Equal pointers keep their order.
func (v *Violations) SortFrom(start int) {
	if len(v.list)-start > 1 {
		slices.SortStableFunc(v.list[start:], func(a, b Violation) int { return strings.Compare(a.Pointer, b.Pointer) })
	}
}

// Len returns how many violations were collected so far.
func (v *Violations) Len() int { return len(v.list) }

// Err returns nil or the *ValidationError holding what was collected.
func (v *Violations) Err() error {
	if len(v.list) == 0 {
		return nil
	}
	return &ValidationError{Violations: v.list}
}

// IsMultipleOf reports whether value is a multiple of m as kin-openapi
// decides it: the exact quotient of the two float64 values is an integer,
// or value lies within |value|*2^-51 of a multiple of m, which absorbs the
// rounding of decimal fractions (0.3 is a multiple of 0.1). A NaN or
// infinite m or value constrains nothing; m <= 0 allows nothing. The common
// case is decided in float64 arithmetic without allocating; only values
// within a hair of the tolerance, or with huge quotients, take exact
// rational arithmetic.
func IsMultipleOf(value, m float64) bool {
	switch {
	case math.IsNaN(m) || math.IsInf(m, 0):
		return true
	case m <= 0:
		return false
	case math.IsNaN(value) || math.IsInf(value, 0) || value == 0:
		return true
	}
	if q := value / m; math.Abs(q) < 1<<40 && math.Abs(value) > 0x1p-900 {
		// FMA rounds the exact distance to the nearest multiple once, so
		// only a distance within a relative 2^-40 of the tolerance is unsure.
		gap := math.Abs(math.FMA(-math.Round(q), m, value))
		tol := math.Abs(value) * 0x1p-51
		switch {
		case gap <= tol*(1-0x1p-40):
			return true
		case gap >= tol*(1+0x1p-40):
			return false
		}
	}
	return isMultipleOfExact(value, m)
}

// isMultipleOfExact is IsMultipleOf in exact rational arithmetic, the way
// kin-openapi computes it.
func isMultipleOfExact(value, m float64) bool {
	exact := new(big.Rat).SetFloat64(value)
	mul := new(big.Rat).SetFloat64(m)
	q := new(big.Rat).Quo(exact, mul)
	if q.IsInt() {
		return true
	}
	floor := new(big.Int).Div(q.Num(), q.Denom())
	var dist *big.Rat
	for _, k := range []*big.Int{floor, new(big.Int).Add(floor, big.NewInt(1))} {
		gap := new(big.Rat).Sub(exact, new(big.Rat).Mul(new(big.Rat).SetInt(k), mul))
		gap.Abs(gap)
		if dist == nil || gap.Cmp(dist) < 0 {
			dist = gap
		}
	}
	tol := new(big.Rat).Mul(new(big.Rat).Abs(exact), new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Lsh(big.NewInt(1), 51)))
	return dist.Cmp(tol) <= 0
}

// UniqueItems reports whether no two items of s encode to the same JSON.
func UniqueItems[T any](s []T) bool {
	seen := make(map[string]struct{}, len(s))
	for _, item := range s {
		b, err := json.Marshal(item)
		if err != nil {
			return false
		}
		if _, dup := seen[string(b)]; dup {
			return false
		}
		seen[string(b)] = struct{}{}
	}
	return true
}

// UniqueComparable is UniqueItems for strings, integers and booleans. Up
// to 64 items are compared pairwise, which allocates nothing.
func UniqueComparable[T comparable](s []T) bool {
	if len(s) > 64 {
		seen := make(map[T]struct{}, len(s))
		for _, v := range s {
			if _, dup := seen[v]; dup {
				return false
			}
			seen[v] = struct{}{}
		}
		return true
	}
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[i] == s[j] {
				return false
			}
		}
	}
	return true
}

// UniquePointees is UniqueComparable for nullable items, held as pointers:
// two nulls are equal, as are two pointers to equal values. Longer arrays
// go through UniqueItems.
func UniquePointees[T comparable](s []*T) bool {
	if len(s) > 64 {
		return UniqueItems(s)
	}
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			a, b := s[i], s[j]
			if a == b || a != nil && b != nil && *a == *b {
				return false
			}
		}
	}
	return true
}

// UniqueNumbers is UniqueItems for floating-point numbers, compared by
// their bits: 0 and -0 differ, as their JSON texts do.
func UniqueNumbers[T ~float32 | ~float64](s []T) bool {
	bits := make([]uint64, 0, 64)
	if len(s) > cap(bits) {
		bits = make([]uint64, 0, len(s))
	}
	for _, v := range s {
		bits = append(bits, math.Float64bits(float64(v)))
	}
	return UniqueComparable(bits)
}

// JSONText renders v as JSON for String methods; v is already redacted.
func JSONText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "<" + err.Error() + ">"
	}
	return string(b)
}

// Redacted replaces a secret for printing.
const Redacted = "******"

// escapePointer escapes ~ and / in a JSON pointer token, as RFC 6901 asks.
func escapePointer(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}
