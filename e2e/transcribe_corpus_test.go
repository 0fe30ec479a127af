package e2e

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
	"golang.org/x/tools/txtar"

	"github.com/hwcorder/ordergen/generator/loader"
	"github.com/hwcorder/ordergen/generator/transcribe"
)

var updateTranscribe = flag.Bool("update-transcribe", false, "rewrite the want/sdk/ files of golden/transcribe/corpus")

// sdkRoot returns the official SDK's directory in the module cache, which
// this module's go.mod requires (go list downloads it when missing).
func sdkRoot(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/huaweicloud/huaweicloud-sdk-go-v3").Output()
	if err != nil || strings.TrimSpace(string(out)) == "" {
		if _, derr := exec.Command("go", "mod", "download", "github.com/huaweicloud/huaweicloud-sdk-go-v3").CombinedOutput(); derr != nil {
			t.Fatalf("the official SDK is not in the module cache and go mod download failed: %v", derr)
		}
		out, err = exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/huaweicloud/huaweicloud-sdk-go-v3").Output()
		if err != nil {
			t.Fatalf("go list -m: %v", err)
		}
	}
	return strings.TrimSpace(string(out))
}

// corpusCase is one real page of golden/transcribe/corpus.
type corpusCase struct {
	name, path string
	ar         *txtar.Archive
	page       []byte
	opts       transcribe.Options
	sdk        string // services/SVC/VER
}

func readCorpus(t *testing.T) []corpusCase {
	t.Helper()
	paths, _ := filepath.Glob("../golden/transcribe/corpus/*.txtar")
	if len(paths) == 0 {
		t.Fatal("no pages in golden/transcribe/corpus")
	}
	var out []corpusCase
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		ar := txtar.Parse(data)
		c := corpusCase{name: strings.TrimSuffix(filepath.Base(p), ".txtar"), path: p, ar: ar}
		for _, f := range ar.Files {
			if f.Name == "page.txt" {
				c.page = f.Data
			}
		}
		for _, l := range strings.Split(string(ar.Comment), "\n") {
			if v, ok := strings.CutPrefix(l, "sdk:"); ok {
				c.sdk = strings.TrimSpace(v)
			}
			if v, ok := strings.CutPrefix(l, "flags:"); ok {
				f := strings.Fields(v)
				for i := 0; i+1 < len(f); i += 2 {
					switch f[i] {
					case "--service":
						c.opts.Service = f[i+1]
					case "--host":
						c.opts.Host = f[i+1]
					case "--operation-id":
						c.opts.OperationID = f[i+1]
					default:
						t.Fatalf("%s: unknown flag %s", p, f[i])
					}
				}
			}
		}
		if c.page == nil || c.sdk == "" {
			t.Fatalf("%s: want a page.txt file and an \"sdk: services/SVC/VER\" comment line", p)
		}
		out = append(out, c)
	}
	return out
}

// score counts how a transcription agrees with the SDK's model of the
// request body, field by field (paths by JSON name from the body down).
type score struct {
	fields, found, extra int // SDK members; found on the page; page fields the SDK lacks
	captured             int // SDK members whose JSON name the captured page text contains
	req, typ             int // agreements among found fields
	enums, enumOK        int // found fields of an SDK enum type; equal value lists
	docs, docOK          int // found fields whose SDK doc comment lists values; equal value lists
	ops, opOK            int
}

func (s *score) add(o score) {
	s.fields += o.fields
	s.captured += o.captured
	s.found += o.found
	s.extra += o.extra
	s.req += o.req
	s.typ += o.typ
	s.enums += o.enums
	s.enumOK += o.enumOK
	s.docs += o.docs
	s.docOK += o.docOK
	s.ops += o.ops
	s.opOK += o.opOK
}

func pct(a, b int) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%d/%d (%.0f%%)", a, b, 100*float64(a)/float64(b))
}

func (s score) String() string {
	return fmt.Sprintf("operation names %s; body fields found %s, of those in the captured text %s (page-only fields %d); requiredness %s; types %s; values of SDK enum types %s; value lists of SDK doc comments %s",
		pct(s.opOK, s.ops), pct(s.found, s.fields), pct(s.found, s.captured), s.extra, pct(s.req, s.found), pct(s.typ, s.found), pct(s.enumOK, s.enums), pct(s.docOK, s.docs))
}

