package dbss_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"testing"

	"github.com/hwcorder/ordergen/generated/dbss"
)

// secret is the password of validBody; no printed form may contain it.
const secret = "Firelxxxxxxx123!"

// validBody is the spec's request example.
const validBody = `{
	"flavor_ref": "s6.2xlarge.2", "name": "DBSS-f5e1",
	"vpc_id": "21f3dac4-f460-4173-ba5e-cb7a0d528605",
	"availability_zone": "cn-north-7c,cn-north-7c",
	"nics": [{"subnet_id": "cbed162e-045a-4afd-aa2b-0da11219989c"}],
	"security_groups": [{"id": "0070ec22-bae4-4df3-af3d-9f928297b3b7"}],
	"cloud_service_type": "hws.service.type.dbss",
	"charging_mode": 0, "period_type": 2, "period_num": 1, "subscription_num": 1,
	"is_auto_renew": 0, "promotion_info": "",
	"product_infos": [{
		"product_id": "OFFI10097xxxxxxxxxxxx693761",
		"cloud_service_type": "hws.service.type.dbss",
		"resource_type": "hws.resource.type.dbss.opsmgmt",
		"resource_spec_code": "dbss.opsmgmt.high",
		"product_spec_desc": "{\"specDesc\":{}}"
	}],
	"region_id": "cn-north-7", "hx_password": "Firelxxxxxxx123!",
	"asset_nums": 10, "image_business_type": 1,
	"public_ip": {"id": "df0d32e1-671e-482b-bafd-413fa67d3add", "eip": null},
	"enterprise_project_id": "0", "deploy_mode": "CLOUD"
}`

func decode(t *testing.T, body string) *dbss.ChargeOrderDbssNew {
	t.Helper()
	var b dbss.ChargeOrderDbssNew
	if err := json.Unmarshal([]byte(body), &b); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	return &b
}

func list(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var ve *dbss.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error %v is no *ValidationError", err)
	}
	var out []string
	for _, v := range ve.Violations {
		if v.Message == "" {
			t.Errorf("violation %+v has no message", v)
		}
		out = append(out, v.In+" "+v.Pointer+" "+v.Rule)
	}
	return out
}

// edit returns validBody with old replaced by new, which must occur once.
func edit(t *testing.T, old, new string) string {
	t.Helper()
	if strings.Count(validBody, old) != 1 {
		t.Fatalf("%q does not occur exactly once in the body", old)
	}
	return strings.Replace(validBody, old, new, 1)
}

func TestBodyViolations(t *testing.T) {
	for _, tc := range []struct {
		name string
		body string
		want []string
	}{
		{"example", validBody, nil},
		{"without deploy_mode", edit(t, `, "deploy_mode": "CLOUD"`, ``), []string{"body /deploy_mode required"}},
		{"deploy_mode cloud", edit(t, `"deploy_mode": "CLOUD"`, `"deploy_mode": "cloud"`), []string{"body /deploy_mode enum"}},
		{"deploy_mode OUTSIDE", edit(t, `"deploy_mode": "CLOUD"`, `"deploy_mode": "OUTSIDE"`), nil},
		{"subscription_num 2", edit(t, `"subscription_num": 1`, `"subscription_num": 2`), []string{"body /subscription_num maximum"}},
		{"is_auto_renew 2", edit(t, `"is_auto_renew": 0`, `"is_auto_renew": 2`), []string{"body /is_auto_renew enum"}},
		{"hx_password null", edit(t, `"hx_password": "Firelxxxxxxx123!"`, `"hx_password": null`), []string{"body /hx_password null"}},
		{"eip with bandwidth", edit(t, `"eip": null`, `"eip": {"bandwidth": {"size": 301, "sharetype": "WHOLE"}}`), []string{
			"body /public_ip/eip/bandwidth/sharetype enum", "body /public_ip/eip/bandwidth/size maximum",
		}},
		{"bandwidth size 0", edit(t, `"eip": null`, `"eip": {"bandwidth": {"size": 0}}`), []string{"body /public_ip/eip/bandwidth/size minimum"}},
		{"bandwidth size 300.0", edit(t, `"eip": null`, `"eip": {"bandwidth": {"size": 300.0, "sharetype": "PER"}}`), nil},
		{"public_ip null", edit(t, `"public_ip": {"id": "df0d32e1-671e-482b-bafd-413fa67d3add", "eip": null}`, `"public_ip": null`), []string{"body /public_ip null"}},
		{"tag without value", edit(t, `"deploy_mode"`, `"tags": [{"key": "k"}, {"value": "v"}, null], "deploy_mode"`), []string{
			"body /tags/0/value required", "body /tags/2 null",
		}},
		{"nics missing, nic null", strings.Replace(edit(t, `"nics": [{"subnet_id": "cbed162e-045a-4afd-aa2b-0da11219989c"}],`, ``), `"security_groups": [{`, `"security_groups": [null, {`, 1), []string{
			"body /nics required", "body /security_groups/0 null",
		}},
		{"product_infos without product_id is valid", edit(t, `"product_id": "OFFI10097xxxxxxxxxxxx693761",`, ``), nil},
		{"all_resource_names with null", edit(t, `"product_spec_desc"`, `"all_resource_names": ["a", null], "product_spec_desc"`), []string{
			"body /product_infos/0/all_resource_names null",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := list(t, decode(t, tc.body).Validate()); !slices.Equal(got, tc.want) {
				t.Errorf("violations of %s:\ngot  %q\nwant %q", tc.body, got, tc.want)
			}
		})
	}
}

