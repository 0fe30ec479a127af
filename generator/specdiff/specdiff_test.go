package specdiff

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// edit returns the base spec with one text replaced; the test fails when
// the text is not there, so an edit can never silently do nothing.
func edit(t *testing.T, base, old, new string) []byte {
	t.Helper()
	if !strings.Contains(base, old) {
		t.Fatalf("edit: %q not in base spec", old)
	}
	return []byte(strings.Replace(base, old, new, 1))
}

func TestDiffEdits(t *testing.T) {
	data, err := os.ReadFile("testdata/base.yaml")
	if err != nil {
		t.Fatal(err)
	}
	base := string(data)
	cases := []struct {
		name     string
		old, new string
		breaking bool
		ids      []string // oasdiff rule ids expected among the changes
	}{
		{"field made required", "        - period_type\n", "        - period_type\n        - period_num\n", true,
			[]string{"request-property-became-required"}},
		{"enum narrowed", "            - 2\n            - 3\n", "            - 2\n", true,
			[]string{"request-property-enum-value-removed"}},
		{"range tightened", "          maximum: 100\n", "          maximum: 50\n", true,
			[]string{"request-property-max-decreased"}},
		{"length tightened", "          maxLength: 64\n    OrderResponse", "          maxLength: 32\n    OrderResponse", true,
			[]string{"request-property-max-length-decreased"}},
		{"path parameter length tightened", "            maxLength: 64\n      requestBody", "            maxLength: 32\n      requestBody", true,
			[]string{"request-parameter-max-length-decreased"}},
		{"type changed", "        remark:\n          type: string", "        remark:\n          type: integer", true,
			[]string{"request-property-type-changed"}},
		{"new optional field", "        remark:\n", "        coupon:\n          type: string\n        remark:\n", false,
			[]string{"new-optional-request-property"}},
		{"enum widened", "            - 3\n", "            - 3\n            - 4\n", false,
			[]string{"request-property-enum-value-added"}},
		{"range loosened", "          maximum: 100\n", "          maximum: 200\n", false,
			[]string{"request-property-max-increased"}},
		{"response field removed", "        order_id:\n          type: string\n", "        code:\n          type: string\n", false,
			[]string{"response-optional-property-removed"}},
		{"operation removed", "  /v1/{project_id}/orders:", "  /v2/{project_id}/orders:", true,
			[]string{"api-path-removed-without-deprecation"}},
		{"response enum widened", "        order_id:\n          type: string\n", "        order_id:\n          type: string\n        state:\n          type: string\n          enum: [open]\n", false,
			[]string{"response-optional-property-added"}},
		{"new required query parameter", "      requestBody:\n", "        - name: lang\n          in: query\n          required: true\n          schema:\n            type: string\n      requestBody:\n", true,
			[]string{"new-required-request-parameter"}},
		{"description only", "          format: int32\n          minimum: 1", "          format: int32\n          description: Periods.\n          minimum: 1", false, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := Diff("old.yaml", []byte(base), "new.yaml", edit(t, base, c.old, c.new))
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, ch := range r.Changes {
				ids = append(ids, ch.ID)
				// Removals are located in the old spec, the rest in the new.
				if ch.Line == 0 || (ch.File != "new.yaml" && ch.File != "old.yaml") {
					t.Errorf("%s not located: %s:%d:%d", ch.ID, ch.File, ch.Line, ch.Col)
				}
			}
			if r.Breaking() != c.breaking {
				t.Errorf("Breaking() = %v, want %v; changes:\n%s", r.Breaking(), c.breaking, changesText(r))
			}
			for _, id := range c.ids {
				if !slices.Contains(ids, id) {
					t.Errorf("change %s not reported; got:\n%s", id, changesText(r))
				}
			}
			if c.ids == nil && len(r.Changes) != 0 {
				t.Errorf("want no change, got:\n%s", changesText(r))
			}
		})
	}
}

func TestDiffIdentical(t *testing.T) {
	data, err := os.ReadFile("testdata/base.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r, err := Diff("a.yaml", data, "b.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Changes) != 0 || r.Breaking() {
		t.Errorf("identical specs: got\n%s", changesText(r))
	}
}

func TestDiffBadSpec(t *testing.T) {
	_, err := Diff("a.yaml", []byte("openapi: 3.0.3\ninfo: {}\npaths: {}\n"), "b.yaml", []byte("x: ["))
	if err == nil || !strings.HasPrefix(err.Error(), "a.yaml: ") {
		t.Errorf("err = %v, want one naming a.yaml", err)
	}
}

func changesText(r Report) string {
	var sb strings.Builder
	r.Write(&sb)
	return sb.String()
}
