package model

// CreateBoxOrderRequest Request Object
type CreateBoxOrderRequest struct {
	EnterpriseProjectId *string `json:"enterprise_project_id,omitempty"`

	Body *BoxOrderBody `json:"body,omitempty"`
}
