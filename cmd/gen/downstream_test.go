package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// The downstream tests build modules outside this repository the ways the
// README's "In a downstream repository" section says, with the lines
// taken from the README itself, and run the go command as a user would:
// no -mod=mod, go mod tidy, go generate, a second go generate that must
// change nothing, go vet and go test. The published forms (go get -tool
// MODULE@VERSION, go run MODULE/cmd/gen@VERSION) are tried against a
// module proxy in a directory that serves this working tree as VERSION.

const ourModule = "github.com/hwcorder/ordergen"

// proxyVersion is the version the test proxy serves this tree as; the
// README writes VERSION where a release tag goes.
const proxyVersion = "v0.0.0-20260101000000-000000000000"

// repoRoot is the directory of this module.
func repoRoot(t *testing.T) string {
	_, here, _, _ := runtime.Caller(0)
	root, err := filepath.Abs(filepath.Join(filepath.Dir(here), "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// readmeLine returns the one README line matching re, trimmed, with
// VERSION replaced by the proxy's version; the test fails when the README
// has no such line, so that the README and the test cannot drift apart.
func readmeLine(t *testing.T, re string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*(` + re + `)\s*$`).FindStringSubmatch(string(data))
	if m == nil {
		t.Fatalf("README.md has no line matching %s", re)
	}
	return strings.ReplaceAll(m[1], "VERSION", proxyVersion)
}

// downstream is a module of its own in a temporary directory.
type downstream struct {
	t   *testing.T
	dir string
	env []string
}

func newDownstream(t *testing.T, files map[string]string, env ...string) *downstream {
	t.Helper()
	if testing.Short() {
		t.Skip("builds modules and runs the go command")
	}
	d := &downstream{t: t, dir: t.TempDir()}
	// The user's environment, without flags that would hide a broken
	// go.mod (GOFLAGS=-mod=mod) and outside any workspace.
	d.env = append(os.Environ(), "GOFLAGS=", "GOWORK=off", "GOTOOLCHAIN=local")
	d.env = append(d.env, env...)
	for name, text := range files {
		path := filepath.Join(d.dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

// goCmd runs the go command in the module (args[0] may be a
// subdirectory as "-C DIR" would) and returns its combined output.
func (d *downstream) goCmd(args ...string) string {
	d.t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = d.dir
	cmd.Env = d.env
	out, err := cmd.CombinedOutput()
	if err != nil {
		d.t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// snapshot returns every file of the module by path.
func (d *downstream) snapshot() map[string]string {
	d.t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(d.dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(d.dir, path)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		d.t.Fatal(err)
	}
	return files
}

// generateTwice runs go generate, go mod tidy, then go generate again,
// which must change no file (go.mod and go.sum included).
func (d *downstream) generateTwice() {
	d.t.Helper()
	d.goCmd("generate", "./...")
	d.goCmd("mod", "tidy")
	before := d.snapshot()
	d.goCmd("generate", "./...")
	after := d.snapshot()
	for name, text := range after {
		if before[name] != text {
			d.t.Errorf("the second go generate changed %s", name)
		}
	}
	for name := range before {
		if _, ok := after[name]; !ok {
			d.t.Errorf("the second go generate removed %s", name)
		}
	}
}

// vetAndTest runs go vet and the module's tests.
func (d *downstream) vetAndTest() {
	d.t.Helper()
	d.goCmd("vet", "./...")
	d.goCmd("test", "-count=1", "./...")
}

// checkGoMod fails when go.mod requires a module that only gendiff needs,
// and logs what it requires.
func (d *downstream) checkGoMod() {
	d.t.Helper()
	data, err := os.ReadFile(filepath.Join(d.dir, "go.mod"))
	if err != nil {
		d.t.Fatal(err)
	}
	for _, heavy := range []string{"github.com/oasdiff/oasdiff ", "cloud.google.com/go ", "github.com/tidwall/"} {
		if strings.Contains(string(data), heavy) {
			d.t.Errorf("go.mod requires %s, which generating code does not need:\n%s", heavy, data)
		}
	}
	required := regexp.MustCompile(`(?m)^(?:require\s+|\t)\S+ v\S+`).FindAllString(string(data), -1)
	d.t.Logf("go.mod: %d modules required\n%s", len(required), data)
	if !strings.Contains(string(data), ourModule+" v") {
		d.t.Errorf("go.mod does not require %s, whose package rt the generated code imports", ourModule)
	}
}

// orderTest is a test in the downstream module that uses both generated
// packages.
const orderTest = `package shop

import (
	"encoding/json"
	"testing"

	"example.com/shop/dsc"
	"example.com/shop/hss"
)

func TestOrders(t *testing.T) {
	var body dsc.PeriodOrderRequest
	if err := json.Unmarshal([]byte(` + "`" + `{"charging_mode":7}` + "`" + `), &body); err == nil && body.Validate() == nil {
		t.Error("an invalid DSC body passed")
	}
	q := hss.CreateQuotasOrderRequestInfo{ResourceSpecCode: hss.ResourceSpecCodeBasic, PeriodType: hss.PeriodTypeMonth, PeriodNum: 1, SubscriptionNum: 1}
	if err := q.Validate(); err != nil {
		t.Error(err)
	}
}
`

// readmeSnippet returns the README's Go example: the indented block that
// starts with "package shop".
func readmeSnippet(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(data), "\n    package shop\n")
	if !ok {
		t.Fatal("README.md has no Go example starting with package shop")
	}
	var b strings.Builder
	b.WriteString("package shop\n")
	for line := range strings.Lines(rest) {
		if strings.TrimSpace(line) != "" && !strings.HasPrefix(line, "    ") {
			break
		}
		b.WriteString(strings.TrimPrefix(line, "    "))
	}
	return b.String()
}

// TestDownstreamToolWithReplace is the offline recipe: require + replace
// + tool in go.mod, go:generate lines with go tool gen.
func TestDownstreamToolWithReplace(t *testing.T) {
	repo := repoRoot(t)
	require := readmeLine(t, `require `+regexp.QuoteMeta(ourModule)+` v0\.0\.0`)
	replace := readmeLine(t, `replace `+regexp.QuoteMeta(ourModule)+` => \S+`)
	tool := readmeLine(t, `tool `+regexp.QuoteMeta(ourModule)+`/cmd/gen`)
	replace = replace[:strings.Index(replace, "=>")] + "=> " + repo
	spec, err := os.ReadFile(filepath.Join(repo, "specs", "dsc.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	d := newDownstream(t, map[string]string{
		"go.mod":        "module example.com/shop\n\ngo 1.26\n\n" + require + "\n\n" + replace + "\n\n" + tool + "\n",
		"api/dsc.yaml":  string(spec),
		"dsc/gen.go":    "package dsc\n\n" + readmeLine(t, `//go:generate go tool gen --spec \.\./api/dsc\.yaml`) + "\n",
		"hss/gen.go":    "package hss\n\n" + readmeLine(t, `//go:generate go tool gen --service hss`) + "\n",
		"order_test.go": orderTest,
	})
	d.goCmd("mod", "tidy")
	d.generateTwice()
	// The README's example, added once the code it uses is generated.
	if err := os.WriteFile(filepath.Join(d.dir, "readme_test.go"), []byte(readmeSnippet(t)), 0o644); err != nil {
		t.Fatal(err)
	}
	d.vetAndTest()
	if out := d.goCmd("test", "-count=1", "-v", "-run", "TestPlaceOrder", "."); !strings.Contains(out, "order CS") {
		t.Errorf("the README's example placed no order:\n%s", out)
	}
	d.checkGoMod()
	header, _ := os.ReadFile(filepath.Join(d.dir, "dsc", "types.gen.go"))
	if !strings.HasPrefix(string(header), "// Code generated by gen from ../api/dsc.yaml. DO NOT EDIT.") {
		t.Errorf("dsc/types.gen.go header: %.80q", header)
	}
}

// TestDownstreamPublished tries the two forms that need the module on a
// proxy, against a proxy in a directory serving this working tree.
func TestDownstreamPublished(t *testing.T) {
	if testing.Short() {
		t.Skip("builds modules and runs the go command")
	}
	proxy := moduleProxy(t, repoRoot(t))
	upstream := os.Getenv("GOPROXY")
	if upstream == "" {
		upstream = "https://proxy.golang.org,direct"
	}
	// A module cache of the test's own: the user's keeps every version it
	// ever saw, so the tree served as proxyVersion by an earlier run would
	// stand in for this one. Other modules come from the user's cache
	// first (its download directory is a proxy too), then the network.
	userCache, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	modcache := t.TempDir()
	t.Cleanup(func() { // before TempDir's own clean-up: the cache is read-only
		cmd := exec.Command("go", "clean", "-modcache")
		cmd.Env = append(os.Environ(), "GOMODCACHE="+modcache)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("go clean -modcache: %v\n%s", err, out)
		}
	})
	env := []string{
		"GOMODCACHE=" + modcache,
		"GOPROXY=file://" + filepath.ToSlash(proxy) + ",file://" + filepath.ToSlash(filepath.Join(strings.TrimSpace(string(userCache)), "cache", "download")) + "," + upstream,
		"GONOSUMDB=" + ourModule, "GONOSUMCHECK=" + ourModule,
	}
	spec, err := os.ReadFile(filepath.Join(repoRoot(t), "specs", "dsc.yaml"))
	if err != nil {
		t.Fatal(err)
	}

	t.Run("go get -tool", func(t *testing.T) {
		get := strings.Fields(readmeLine(t, `go get -tool `+regexp.QuoteMeta(ourModule)+`/cmd/gen@VERSION`))
		d := newDownstream(t, map[string]string{
			"go.mod":        "module example.com/shop\n\ngo 1.26\n",
			"api/dsc.yaml":  string(spec),
			"dsc/gen.go":    "package dsc\n\n" + readmeLine(t, `//go:generate go tool gen --spec \.\./api/dsc\.yaml`) + "\n",
			"hss/gen.go":    "package hss\n\n" + readmeLine(t, `//go:generate go tool gen --service hss`) + "\n",
			"order_test.go": orderTest,
		}, env...)
		d.goCmd(get[1:]...)
		d.goCmd("mod", "tidy")
		d.generateTwice()
		d.vetAndTest()
		d.checkGoMod()
	})

	t.Run("go run @version", func(t *testing.T) {
		line := readmeLine(t, `//go:generate go run `+regexp.QuoteMeta(ourModule)+`/cmd/gen@VERSION --spec \.\./api/dsc\.yaml`)
		d := newDownstream(t, map[string]string{
			"go.mod":        "module example.com/shop\n\ngo 1.26\n",
			"api/dsc.yaml":  string(spec),
			"dsc/gen.go":    "package dsc\n\n" + line + "\n",
			"hss/gen.go":    "package hss\n\n" + strings.Replace(line, "--spec ../api/dsc.yaml", "--service hss", 1) + "\n",
			"order_test.go": orderTest,
		}, env...)
		d.generateTwice()
		d.vetAndTest()
		d.checkGoMod()
	})
}

