package model

import (
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdktime"
)

// BoxOrderBody is the body of CreateBoxOrder.
type BoxOrderBody struct {
	PeriodType BoxOrderBodyPeriodType `json:"period_type"`

	PeriodNum int32 `json:"period_num"`

	Name string `json:"name"`

	Count *int64 `json:"count,omitempty"`

	Zones *[]string `json:"zones,omitempty"`

	Spec *BoxSpec `json:"spec,omitempty"`

	Level *BoxOrderBodyLevel `json:"level,omitempty"`

	Labels map[string]string `json:"labels,omitempty"`

	Extra *interface{} `json:"extra,omitempty"`

	StartTime *sdktime.SdkTime `json:"start_time,omitempty"`
}

type BoxOrderBodyPeriodType struct {
	value string
}

type BoxOrderBodyPeriodTypeEnum struct {
	MONTH BoxOrderBodyPeriodType
	YEAR  BoxOrderBodyPeriodType
}

func GetBoxOrderBodyPeriodTypeEnum() BoxOrderBodyPeriodTypeEnum {
	return BoxOrderBodyPeriodTypeEnum{
		MONTH: BoxOrderBodyPeriodType{
			value: "month",
		},
		YEAR: BoxOrderBodyPeriodType{
			value: "year",
		},
	}
}

type BoxOrderBodyLevel struct {
	value int32
}

type BoxOrderBodyLevelEnum struct {
	E_1 BoxOrderBodyLevel
	E_2 BoxOrderBodyLevel
}

func GetBoxOrderBodyLevelEnum() BoxOrderBodyLevelEnum {
	return BoxOrderBodyLevelEnum{
		E_1: BoxOrderBodyLevel{
			value: 1,
		}, E_2: BoxOrderBodyLevel{
			value: 2,
		},
	}
}
