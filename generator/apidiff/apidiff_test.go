package apidiff

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hwcorder/ordergen/generator/loader"
	"github.com/hwcorder/ordergen/generator/model"
	"github.com/hwcorder/ordergen/generator/plan"
)

// specsDir holds the project's specs, the base of the edits below.
const specsDir = "../../specs"

// load loads and plans a spec as gen does for package p.
func load(t *testing.T, name string, data []byte) *plan.Package {
	t.Helper()
	api, err := loader.Load(name, data)
	if err != nil {
		t.Fatalf("%s does not load:\n%v", name, err)
	}
	return planOf(t, api)
}

func planOf(t *testing.T, api *model.API) *plan.Package {
	t.Helper()
	p, err := plan.Build(api, "p", "example.com/p")
	if err != nil {
		t.Fatalf("%s does not plan:\n%v", api.Source, err)
	}
	return p
}

// edit returns base with old replaced by new once; the test fails when old
// is not there, so that an edit never silently does nothing.
func edit(t *testing.T, base, old, new string) []byte {
	t.Helper()
	if !strings.Contains(base, old) {
		t.Fatalf("edit: %q not in the spec", old)
	}
	return []byte(strings.Replace(base, old, new, 1))
}

func TestEditsOfHSS(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(specsDir, "hss.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	base := string(data)
	old := load(t, "old.yaml", data)
	// all renames every occurrence (the examples and required lists too).
	all := func(old, new string) func(string) string {
		return func(s string) string {
			if !strings.Contains(s, old) {
				t.Fatalf("edit: %q not in the spec", old)
			}
			return strings.ReplaceAll(s, old, new)
		}
	}
	one := func(old, new string) func(string) string {
		return func(s string) string { return string(edit(t, s, old, new)) }
	}
	cases := []struct {
		name  string
		edits []func(string) string
		want  []string // every change, as ID: text
	}{
		{"operationId renamed", []func(string) string{one("operationId: CreateQuotasOrder", "operationId: OrderQuotas")}, []string{
			"go-method-renamed: Go method Client.CreateQuotasOrder renamed to Client.OrderQuotas",
			"go-type-renamed: Go type CreateQuotasOrderParams renamed to OrderQuotasParams",
		}},
		{"x-enum-varnames entry renamed", []func(string) string{one("            - month\n", "            - monthly\n")}, []string{
			"go-const-renamed: Go constant PeriodTypeMonth renamed to PeriodTypeMonthly",
		}},
		{"property renamed on the wire", []func(string) string{all("period_num", "period_count")}, []string{
			"go-field-removed: Go field CreateQuotasOrderRequestInfo.PeriodNum removed",
			"go-field-added: Go field CreateQuotasOrderRequestInfo.PeriodCount added",
		}},
		{"schema renamed", []func(string) string{all("CreateQuotasOrderResponse", "QuotasOrder")}, []string{
			"go-type-renamed: Go type CreateQuotasOrderResponse renamed to QuotasOrder",
		}},
		{"optional property made required", []func(string) string{one("        - subscription_num\n", "        - subscription_num\n        - is_auto_pay\n")}, []string{
			"go-field-type-changed: Go field CreateQuotasOrderRequestInfo.IsAutoPay changes type from *bool to bool",
		}},
		{"required property made optional", []func(string) string{one("        - period_num\n", "")}, []string{
			"go-field-type-changed: Go field CreateQuotasOrderRequestInfo.PeriodNum changes type from int32 to *int32",
		}},
		{"width changed", []func(string) string{one("          format: int32\n          description: Number of quotas", "          format: int64\n          description: Number of quotas")}, []string{
			"go-field-type-changed: Go field CreateQuotasOrderRequestInfo.SubscriptionNum changes type from int32 to int64",
		}},
		{"enum value removed", []func(string) string{
			one("            - hss.version.wtp\n", ""), one("            - web_tamper_protection\n", ""), one("            - Web tamper protection edition.\n", ""),
		}, []string{
			"go-const-removed: Go constant ResourceSpecCodeWebTamperProtection removed",
		}},
		{"new optional property", []func(string) string{one("      properties:\n        resource_spec_code:", "      properties:\n        coupon:\n          type: string\n        resource_spec_code:")}, []string{
			"go-field-added: Go field CreateQuotasOrderRequestInfo.Coupon added",
		}},
		{"description only", []func(string) string{one("Number of quotas to order.", "How many quotas.")}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text := base
			for _, e := range c.edits {
				text = e(text)
			}
			got := Compare(old, load(t, "new.yaml", []byte(text)))
			var lines []string
			for _, ch := range got {
				lines = append(lines, ch.ID+": "+ch.Text)
				if ch.Pos.Line == 0 {
					t.Errorf("%s: not located: %q", ch.ID, ch.Pos)
				}
				if strings.HasSuffix(ch.ID, "-removed") != (ch.Pos.File == "old.yaml") {
					t.Errorf("%s located in %s; removals are located in the old spec, the rest in the new", ch.ID, ch.Pos.File)
				}
			}
			if strings.Join(lines, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(c.want, "\n"))
			}
			breaking := false
			for _, w := range c.want {
				breaking = breaking || !strings.Contains(w, "-added:")
			}
			if Breaking(got) != breaking {
				t.Errorf("Breaking = %v, want %v", Breaking(got), breaking)
			}
		})
	}
}

// TestSameSpecNoChanges compares every spec of ours with itself loaded
// again (fresh pointers) and with the order of its schemas changed.
func TestSameSpecNoChanges(t *testing.T) {
	names, _ := filepath.Glob(filepath.Join(specsDir, "*.yaml"))
	if len(names) == 0 {
		t.Fatal("no specs")
	}
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		a, b := load(t, "old.yaml", data), load(t, "new.yaml", data)
		if got := Compare(a, b); len(got) != 0 {
			t.Errorf("%s against itself: %v", name, got)
		}
	}
}
