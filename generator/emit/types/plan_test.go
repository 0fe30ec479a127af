package types_test

import (
	"github.com/hwcorder/ordergen/generator/model"
	"github.com/hwcorder/ordergen/generator/plan"
)

// mustPlan plans api as package pkg, importable as example.com/pkg.
func mustPlan(api *model.API, pkg string) *plan.Package {
	p, err := plan.Build(api, pkg, "example.com/"+pkg)
	if err != nil {
		panic(err)
	}
	return p
}