// moduleProxy writes a GOPROXY directory serving the module in dir as
// proxyVersion: list, .info, .mod and a .zip of the files a module zip
// holds (no .git, no nested modules).
func moduleProxy(t *testing.T, dir string) string {
	t.Helper()
	proxy := t.TempDir()
	base := filepath.Join(proxy, filepath.FromSlash(ourModule), "@v")
	if err := os.MkdirAll(base, 0o755); err != nil {
		t.Fatal(err)
	}
	gomod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	prefix := ourModule + "@" + proxyVersion + "/"
	err = filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if e.IsDir() {
			// .git, what .gitignore leaves out, nested modules (e2e).
			if rel != "." && (e.Name() == ".git" || e.Name() == "node_modules" || rel == "bin" || rel == filepath.Join("bench", "out") ||
				exists(filepath.Join(path, "go.mod"))) {
				return filepath.SkipDir
			}
			return nil
		}
		if !e.Type().IsRegular() || e.Name() == ".git" || strings.HasSuffix(e.Name(), ".test") || strings.HasSuffix(e.Name(), ".prof") ||
			rel == "gen" || rel == "mock" {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		w, err := zw.Create(prefix + filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	})
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"list":                 []byte(proxyVersion + "\n"),
		proxyVersion + ".info": fmt.Appendf(nil, `{"Version":%q,"Time":"2026-01-01T00:00:00Z"}`, proxyVersion),
		proxyVersion + ".mod":  gomod,
		proxyVersion + ".zip":  buf.Bytes(),
	} {
		if err := os.WriteFile(filepath.Join(base, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return proxy
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
