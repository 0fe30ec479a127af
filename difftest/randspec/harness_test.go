package randspec

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/hwcorder/ordergen/generator"
	"github.com/hwcorder/ordergen/generator/loader"
)

// outcome is what happened to one document.
type outcome int

const (
	outChecked  outcome = iota // generated, built, every value compared
	outRefused                 // gen refused it with located errors
	outPanic                   // gen panicked
	outGenError                // gen failed without a located error
	outBuild                   // the generated code did not build
	outBadDoc                  // kin-openapi rejects the document: a bug of this package
)

var outcomeNames = map[outcome]string{outChecked: "checked", outRefused: "refused", outPanic: "panic",
	outGenError: "gen error", outBuild: "build failure", outBadDoc: "invalid document (randspec bug)"}

// docRun is one document going through the harness.
type docRun struct {
	doc     *Document
	spec    []byte
	pkg     string
	files   []generator.File
	kin     *openapi3.T
	outcome outcome
	detail  string // the refusal, panic, error or build output
	cases   []valueCase
	vet     []string // go vet's complaints about the package
	known   bool     // a known failures' document (knownRuns)
}

// valueCase is one JSON value for one component type of a document.
type valueCase struct {
	run    *docRun
	known  *knownFailure // the known failure it shows, in a known document
	comp   int
	data   []byte
	ours   error // nil: valid
	kinErr error
}

// report counts what a batch found.
type report struct {
	docs, schemas, values int
	outcomes              map[outcome]int
	vet                   []string
	diffs                 []*valueCase
	refusals              map[string]int // first refusal message, positions dropped
	// failures holds the documents gen panicked on, failed on or made code
	// that does not build, by signature (see failureKey).
	failures map[string][]*docRun
}

func newReport() *report {
	return &report{outcomes: map[outcome]int{}, refusals: map[string]int{}, failures: map[string][]*docRun{}}
}

// ourVerdict is the generated code's verdict on data for type T: invalid
// if json.Unmarshal fails or Validate reports an error. It is written into
// the driver as Go source, the one place the contract is stated.
const ourVerdict = `// verdict is the generated code's verdict: invalid if json.Unmarshal
// fails or Validate reports a violation.
func verdict[T any, P interface {
	*T
	Validate() error
}](data []byte) error {
	var v T
	if err := json.Unmarshal(data, P(&v)); err != nil {
		return err
	}
	return P(&v).Validate()
}
`

// kinVerdict is kin-openapi's verdict as openapi3filter gives it for a
// request body: decoded with UseNumber, visited as a request, all errors.
func kinVerdict(s *openapi3.Schema, data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("trailing data after the JSON value")
	}
	return s.VisitJSON(v, openapi3.VisitAsRequest(), openapi3.MultiErrors())
}

// generate runs gen on the document, catching a panic.
func (d *docRun) generate() {
	defer func() {
		if r := recover(); r != nil {
			msg := strings.ReplaceAll(fmt.Sprint(r), "\n", " ")
			d.outcome, d.detail = outPanic, msg+"\n"+stackTop(debug.Stack(), 16)
		}
	}()
	files, err := generator.Generate(fmt.Sprintf("rand%d.yaml", d.doc.Seed), d.spec, generator.Config{Package: d.pkg, ImportPath: "randdrv/" + d.pkg})
	var list loader.List
	switch {
	case errors.As(err, &list):
		d.outcome, d.detail = outRefused, list.Error()
	case err != nil:
		d.outcome, d.detail = outGenError, err.Error()
	default:
		d.files = files
	}
}

// stackTop returns the first n lines of a stack trace.
func stackTop(stack []byte, n int) string {
	lines := strings.Split(string(stack), "\n")
	return strings.Join(lines[:min(n, len(lines))], "\n")
}

// loadKin loads the document with kin-openapi; a document it rejects is
// this package's bug.
func (d *docRun) loadKin() bool {
	doc, err := openapi3.NewLoader().LoadFromData(d.spec)
	if err == nil {
		err = doc.Validate(context.Background())
	}
	if err != nil {
		d.outcome, d.detail = outBadDoc, err.Error()
		return false
	}
	d.kin = doc
	return true
}

// values makes the values of each component: valid ones, mutations of
// valid ones, and boundary values.
func (d *docRun) values(perSchema int, f Features) {
	g := NewGen(d.doc.Seed^0x5eed, f)
	for i, s := range d.doc.Schemas {
		var vs []any
		for range perSchema / 4 {
			vs = append(vs, g.Valid(s))
		}
		for range perSchema / 2 {
			vs = append(vs, g.Mutate(s, g.Valid(s)))
		}
		b := g.Boundary(s)
		for range perSchema - len(vs) {
			vs = append(vs, b[g.pick(len(b))])
		}
		seen := map[string]bool{}
		for _, v := range vs {
			data, err := json.Marshal(v)
			if err != nil || seen[string(data)] {
				continue
			}
			seen[string(data)] = true
			d.cases = append(d.cases, valueCase{run: d, comp: i, data: data})
		}
	}
}

