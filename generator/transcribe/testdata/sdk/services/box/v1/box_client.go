package v1

// Deprecated: This function is deprecated and will be removed in the future versions.
// CreateBoxOrderOld orders a box (old).
func (c *BoxClient) CreateBoxOrderOld(request *model.CreateBoxOrderOldRequest) (*model.CreateBoxOrderOldResponse, error) {
	return nil, nil
}

// CreateBoxOrder orders a box.
func (c *BoxClient) CreateBoxOrder(request *model.CreateBoxOrderRequest) (*model.CreateBoxOrderResponse, error) {
	return nil, nil
}
