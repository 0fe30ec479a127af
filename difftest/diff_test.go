package difftest

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
)

// TestTargetsCoverSpecs checks that every object component of each spec
// has its generated type in oursByService, so none escapes the comparison.
func TestTargetsCoverSpecs(t *testing.T) {
	for _, name := range serviceNames {
		s := mustService(t, name)
		for _, comp := range sortedKeys(s.doc.Components.Schemas) {
			sch := s.doc.Components.Schemas[comp].Value
			if sch.Type.Is("object") && s.targets[comp] == nil {
				t.Errorf("%s: component %s has no generated type in oursByService", name, comp)
			}
		}
	}
}

// TestExamples: every example in the specs is valid for both validators.
func TestExamples(t *testing.T) {
	n := 0
	for _, name := range serviceNames {
		s := mustService(t, name)
		for _, ex := range s.examples {
			n++
			if err := ex.target.ours(ex.data); err != nil {
				t.Errorf("%s: %s: ours rejects the example: %v", name, ex.where, err)
			}
			if d := compare(ex.target, ex.data); d != "" {
				t.Errorf("%s: %s", ex.where, d)
			}
		}
	}
	if n < 6 {
		t.Fatalf("found only %d examples", n)
	}
}

var seed = flag.Uint64("seed", 2026, "seed of TestMutations (the normal run uses the default)")

// mutationCount is the number of mutated documents TestMutations checks
// (a tenth with -short).
const mutationCount = 120_000

// TestMutations compares the verdicts on a fixed-seed set of mutated
// documents: most are request bodies, the rest every other generated type
// as a root value.
func TestMutations(t *testing.T) {
	total := mutationCount
	if testing.Short() {
		total /= 10
	}
	for i, name := range serviceNames {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := mustService(t, name)
			perService := total / len(serviceNames)
			g := &gen{rng: rand.New(rand.NewPCG(*seed, uint64(i)))}
			others := make([]*target, 0, len(s.targets))
			for _, comp := range sortedKeys(s.targets) {
				if s.targets[comp] != s.body {
					others = append(others, s.targets[comp])
				}
			}
			r := runMutations(t, g, s, s.body, perService*3/4)
			for _, tg := range others {
				r.add(runMutations(t, g, s, tg, perService/4/len(others)))
			}
			t.Logf("%s: %d documents (%d valid by both, %d invalid by both)", name, r.total, r.valid, r.total-r.valid)
			if r.valid == 0 || r.valid == r.total {
				t.Errorf("degenerate run: %d of %d documents valid", r.valid, r.total)
			}
			r.report(t)
		})
	}
}

type runResult struct {
	total, valid int
	byKind       map[string]int // mismatches per mutation kind
	first        []string
}

func (r *runResult) add(o runResult) {
	r.total += o.total
	r.valid += o.valid
	for k, n := range o.byKind {
		r.byKind[k] += n
	}
	r.first = append(r.first, o.first...)
}

func (r *runResult) report(t *testing.T) {
	if len(r.byKind) == 0 {
		return
	}
	kinds := sortedKeys(r.byKind)
	sort.SliceStable(kinds, func(i, j int) bool { return r.byKind[kinds[i]] > r.byKind[kinds[j]] })
	var b strings.Builder
	for i, k := range kinds {
		if i == 20 {
			fmt.Fprintf(&b, "\n\t... and %d more combinations", len(kinds)-i)
			break
		}
		fmt.Fprintf(&b, "\n\t%6d  %s", r.byKind[k], k)
	}
	t.Errorf("verdicts differ; mismatches by mutation:%s", b.String())
	for i, f := range r.first {
		if i == 15 {
			break
		}
		t.Error(f)
	}
}

// runMutations checks n mutated documents of tg, each made from one of
// its examples or from a synthesized valid value.
func runMutations(t *testing.T, g *gen, s *service, tg *target, n int) runResult {
	t.Helper()
	var bases []*jv
	for _, ex := range s.examples {
		if ex.target == tg {
			v, err := parseJV(ex.data)
			if err != nil {
				t.Fatal(err)
			}
			bases = append(bases, v)
		}
	}
	for range 12 {
		v := g.valid(tg.schema, 0)
		if d := compare(tg, v.bytes()); d != "" {
			t.Errorf("synthesized valid value: %s", d)
		}
		bases = append(bases, v)
	}
	r := runResult{byKind: map[string]int{}}
	for range n {
		v := bases[g.pick(len(bases))].clone()
		kinds := g.mutate(v, tg.schema)
		data := v.bytes()
		r.total++
		d := compare(tg, data)
		if d == "" {
			if tg.ours(data) == nil {
				r.valid++
			}
			continue
		}
		r.byKind[strings.Join(kinds, " + ")]++
		r.first = append(r.first, fmt.Sprintf("[%s] %s", strings.Join(kinds, " + "), d))
	}
	return r
}

// fuzzService compares the verdicts of the request body type of service
// on arbitrary input.
func fuzzService(f *testing.F, name string) {
	s := mustService(f, name)
	for _, ex := range s.examples {
		if ex.target == s.body {
			f.Add(ex.data)
		}
	}
	g := &gen{rng: rand.New(rand.NewPCG(7, 7))}
	for range 50 {
		v := g.valid(s.body.schema, 0)
		g.mutate(v, s.body.schema)
		f.Add(v.bytes())
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if d := compare(s.body, data); d != "" {
			t.Error(d)
		}
	})
}

func FuzzDBSS(f *testing.F) { fuzzService(f, "dbss") }
func FuzzDSC(f *testing.F)  { fuzzService(f, "dsc") }
func FuzzHSS(f *testing.F)  { fuzzService(f, "hss") }

func FuzzCBH(f *testing.F)       { fuzzService(f, "cbh") }
func FuzzCCM(f *testing.F)       { fuzzService(f, "ccm") }
func FuzzDCS(f *testing.F)       { fuzzService(f, "dcs") }
func FuzzDLI(f *testing.F)       { fuzzService(f, "dli") }
func FuzzSecMaster(f *testing.F) { fuzzService(f, "secmaster") }
func FuzzWAF(f *testing.F)       { fuzzService(f, "waf") }

// TestDirectUnmarshalMalformed calls UnmarshalJSON directly, bypassing
// encoding/json's syntax check, on every prefix of every example: each
// call must return (no endless loop, no panic) and every proper prefix
// must be an error.
func TestDirectUnmarshalMalformed(t *testing.T) {
	for _, name := range serviceNames {
		s := mustService(t, name)
		for _, ex := range s.examples {
			for i := range len(ex.data) {
				if err := directUnmarshal(s.name, ex.target.name, ex.data[:i]); err == nil {
					t.Errorf("%s: %s: prefix %q decodes without error", name, ex.where, ex.data[:i])
				}
			}
		}
	}
}

func FuzzRich(f *testing.F) { fuzzService(f, "rich") }
