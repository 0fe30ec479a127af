package types_test

import (
	"fmt"
	"os"

	"github.com/hwcorder/ordergen/generator/emit/types"
	"github.com/hwcorder/ordergen/generator/model"
)

// Example shows the struct the emitter writes for an object schema with a
// required enum member and an optional length-limited string.
func Example() {
	max := int64(64)
	mode := &model.Schema{
		GoName: "PeriodType", Kind: model.KindInteger, Format: "int32", Pointer: "#/components/schemas/PeriodType",
		Enum: []model.EnumValue{{Value: int64(2), GoName: "PeriodTypeMonth"}, {Value: int64(3), GoName: "PeriodTypeYear"}},
	}
	order := &model.Schema{
		Name: "Order", GoName: "Order", Kind: model.KindObject, Description: "An order.", Pointer: "#/components/schemas/Order",
		Properties: []*model.Property{
			{Name: "period_type", GoName: "PeriodType", Required: true, Schema: mode},
			{Name: "name", GoName: "Name", Schema: &model.Schema{Kind: model.KindString, MaxLength: &max}},
		},
	}
	files, err := types.Emit(mustPlan(&model.API{Source: "api.yaml", Schemas: []*model.Schema{order, mode}}, "shop"))
	if err != nil {
		panic(err)
	}
	for _, f := range files {
		if f.Name == "validate.gen.go" {
			if err := f.Code.Render(os.Stdout); err != nil {
				panic(err)
			}
		}
	}
	fmt.Println("end")
	// Output:
	// package shop
	//
	// import (
	// 	"github.com/hwcorder/ordergen/rt"
	// 	"unicode/utf8"
	// )
	//
	// // Validate checks t against every constraint of api.yaml #/components/schemas/Order and returns
	// // a *ValidationError listing each violation in the object, or nil. It judges
	// // the values t holds, as they would be encoded: a nil required slice is missing.
	// func (t *Order) Validate() error {
	// 	v := rt.Violations{In: "body"}
	// 	p := rt.Root()
	// 	t.validate(&v, &p)
	// 	return v.Err()
	// }
	//
	// func (t *Order) validate(v *rt.Violations, p *rt.Path) {
	// 	{
	// 		c := p.Child("period_type")
	// 		t.PeriodType.validate(v, &c)
	// 	}
	// 	{
	// 		c := p.Child("name")
	// 		if x := t.Name; x != nil {
	// 			x := *x
	// 			{
	// 				n := utf8.RuneCountInString(string(x))
	// 				if n > 64 {
	// 					v.Add(&c, "maxLength", "length must be at most 64 characters")
	// 				}
	// 			}
	// 		}
	// 	}
	// }
	//
	// // Validate checks t against every constraint of api.yaml #/components/schemas/PeriodType and returns
	// // a *ValidationError listing each violation in the value, or nil. It judges
	// // the values t holds, as they would be encoded: a nil required slice is missing.
	// func (t PeriodType) Validate() error {
	// 	v := rt.Violations{In: "body"}
	// 	p := rt.Root()
	// 	t.validate(&v, &p)
	// 	return v.Err()
	// }
	//
	// func (t PeriodType) validate(v *rt.Violations, p *rt.Path) {
	// 	if !(t).Valid() {
	// 		v.Add(p, "enum", "must be one of 2, 3")
	// 	}
	// }
	// end
}
