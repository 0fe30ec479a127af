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
	files, err := types.Emit(&model.API{Source: "api.yaml", Schemas: []*model.Schema{order, mode}}, "shop")
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
	// import "unicode/utf8"
	//
	// // Validate checks t against every constraint of api.yaml #/components/schemas/Order and returns
	// // a *ValidationError listing each violation in the object, or nil.
	// func (t *Order) Validate() error {
	// 	v := violations{in: "body"}
	// 	p := rootPath()
	// 	t.validate(&v, &p)
	// 	return v.err()
	// }
	//
	// func (t *Order) validate(v *violations, p *vpath) {
	// 	if t.xIsNull {
	// 		v.add(p, "null", "must not be null")
	// 		return
	// 	}
	// 	{
	// 		c := p.child("period_type")
	// 		switch {
	// 		case t.xNull&(1<<0) != 0:
	// 			v.add(&c, "null", "must not be null")
	// 		case t.xMissing&(1<<0) != 0:
	// 			v.add(&c, "required", "is required")
	// 		default:
	// 			t.PeriodType.validate(v, &c)
	// 		}
	// 	}
	// 	{
	// 		c := p.child("name")
	// 		switch {
	// 		case t.xNull&(1<<1) != 0:
	// 			v.add(&c, "null", "must not be null")
	// 		default:
	// 			if x := t.Name; x != nil {
	// 				x := *x
	// 				{
	// 					n := utf8.RuneCountInString(string(x))
	// 					if n > 64 {
	// 						v.add(&c, "maxLength", "length must be at most 64 characters")
	// 					}
	// 				}
	// 			}
	// 		}
	// 	}
	// }
	//
	// // Validate checks t against every constraint of api.yaml #/components/schemas/PeriodType and returns
	// // a *ValidationError listing each violation in the value, or nil.
	// func (t PeriodType) Validate() error {
	// 	v := violations{in: "body"}
	// 	p := rootPath()
	// 	t.validate(&v, &p)
	// 	return v.err()
	// }
	//
	// func (t PeriodType) validate(v *violations, p *vpath) {
	// 	if !t.Valid() {
	// 		v.add(p, "enum", "must be one of 2, 3")
	// 	}
	// }
	// end
}
