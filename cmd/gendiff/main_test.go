package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hwcorder/ordergen/generator/loader"
)

// gendiff runs the command in dir and returns its exit status and output.
func gendiff(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	t.Chdir(dir)
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// specs writes the HSS spec as old.yaml and edited copies under the given
// names into a new directory.
func specs(t *testing.T, edits map[string][][2]string) string {
	t.Helper()
	base, err := os.ReadFile("../../specs/hss.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string]string{"old.yaml": string(base)}
	for name, pairs := range edits {
		s := string(base)
		for _, p := range pairs {
			if !strings.Contains(s, p[0]) {
				t.Fatalf("edit: %q not in the spec", p[0])
			}
			s = strings.ReplaceAll(s, p[0], p[1])
		}
		files[name] = s
	}
	for name, s := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var (
	renameMethod = [2]string{"operationId: CreateQuotasOrder", "operationId: OrderQuotas"}
	renameConst  = [2]string{"            - month\n", "            - monthly\n"}
	makeRequired = [2]string{"        - subscription_num\n", "        - subscription_num\n        - is_auto_pay\n"}
	addOptional  = [2]string{"      properties:\n        resource_spec_code:", "      properties:\n        coupon:\n          type: string\n        resource_spec_code:"}
	badSpec      = "openapi: 3.0.3\ninfo: {title: x, version: v1}\npaths:\n  /a:\n    post:\n      responses:\n        '200': {description: ok}\n"
)

func TestExitStatusAndText(t *testing.T) {
	dir := specs(t, map[string][][2]string{
		"method.yaml":   {renameMethod},
		"const.yaml":    {renameConst},
		"required.yaml": {makeRequired},
		"optional.yaml": {addOptional},
	})
	os.WriteFile(filepath.Join(dir, "bad.yaml"), []byte(badSpec), 0o644)
	cases := []struct {
		args         []string
		code         int
		stdout       string
		stderrPrefix string
	}{
		{[]string{"old.yaml", "old.yaml"}, 0, "0 breaking, 0 other changes\n", ""},
		{[]string{"old.yaml", "method.yaml"}, 1,
			"method.yaml:36:5: #/paths/~1v5~1{project_id}~1quotas~1orders/post: breaking: Go method Client.CreateQuotasOrder renamed to Client.OrderQuotas [go-method-renamed]\n" +
				"method.yaml:36:5: #/paths/~1v5~1{project_id}~1quotas~1orders/post: breaking: Go type CreateQuotasOrderParams renamed to OrderQuotasParams [go-type-renamed]\n" +
				"old.yaml:37:7: POST /v5/{project_id}/quotas/orders: info: api operation id `CreateQuotasOrder` removed and replaced with `OrderQuotas` [api-operation-id-removed]\n" +
				"2 breaking, 1 other changes\n", ""},
		{[]string{"old.yaml", "const.yaml"}, 1,
			"const.yaml:206:9: #/components/schemas/CreateQuotasOrderRequestInfo/properties/period_type: breaking: Go constant PeriodTypeMonth renamed to PeriodTypeMonthly [go-const-renamed]\n" +
				"1 breaking, 0 other changes\n", ""},
		// oasdiff's rule and the Go field's value type (*bool to bool).
		{[]string{"old.yaml", "required.yaml"}, 1, "", ""},
		{[]string{"old.yaml", "optional.yaml"}, 0, "", ""},
		{[]string{"old.yaml", "bad.yaml"}, 3, "", "bad.yaml:5:5: #/paths/~1a/post: operation has no operationId\n"},
		{[]string{"old.yaml", "missing.yaml"}, 3, "", "gendiff: open missing.yaml: "},
		{[]string{"old.yaml"}, 2, "", "gendiff: want OLD.yaml and NEW.yaml"},
		{[]string{"--format", "xml", "old.yaml", "old.yaml"}, 2, "", "gendiff: unknown --format \"xml\""},
		{[]string{"--no-such-flag", "old.yaml", "old.yaml"}, 2, "", "gendiff: unknown flag"},
	}
	for _, c := range cases {
		code, stdout, stderr := gendiff(t, dir, c.args...)
		if code != c.code {
			t.Errorf("gendiff %q: exit %d, want %d; stderr %q", c.args, code, c.code, stderr)
		}
		if c.stdout != "" && stdout != c.stdout {
			t.Errorf("gendiff %q: stdout\n%s\nwant\n%s", c.args, stdout, c.stdout)
		}
		if !strings.HasPrefix(stderr, c.stderrPrefix) || (c.stderrPrefix == "") != (stderr == "") {
			t.Errorf("gendiff %q: stderr %q, want it to start with %q", c.args, stderr, c.stderrPrefix)
		}
	}
	// A spec that does not load is reported exactly as gen's loader does.
	_, lerr := loader.Load("bad.yaml", []byte(badSpec))
	if _, _, stderr := gendiff(t, dir, "old.yaml", "bad.yaml"); lerr == nil || stderr != lerr.Error()+"\n" {
		t.Errorf("stderr %q, want the loader's %q", stderr, lerr)
	}
	// Both HTTP and Go rules fire for a field made required.
	_, stdout, _ := gendiff(t, dir, "old.yaml", "required.yaml")
	for _, id := range []string{"[request-property-became-required-with-default]", "[go-field-type-changed]"} {
		if !strings.Contains(stdout, id) {
			t.Errorf("required.yaml: %s not reported:\n%s", id, stdout)
		}
	}
}

func TestFormats(t *testing.T) {
	dir := specs(t, map[string][][2]string{"new.yaml": {renameMethod, renameConst, addOptional}})
	code, text, _ := gendiff(t, dir, "old.yaml", "new.yaml")
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	changes := lines[:len(lines)-1]

	_, out, _ := gendiff(t, dir, "--format", "json", "old.yaml", "new.yaml")
	var r report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("--format json: %v\n%s", err, out)
	}
	if !r.Breaking || r.Old != "old.yaml" || r.New != "new.yaml" || len(r.Changes) != len(changes) {
		t.Errorf("--format json: breaking %v, %s -> %s, %d changes; text has %d", r.Breaking, r.Old, r.New, len(r.Changes), len(changes))
	}
	// The same changes in the same order: each JSON change renders as its text line.
	for i, c := range r.Changes {
		if i < len(changes) && !strings.HasPrefix(changes[i], c.location()+": ") || !strings.HasSuffix(changes[i], "["+c.ID+"]") {
			t.Errorf("change %d: json %+v, text %q", i, c, changes[i])
		}
	}

	_, gh, _ := gendiff(t, dir, "--format", "github", "old.yaml", "new.yaml")
	ann := regexp.MustCompile(`^::(error|notice) file=[^,:]+(,line=\d+)?(,col=\d+)?,title=[a-z-]+::[^\r\n]+$`)
	ghLines := strings.Split(strings.TrimSuffix(gh, "\n"), "\n")
	if len(ghLines) != len(changes) {
		t.Errorf("--format github: %d lines, want %d:\n%s", len(ghLines), len(changes), gh)
	}
	for i, l := range ghLines {
		if !ann.MatchString(l) || strings.HasPrefix(l, "::error") != r.Changes[i].Breaking {
			t.Errorf("--format github: line %q (breaking %v)", l, r.Changes[i].Breaking)
		}
	}
}

func TestGitHubEscaping(t *testing.T) {
	if got := ghData("50% a\nb"); got != "50%25 a%0Ab" {
		t.Errorf("ghData = %q", got)
	}
	if got := ghProp("C:\\a,b.yaml"); got != "C%3A\\a%2Cb.yaml" {
		t.Errorf("ghProp = %q", got)
	}
}