// measure compares the spec's request body with the SDK's model.
func measure(t *testing.T, pageText, spec []byte, op *transcribe.SDKOp) score {
	var doc map[string]any
	if err := yaml.Unmarshal(spec, &doc); err != nil {
		t.Fatal(err)
	}
	schemas := dig(doc, "components", "schemas")
	var post map[string]any
	for _, p := range asMap(doc["paths"]) {
		if m := asMap(asMap(p)["post"]); m != nil {
			post = m
		}
	}
	s := score{ops: 1}
	if post["operationId"] == op.Operation {
		s.opOK = 1
	}
	body := asMap(dig(post, "requestBody", "content", "application/json", "schema"))
	var walk func(page map[string]any, m *transcribe.SDKModel, seen map[string]bool)
	walk = func(page map[string]any, m *transcribe.SDKModel, seen map[string]bool) {
		if m == nil || seen[m.Name] {
			return
		}
		seen[m.Name] = true
		page = resolve(schemas, page)
		props := asMap(page["properties"])
		var required []string
		for _, r := range asSlice(page["required"]) {
			required = append(required, fmt.Sprint(r))
		}
		for name := range props {
			if _, ok := m.Field(name); !ok {
				s.extra++
			}
		}
		for _, f := range m.Fields {
			s.fields++
			if bytes.Contains(pageText, []byte(f.JSON)) {
				s.captured++
			}
			p := asMap(props[f.JSON])
			if p == nil {
				continue
			}
			s.found++
			if slices.Contains(required, f.JSON) == f.Required {
				s.req++
			}
			pt := resolve(schemas, p)
			if sameType(schemas, pt, f.Type) {
				s.typ++
			}
			var pageEnum []string
			for _, v := range asSlice(pt["enum"]) {
				pageEnum = append(pageEnum, fmt.Sprint(v))
			}
			if len(f.Type.Enum) > 0 { // the SDK's enum types are the reference
				s.enums++
				a, b := slices.Clone(pageEnum), slices.Clone(f.Type.Enum)
				slices.Sort(a)
				slices.Sort(b)
				if slices.Equal(a, b) {
					s.enumOK++
				}
			}
			if kind, _ := pt["type"].(string); len(f.Type.Enum) == 0 && (kind == "integer" || kind == "string") {
				if doc := transcribe.ValuesIn(f.Doc, kind); len(doc) > 0 {
					s.docs++
					a, b := slices.Clone(pageEnum), slices.Clone(doc)
					slices.Sort(a)
					slices.Sort(b)
					if slices.Equal(a, b) {
						s.docOK++
					}
				}
			}
			if ref := refName(f.Type); ref != "" {
				child := pt
				if pt["type"] == "array" {
					child = resolve(schemas, asMap(pt["items"]))
				}
				walk(child, op.Model(ref), seen)
			}
		}
	}
	walk(body, op.Model(op.Body), map[string]bool{})
	return s
}

func refName(t transcribe.SDKType) string {
	for t.Items != nil {
		t = *t.Items
	}
	return t.Ref
}

// sameType compares a spec schema with an SDK type: kind, integer width,
// array items.
func sameType(schemas any, p map[string]any, t transcribe.SDKType) bool {
	kind, _ := p["type"].(string)
	if t.Kind == "" {
		return true
	}
	if t.Kind == "object" && t.Ref != "" {
		return kind == "object" || kind == "" && p["properties"] != nil
	}
	if kind != t.Kind {
		return false
	}
	switch t.Kind {
	case "integer":
		f, _ := p["format"].(string)
		return f == t.Format || f == "" && t.Format == "int32"
	case "array":
		if t.Items == nil {
			return true
		}
		items := resolve(schemas, asMap(p["items"]))
		return items != nil && sameType(schemas, items, *t.Items)
	}
	return true
}

func resolve(schemas any, p map[string]any) map[string]any {
	for i := 0; p != nil && i < 8; i++ {
		r, ok := p["$ref"].(string)
		if !ok {
			return p
		}
		p = asMap(asMap(schemas)[strings.TrimPrefix(r, "#/components/schemas/")])
	}
	return p
}

func dig(v any, keys ...string) any {
	for _, k := range keys {
		v = asMap(v)[k]
	}
	return v
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func asSlice(v any) []any {
	s, _ := v.([]any)
	return s
}

// TestTranscribeCorpus transcribes each real page of the corpus twice, from
// the page alone and with the official SDK as a second source, checks that
// both load through the project's loader, pins the SDK-assisted output
// (want/sdk/), and measures both against the SDK's model of the request
// body. The totals are printed (go test -v -run TestTranscribeCorpus).
func TestTranscribeCorpus(t *testing.T) {
	root := sdkRoot(t)
	var alone, assisted score
	for _, c := range readCorpus(t) {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(root, filepath.FromSlash(c.sdk))
			op, err := transcribe.ReadSDK(dir, "POST", pagePath(t, c.page))
			if err != nil {
				t.Fatal(err)
			}
			spec, _, err := transcribe.Transcribe("page.txt", c.page, c.opts)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := loader.Load(c.name+".yaml", spec); err != nil {
				t.Errorf("page-alone spec does not load: %v", err)
			}
			o := c.opts
			o.SDKDir = dir
			sdkSpec, ws, err := transcribe.Transcribe("page.txt", c.page, o)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := loader.Load(c.name+".sdk.yaml", sdkSpec); err != nil {
				t.Errorf("SDK-assisted spec does not load: %v", err)
			}
			var wb strings.Builder
			for _, w := range ws {
				wb.WriteString(w.Format("page.txt") + "\n")
			}
			checkGolden(t, c, "want/sdk/spec.yaml", string(sdkSpec))
			checkGolden(t, c, "want/sdk/warnings", wb.String())
			a, b := measure(t, c.page, spec, op), measure(t, c.page, sdkSpec, op)
			if b.found < a.found || b.req < a.req || b.typ < a.typ || b.enumOK < a.enumOK || b.opOK < a.opOK {
				t.Errorf("the SDK made the transcription worse:\n alone: %v\n  sdk: %v", a, b)
			}
			t.Logf("%s (%s)\n  page alone: %v\n  with --sdk: %v", c.name, op.Operation, a, b)
			alone.add(a)
			assisted.add(b)
		})
	}
	if *updateTranscribe {
		return
	}
	t.Logf("TOTAL page alone: %v", alone)
	t.Logf("TOTAL with --sdk: %v", assisted)
}

