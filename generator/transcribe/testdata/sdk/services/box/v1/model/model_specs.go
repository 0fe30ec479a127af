package model

// BoxSpec is declared in a file whose name is not model_box_spec.go, as
// some SDK models are.
type BoxSpec struct {
	Code string `json:"code"`

	Size *int32 `json:"size,omitempty"`
}
