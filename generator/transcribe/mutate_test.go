package transcribe

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/hwcorder/ordergen/generator/loader"
)

// TestMutatedPagesLoad damages the golden pages the way captures do (a
// line dropped, a line doubled, a lone "|" inserted, two lines swapped,
// a cell emptied) and checks the guarantee gen transcribe relies on:
// whatever the transcriber makes of a damaged page either is an error or
// is a spec that loads through the generator's loader, and every warning
// carries a page line.
func TestMutatedPagesLoad(t *testing.T) {
	paths, _ := filepath.Glob("../../golden/transcribe/*.txtar")
	corpus, _ := filepath.Glob("../../golden/transcribe/corpus/*.txtar")
	paths = append(paths, corpus...)
	n := 20
	if testing.Short() {
		n = 5
	}
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		ar := txtar.Parse(data)
		var page string
		for _, f := range ar.Files {
			if f.Name == "page.txt" {
				page = string(f.Data)
			}
		}
		opts := optionsOf(t, string(ar.Comment))
		base := filepath.Base(path)
		for seed := 0; seed < n; seed++ {
			rng := rand.New(rand.NewPCG(uint64(seed), uint64(len(base))))
			lines := strings.Split(page, "\n")
			for k := 0; k < 1+rng.IntN(3); k++ {
				lines = mutate(rng, lines)
			}
			text := strings.Join(lines, "\n")
			spec, ws, err := Transcribe("page.txt", []byte(text), opts)
			if err != nil {
				continue
			}
			if _, err := loader.Load("spec.yaml", spec); err != nil {
				t.Errorf("%s seed %d: the spec does not load: %v\n--- page ---\n%s", base, seed, err, text)
				return
			}
			for _, w := range ws {
				if w.Line <= 0 {
					t.Errorf("%s seed %d: warning without a line: %s", base, seed, w.Msg)
				}
			}
		}
	}
}

func mutate(rng *rand.Rand, lines []string) []string {
	if len(lines) < 3 {
		return lines
	}
	i := rng.IntN(len(lines) - 1)
	switch rng.IntN(5) {
	case 0:
		return append(lines[:i:i], lines[i+1:]...)
	case 1:
		return append(lines[:i+1:i+1], append([]string{lines[i]}, lines[i+1:]...)...)
	case 2:
		return append(lines[:i:i], append([]string{"|"}, lines[i:]...)...)
	case 3:
		lines[i], lines[i+1] = lines[i+1], lines[i]
	case 4:
		if strings.HasSuffix(strings.TrimSpace(lines[i]), "|") {
			lines[i] = "|"
		} else {
			lines[i] = ""
		}
	}
	return lines
}
