package rt

import "encoding/json"

// Nullable holds an optional object member whose schema allows null: the
// member is absent (the zero value, left out of the JSON by omitzero), null
// (Set and Null), or present with Value (Set).
type Nullable[T any] struct {
	Value T
	Set   bool // the member is present
	Null  bool // the member is present and null
}

// Some returns a present, non-null member holding v.
func Some[T any](v T) Nullable[T] { return Nullable[T]{Value: v, Set: true} }

// Null returns a present member that is null.
func Null[T any]() Nullable[T] { return Nullable[T]{Set: true, Null: true} }

// Get returns the value and whether there is one (present and not null).
func (n Nullable[T]) Get() (T, bool) { return n.Value, n.Set && !n.Null }

// IsZero reports whether the member is absent, for the omitzero option.
func (n Nullable[T]) IsZero() bool { return !n.Set }

// MarshalJSON writes null or the value.
func (n Nullable[T]) MarshalJSON() ([]byte, error) {
	if !n.Set || n.Null {
		return []byte("null"), nil
	}
	return json.Marshal(n.Value)
}

// UnmarshalJSON reads null or a value, for callers that decode with
// encoding/json; the generated decoders fill the fields directly.
func (n *Nullable[T]) UnmarshalJSON(data []byte) error {
	*n = Nullable[T]{Set: true}
	if string(data) == "null" {
		n.Null = true
		return nil
	}
	return json.Unmarshal(data, &n.Value)
}