// moduleFor writes the generated packages and the driver into dir.
func moduleFor(dir string, runs []*docRun) error {
	root, err := filepath.Abs("../..")
	if err != nil {
		return err
	}
	gomod := "module randdrv\n\ngo 1.26\n\nrequire github.com/hwcorder/ordergen v0.0.0\n\nreplace github.com/hwcorder/ordergen => " + root + "\n"
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		return err
	}
	if sum, err := os.ReadFile(filepath.Join(root, "go.sum")); err == nil {
		if err := os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644); err != nil {
			return err
		}
	}
	var imports, table strings.Builder
	for _, r := range runs {
		pdir := filepath.Join(dir, r.pkg)
		if err := os.MkdirAll(pdir, 0o755); err != nil {
			return err
		}
		for _, f := range r.files {
			path := filepath.Join(pdir, filepath.FromSlash(f.Name)) // a name may hold a directory (the mock's package)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(path, f.Data, 0o644); err != nil {
				return err
			}
		}
		fmt.Fprintf(&imports, "\t%q\n", "randdrv/"+r.pkg)
		for i := range r.doc.Schemas {
			fmt.Fprintf(&table, "\t%q: verdict[%s.%s],\n", r.pkg+"."+Name(i), r.pkg, Name(i))
		}
	}
	src := "package main\n\nimport (\n\t\"bufio\"\n\t\"encoding/json\"\n\t\"fmt\"\n\t\"os\"\n\t\"strings\"\n\n" + imports.String() + ")\n\n" +
		ourVerdict + "\nvar targets = map[string]func([]byte) error{\n" + table.String() + "}\n\n" + driverMain
	return os.WriteFile(filepath.Join(dir, "main.go"), []byte(src), 0o644)
}

// driverMain reads "target<TAB>json" lines and prints "ok" or the error.
const driverMain = `func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(nil, 1<<24)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		target, data, _ := strings.Cut(in.Text(), "\t")
		f := targets[target]
		if f == nil {
			fmt.Fprintln(out, "no target "+target)
			continue
		}
		if err := f([]byte(data)); err != nil {
			fmt.Fprintln(out, "invalid: "+strings.ReplaceAll(err.Error(), "\n", " | "))
			continue
		}
		fmt.Fprintln(out, "ok")
	}
}
`

// goCmd runs a go command in dir and returns its combined output.
func goCmd(dir string, stdin []byte, args ...string) ([]byte, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	return cmd.CombinedOutput()
}

var pkgInOutput = regexp.MustCompile(`(?m)^(?:# randdrv/|\./)?(p[0-9]+)/`)

// build compiles the module, dropping documents whose code does not build
// (each marked outBuild) and trying again.
func build(t testing.TB, dir string, runs []*docRun) ([]*docRun, error) {
	runs = slices.Clone(runs)
	for range 5 {
		if err := moduleFor(dir, runs); err != nil {
			return nil, err
		}
		out, err := goCmd(dir, nil, "build", "-o", "drv", ".")
		if err == nil {
			return runs, nil
		}
		bad := map[string]bool{}
		for _, m := range pkgInOutput.FindAllStringSubmatch(string(out), -1) {
			bad[m[1]] = true
		}
		for _, line := range strings.Split(string(out), "\n") {
			if strings.HasPrefix(line, "# randdrv/p") {
				bad[strings.TrimPrefix(line, "# randdrv/")] = true
			}
		}
		if len(bad) == 0 {
			return nil, fmt.Errorf("go build: %v\n%s", err, out)
		}
		runs = slices.DeleteFunc(runs, func(r *docRun) bool {
			if bad[r.pkg] {
				r.outcome, r.detail = outBuild, firstLines(string(out), r.pkg, 6)
				os.RemoveAll(filepath.Join(dir, r.pkg))
				return true
			}
			return false
		})
	}
	return nil, errors.New("go build keeps failing")
}

// firstLines returns up to n lines of out that mention pkg.
func firstLines(out, pkg string, n int) string {
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, pkg+"/") && len(lines) < n {
			lines = append(lines, strings.TrimSpace(l))
		}
	}
	return strings.Join(lines, "\n")
}

