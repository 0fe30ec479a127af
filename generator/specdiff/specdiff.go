// Package specdiff reports what changed between two versions of a spec and
// which changes break existing callers. The change detection and the
// breaking-change rules are oasdiff's (github.com/oasdiff/oasdiff, built on
// kin-openapi); this package only loads the two documents, runs every
// oasdiff check at INFO level and up, and renders the result.
//
// Descriptions, summaries, titles, examples and x- extensions are left out
// of the comparison: they are prose and decision notes, not facts a caller
// depends on.
package specdiff

import (
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oasdiff/oasdiff/checker"
	"github.com/oasdiff/oasdiff/diff"
	"github.com/oasdiff/oasdiff/load"
)

// Change is one difference between the two specs.
type Change struct {
	// ID is oasdiff's rule id, e.g. request-property-became-required.
	ID string
	// Level is "error" (breaking), "warning" (may break) or "info".
	Level string
	// Breaking is set for changes that break existing callers.
	Breaking bool
	// Method and Path name the operation, "" for spec-wide changes.
	Method, Path string
	// Text says what changed, in oasdiff's words.
	Text string
	// File, Line and Col locate the change in the new spec, or in the old
	// one when the new has no place for it (a removal); Line and Col are
	// 0 when oasdiff does not know them.
	File      string
	Line, Col int
}

// String renders a change on one line.
func (c Change) String() string {
	op := "(spec)"
	if c.Path != "" {
		op = c.Method + " " + c.Path
	}
	return fmt.Sprintf("%-8s %s: %s [%s]", strings.ToUpper(c.Level), op, c.Text, c.ID)
}

// Report is the result of a Diff.
type Report struct {
	Changes []Change
}

// Breaking reports whether any change breaks existing callers.
func (r Report) Breaking() bool {
	return slices.ContainsFunc(r.Changes, func(c Change) bool { return c.Breaking })
}

// Write prints the report, one change per line, then a summary line.
func (r Report) Write(w io.Writer) error {
	var breaking, other int
	for _, c := range r.Changes {
		if c.Breaking {
			breaking++
		} else {
			other++
		}
		if _, err := fmt.Fprintln(w, c.String()); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintf(w, "%d breaking, %d other changes\n", breaking, other)
	return err
}

// Diff compares two versions of a spec given as bytes; the names are used
// in messages.
func Diff(oldName string, old []byte, newName string, new []byte) (Report, error) {
	base, err := loadSpec(oldName, old)
	if err != nil {
		return Report{}, err
	}
	rev, err := loadSpec(newName, new)
	if err != nil {
		return Report{}, err
	}
	cfg := diff.NewConfig(diff.WithExcludeElements([]string{
		diff.ExcludeDescriptionOption, diff.ExcludeExamplesOption,
		diff.ExcludeSummaryOption, diff.ExcludeTitleOption, diff.ExcludeExtensionsOption,
	}))
	d, sources, err := diff.GetWithOperationsSourcesMap(cfg, base, rev)
	if err != nil {
		return Report{}, fmt.Errorf("compare %s with %s: %w", oldName, newName, err)
	}
	changes := checker.CheckBackwardCompatibilityUntilLevel(checker.NewConfig(checker.GetAllChecks()), d, sources, checker.INFO)
	loc := checker.NewDefaultLocalizer()
	var r Report
	for _, c := range changes {
		ch := Change{
			ID:       c.GetId(),
			Level:    levelName(c.GetLevel()),
			Breaking: c.IsBreaking(),
			Method:   c.GetOperation(),
			Path:     c.GetPath(),
			Text:     c.GetUncolorizedText(loc),
		}
		ch.File, ch.Line, ch.Col = where(c, oldName, newName)
		r.Changes = append(r.Changes, ch)
	}
	slices.SortStableFunc(r.Changes, func(a, b Change) int {
		return strings.Compare(a.Path+" "+a.Method+" "+a.ID+" "+a.Text, b.Path+" "+b.Method+" "+b.ID+" "+b.Text)
	})
	return r, nil
}

// where locates change c: in the new spec when it has a position there,
// else in the old.
func where(c checker.Change, oldName, newName string) (string, int, int) {
	if s := c.GetRevisionSource(); s != nil && s.Line > 0 {
		return newName, s.Line, s.Column
	}
	if s := c.GetBaseSource(); s != nil && s.Line > 0 {
		return oldName, s.Line, s.Column
	}
	return newName, 0, 0
}

func levelName(l checker.Level) string {
	switch l {
	case checker.ERR:
		return "error"
	case checker.WARN:
		return "warning"
	}
	return "info"
}

// loadSpec loads and validates one spec with a fresh loader (oasdiff's
// advice: a shared loader caches documents by name).
func loadSpec(name string, data []byte) (*load.SpecInfo, error) {
	loader := openapi3.NewLoader()
	loader.IsExternalRefsAllowed = false
	loader.IncludeOrigin = true
	spec, err := loader.LoadFromDataWithPath(data, &url.URL{Path: name})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if err := spec.Validate(loader.Context, openapi3.DisableExamplesValidation()); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &load.SpecInfo{Url: name, Spec: spec, Version: spec.Info.Version}, nil
}