func TestParamsViolations(t *testing.T) {
	for _, tc := range []struct {
		id   string
		want []string
	}{
		{strings.Repeat("a", 31), []string{"path project_id minLength"}},
		{strings.Repeat("a", 32), nil},
		{strings.Repeat("中", 64), nil},
		{strings.Repeat("中", 65), []string{"path project_id maxLength"}},
		{"", []string{"path project_id required"}},
	} {
		p := dbss.CreateDbOmInstancePeriodParams{ProjectID: tc.id}
		if got := list(t, p.Validate()); !slices.Equal(got, tc.want) {
			t.Errorf("project_id of %d characters: got %q, want %q", len([]rune(tc.id)), got, tc.want)
		}
	}
	p := dbss.CreateDbOmInstancePeriodParams{ProjectID: strings.Repeat("a", 31)}
	want := `invalid request: path parameter "project_id": minLength: length must be at least 32 characters`
	if got := p.Validate().Error(); got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

// TestPasswordRedacted prints the body every way a program might and
// checks that the password never shows while the other fields do.
func TestPasswordRedacted(t *testing.T) {
	b := decode(t, validBody)
	if b.HxPassword != secret {
		t.Fatalf("HxPassword = %q, want the sent password", b.HxPassword)
	}
	var jsonLog, textLog bytes.Buffer
	slog.New(slog.NewJSONHandler(&jsonLog, nil)).Info("order", "body", *b, "ptr", b)
	slog.New(slog.NewTextHandler(&textLog, nil)).Info("order", slog.Any("body", b))
	printed := map[string]string{
		"String":     b.String(),
		"GoString":   b.GoString(),
		"%v":         fmt.Sprintf("%v", *b),
		"%+v":        fmt.Sprintf("%+v", *b),
		"%#v":        fmt.Sprintf("%#v", *b),
		"%s":         fmt.Sprintf("%s", *b),
		"%v pointer": fmt.Sprintf("%v", b),
		"%#v ptr":    fmt.Sprintf("%#v", b),
		"%v slice":   fmt.Sprintf("%v", []dbss.ChargeOrderDbssNew{*b}),
		"%+v map":    fmt.Sprintf("%+v", map[string]*dbss.ChargeOrderDbssNew{"b": b}),
		"slog JSON":  jsonLog.String(),
		"slog text":  textLog.String(),
	}
	for how, out := range printed {
		if strings.Contains(out, secret) {
			t.Errorf("%s shows the password: %s", how, out)
		}
		if !strings.Contains(out, "******") || !strings.Contains(out, "DBSS-f5e1") {
			t.Errorf("%s lacks the redacted password or the name: %s", how, out)
		}
	}
	if b.HxPassword != secret {
		t.Error("printing changed the value")
	}
	wire, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(wire), `"hx_password":"`+secret+`"`) {
		t.Errorf("the wire form lacks the password: %s", wire)
	}
}

// TestPasswordNotInErrors checks validation and decoding errors of bodies
// carrying the password.
func TestPasswordNotInErrors(t *testing.T) {
	b := decode(t, edit(t, `"deploy_mode": "CLOUD"`, `"deploy_mode": "Firelxxxxxxx123!x"`))
	err := b.Validate()
	if err == nil || strings.Contains(err.Error(), secret) || strings.Contains(fmt.Sprintf("%+v", err), secret) {
		t.Errorf("validation error shows the password or is missing: %v", err)
	}
	for _, body := range []string{
		edit(t, `"asset_nums": 10`, `"asset_nums": "Firelxxxxxxx123!"`),
		edit(t, `"hx_password": "Firelxxxxxxx123!"`, `"hx_password": ["Firelxxxxxxx123!"]`),
		edit(t, `"hx_password": "Firelxxxxxxx123!"`, `"hx_password": "Firelxxxxxxx123!`),
	} {
		var b dbss.ChargeOrderDbssNew
		err := json.Unmarshal([]byte(body), &b)
		if err == nil {
			t.Errorf("decoding %s: no error", body)
		} else if strings.Contains(err.Error(), secret) {
			t.Errorf("decoding error shows the password: %v", err)
		}
	}
}

func TestValidateAllocatesNothing(t *testing.T) {
	b := decode(t, edit(t, `"eip": null`, `"eip": {"bandwidth": {"size": 5, "sharetype": "PER"}}, "x": {}`))
	p := dbss.CreateDbOmInstancePeriodParams{ProjectID: strings.Repeat("a", 32)}
	if n := testing.AllocsPerRun(100, func() {
		if b.Validate() != nil || p.Validate() != nil {
			t.Fatal("valid input rejected")
		}
	}); n != 0 {
		t.Errorf("Validate allocates %v times per run on valid input, want 0", n)
	}
}