// vet runs go vet on the generated packages and returns its complaints.
func vet(dir string) []string {
	out, err := goCmd(dir, nil, "vet", "./...")
	if err == nil {
		return nil
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	return lines
}

// runDriver feeds every case to the built driver and records our verdict.
func runDriver(dir string, cases []*valueCase) error {
	var in bytes.Buffer
	for _, c := range cases {
		fmt.Fprintf(&in, "%s.%s\t%s\n", c.run.pkg, Name(c.comp), c.data)
	}
	cmd := exec.Command(filepath.Join(dir, "drv"))
	cmd.Stdin = &in
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("driver: %v", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<24)
	i := 0
	for ; sc.Scan() && i < len(cases); i++ {
		switch line := sc.Text(); {
		case line == "ok":
		case strings.HasPrefix(line, "invalid: "):
			cases[i].ours = errors.New(strings.TrimPrefix(line, "invalid: "))
		default:
			return fmt.Errorf("driver: %s", line)
		}
	}
	if i != len(cases) {
		return fmt.Errorf("driver answered %d of %d cases", i, len(cases))
	}
	return nil
}

// runBatch takes random documents of seeds, and the known failures'
// documents, through gen, the build and the comparison, adding what the
// random ones show to rep; the known ones keep what they show.
func runBatch(t testing.TB, seeds []uint64, known []*docRun, f Features, perSchema int, doVet bool, rep *report) {
	runs := slices.Clone(known)
	for _, seed := range seeds {
		runs = append(runs, &docRun{doc: NewDocument(seed, f)})
	}
	var ok []*docRun
	for i, d := range runs {
		d.pkg = fmt.Sprintf("p%d", i)
		d.spec = d.doc.YAML()
		if !d.known {
			rep.docs++
			rep.schemas += len(d.doc.Schemas)
		}
		if d.loadKin() {
			d.generate()
		}
		if d.outcome == outChecked {
			if !d.known {
				d.values(perSchema, f)
			}
			ok = append(ok, d)
		}
	}
	if len(ok) > 0 {
		compare(t, ok, doVet)
	}
	for _, d := range runs {
		if d.known {
			continue
		}
		rep.outcomes[d.outcome]++
		rep.vet = append(rep.vet, d.vet...)
		if d.outcome != outChecked {
			record(t, rep, d)
			continue
		}
		rep.values += len(d.cases)
		for i := range d.cases {
			if c := &d.cases[i]; (c.ours == nil) != (c.kinErr == nil) {
				rep.diffs = append(rep.diffs, c)
			}
		}
	}
}

// compare builds the generated packages of runs with the driver, vets
// them when doVet, and fills in both verdicts of every case.
func compare(t testing.TB, runs []*docRun, doVet bool) {
	dir := t.TempDir()
	built, err := build(t, dir, runs)
	if err != nil {
		t.Fatal(err)
	}
	if doVet {
		for _, line := range vet(dir) {
			for _, d := range built {
				if strings.HasPrefix(line, d.pkg+"/") || strings.HasPrefix(line, "./"+d.pkg+"/") {
					d.vet = append(d.vet, line)
				}
			}
		}
	}
	var cases []*valueCase
	for _, d := range built {
		for i := range d.cases {
			cases = append(cases, &d.cases[i])
		}
	}
	if err := runDriver(dir, cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		s := c.run.kin.Components.Schemas[Name(c.comp)].Value
		c.kinErr = kinVerdict(s, c.data)
	}
}

// record notes a document that was not checked.
func record(t testing.TB, rep *report, d *docRun) {
	if d.outcome == outRefused {
		first, _, _ := strings.Cut(d.detail, "\n")
		if i := strings.Index(first, ": #"); i >= 0 {
			first = first[i+2:]
		}
		rep.refusals[genericMessage(first)]++
		return
	}
	key := failureKey(d)
	rep.failures[key] = append(rep.failures[key], d)
}

var buildPos = regexp.MustCompile(`^\S+\.go:[0-9]+:[0-9]+: `)

// failureKey names what went wrong with a document in a few words: the
// panic value, or the first compiler error without its position.
// The first line that a known failure matches is taken, else the first.
func failureKey(d *docRun) string {
	lines := strings.Split(d.detail, "\n")
	for _, l := range lines {
		key := outcomeNames[d.outcome] + ": " + genericMessage(buildPos.ReplaceAllString(l, ""))
		if knownFor(key) != "" {
			return key
		}
	}
	return outcomeNames[d.outcome] + ": " + genericMessage(buildPos.ReplaceAllString(lines[0], ""))
}

var quoted = regexp.MustCompile(`"[^"]*"|#/[^ :]*|[0-9]+|\b[A-Z][A-Za-z]*\b`)

// genericMessage drops names and numbers from a message, to count
// refusals by kind.
func genericMessage(msg string) string { return quoted.ReplaceAllString(msg, "_") }
