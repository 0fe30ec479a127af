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

// violations decodes body and returns what is wrong with it as "in pointer
// rule", as the mock reports a body: first the violations Unmarshal finds
// (members missing, null, of the wrong type or not allowed), then those
// Validate finds in the decoded values, less those at or below a pointer
// Unmarshal reported (they describe the zero value left in its place).
func violations(t *testing.T, body string) []string {
	t.Helper()
	var b dbss.ChargeOrderDbssNew
	derr := json.Unmarshal([]byte(body), &b)
	var dec *dbss.ValidationError
	if derr != nil && !errors.As(derr, &dec) {
		t.Fatalf("decode %s: %v", body, derr)
	}
	out := list(t, derr)
	var val *dbss.ValidationError
	if err := b.Validate(); err != nil && !errors.As(err, &val) {
		t.Fatalf("Validate: %v is no *ValidationError", err)
	}
	if val == nil {
		return out
	}
	for _, v := range val.Violations {
		if dec != nil && covered(v.Pointer, dec.Violations) {
			continue
		}
		out = append(out, show(t, v))
	}
	return out
}

// covered reports whether pointer p is at or below one of vs's pointers.
func covered(p string, vs []dbss.Violation) bool {
	for _, v := range vs {
		if p == v.Pointer || strings.HasPrefix(p, v.Pointer+"/") {
			return true
		}
	}
	return false
}

// show renders v as "in pointer rule"; every violation has a message.
func show(t *testing.T, v dbss.Violation) string {
	t.Helper()
	if v.Message == "" {
		t.Errorf("violation %+v has no message", v)
	}
	return v.In + " " + v.Pointer + " " + v.Rule
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
		out = append(out, show(t, v))
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

// TestBodyViolations lists each body's violations as violations does:
// Unmarshal's in document order (missing members at the end of their
// object), then Validate's.
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
			"body /security_groups/0 null", "body /nics required",
		}},
		{"product_infos without product_id is valid", edit(t, `"product_id": "OFFI10097xxxxxxxxxxxx693761",`, ``), nil},
		{"all_resource_names with null", edit(t, `"product_spec_desc"`, `"all_resource_names": ["a", null], "product_spec_desc"`), []string{
			"body /product_infos/0/all_resource_names/1 null",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := violations(t, tc.body); !slices.Equal(got, tc.want) {
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

// TestUnmarshalReportsPresence: whether members are present is judged
// while decoding. Unmarshal reports a missing required member as a
// *ValidationError; Validate judges the Go value left in its place.
func TestUnmarshalReportsPresence(t *testing.T) {
	var b dbss.ChargeOrderDbssNew
	err := json.Unmarshal([]byte(edit(t, `"nics": [{"subnet_id": "cbed162e-045a-4afd-aa2b-0da11219989c"}],`, ``)), &b)
	if got, want := list(t, err), []string{"body /nics required"}; !slices.Equal(got, want) {
		t.Errorf("Unmarshal: got %q, want %q", got, want)
	}
	// A nil required slice is what Validate calls missing.
	if got, want := list(t, b.Validate()), []string{"body /nics required"}; !slices.Equal(got, want) {
		t.Errorf("Validate after decoding: got %q, want %q", got, want)
	}
}

// TestNullableEIP: public_ip.eip may be null, so it is a Nullable that
// tells absent, null and a value apart, through decoding and encoding.
func TestNullableEIP(t *testing.T) {
	for _, tc := range []struct {
		name, from, to string
		set, null      bool
		wire           string
	}{
		{"null", `"eip": null`, `"eip": null`, true, true, `"eip":null`},
		{"absent", `, "eip": null`, ``, false, false, ``},
		{"value", `"eip": null`, `"eip": {"bandwidth": {"size": 5, "sharetype": "PER"}}`, true, false, `"eip":{"bandwidth":{"sharetype":"PER","size":5}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := decode(t, edit(t, tc.from, tc.to))
			eip := b.PublicIP.EIP
			if eip.Set != tc.set || eip.Null != tc.null {
				t.Errorf("EIP Set %v Null %v, want %v %v", eip.Set, eip.Null, tc.set, tc.null)
			}
			if _, ok := eip.Get(); ok != (tc.set && !tc.null) {
				t.Errorf("EIP.Get() ok = %v", ok)
			}
			if err := b.Validate(); err != nil {
				t.Errorf("Validate: %v", err)
			}
			wire, err := json.Marshal(b.PublicIP)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(string(wire), `"eip"`); got != (tc.wire != "") || tc.wire != "" && !strings.Contains(string(wire), tc.wire) {
				t.Errorf("public_ip encodes as %s, want it to hold %q", wire, tc.wire)
			}
		})
	}
	pip := dbss.PublicIP{EIP: dbss.Nullable[dbss.EIP]{Set: true, Null: true}}
	if wire, _ := json.Marshal(pip); string(wire) != `{"eip":null}` {
		t.Errorf("a null EIP built in Go encodes as %s", wire)
	}
}