// pagePath finds the "POST /path" line of a page.
func pagePath(t *testing.T, page []byte) string {
	for _, l := range strings.Split(string(page), "\n") {
		if p, ok := strings.CutPrefix(strings.TrimSpace(l), "POST "); ok && strings.HasPrefix(p, "/") {
			return p
		}
	}
	t.Fatal("page has no POST line")
	return ""
}

func checkGolden(t *testing.T, c corpusCase, name, got string) {
	t.Helper()
	for i, f := range c.ar.Files {
		if f.Name == name {
			if *updateTranscribe {
				c.ar.Files[i].Data = []byte(got)
				writeArchive(t, c)
				return
			}
			if string(f.Data) != got {
				t.Errorf("%s differs from %s (go test -run TestTranscribeCorpus -update-transcribe, and review the diff)", name, c.path)
			}
			return
		}
	}
	if !*updateTranscribe {
		t.Errorf("%s has no %s (go test -run TestTranscribeCorpus -update-transcribe)", c.path, name)
		return
	}
	c.ar.Files = append(c.ar.Files, txtar.File{Name: name, Data: []byte(got)})
	writeArchive(t, c)
}

func writeArchive(t *testing.T, c corpusCase) {
	if err := os.WriteFile(c.path, txtar.Format(c.ar), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestTranscribeSeedsSDK measures the seed pages (beside the repository in
// ../shared/seeds) the same way, with and without the SDK.
func TestTranscribeSeedsSDK(t *testing.T) {
	const seeds = "../../shared/seeds"
	if _, err := os.Stat(seeds); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("seed pages not found at %s under CI: %v", seeds, err)
		}
		t.Skipf("seed pages not found at %s: %v", seeds, err)
	}
	root := sdkRoot(t)
	cases := []struct {
		page, sdk string
		opts      transcribe.Options
	}{
		{"000_e7c30be118e6bd27.txt", "services/dsc/v1", transcribe.Options{Service: "dsc", Host: "sdg"}},
		{"001_2cd14a3cb99227d9.txt", "services/dsc/v1", transcribe.Options{Service: "dsc", Host: "sdg"}},
		{"002_96aab215149a2065.txt", "services/dbss/v1", transcribe.Options{Service: "dbss"}},
		{"003_647210aecf19d53b.txt", "services/hss/v5", transcribe.Options{}},
	}
	var alone, assisted score
	for _, c := range cases {
		page, err := os.ReadFile(filepath.Join(seeds, c.page))
		if err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join(root, filepath.FromSlash(c.sdk))
		op, err := transcribe.ReadSDK(dir, "POST", pagePath(t, page))
		if err != nil {
			t.Fatal(err)
		}
		spec, _, err := transcribe.Transcribe(c.page, page, c.opts)
		if err != nil {
			t.Fatal(err)
		}
		o := c.opts
		o.SDKDir = dir
		sdkSpec, _, err := transcribe.Transcribe(c.page, page, o)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range [][]byte{spec, sdkSpec} {
			if _, err := loader.Load(c.page+".yaml", s); err != nil {
				t.Errorf("%s: spec does not load: %v", c.page, err)
			}
		}
		a, b := measure(t, page, spec, op), measure(t, page, sdkSpec, op)
		if b.found < a.found || b.req < a.req || b.typ < a.typ || b.opOK < a.opOK {
			t.Errorf("%s: the SDK made the transcription worse:\n alone: %v\n  sdk: %v", c.page, a, b)
		}
		t.Logf("%s (%s)\n  page alone: %v\n  with --sdk: %v", c.page, op.Operation, a, b)
		alone.add(a)
		assisted.add(b)
	}
	t.Logf("TOTAL page alone: %v", alone)
	t.Logf("TOTAL with --sdk: %v", assisted)
}
