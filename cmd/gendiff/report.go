package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/hwcorder/ordergen/generator/apidiff"
	"github.com/hwcorder/ordergen/generator/specdiff"
)

// report is every change between two specs, HTTP and Go, in one order.
type report struct {
	Old      string   `json:"old"`
	New      string   `json:"new"`
	Breaking bool     `json:"breaking"`
	Changes  []change `json:"changes"`
}

// change is one change of either kind.
type change struct {
	// API is "http" (oasdiff's rules) or "go" (the generated package).
	API string `json:"api"`
	// ID is the rule, e.g. request-property-became-required, go-method-renamed.
	ID string `json:"id"`
	// Level is error (breaking), warning (breaking: may break) or info.
	Level    string `json:"level"`
	Breaking bool   `json:"breaking"`
	File     string `json:"file"`
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	// Where is the JSON pointer (Go changes) or the operation (HTTP
	// changes, "POST /v1/..."); "" for a change to the whole spec.
	Where string `json:"where,omitempty"`
	Text  string `json:"text"`
}

func newReport(oldName, newName string, http []specdiff.Change, goChanges []apidiff.Change) *report {
	r := &report{Old: oldName, New: newName, Changes: []change{}}
	for _, c := range http {
		where := ""
		if c.Path != "" {
			where = c.Method + " " + c.Path
		}
		r.Changes = append(r.Changes, change{API: "http", ID: c.ID, Level: c.Level, Breaking: c.Breaking,
			File: c.File, Line: c.Line, Col: c.Col, Where: where, Text: c.Text})
	}
	for _, c := range goChanges {
		level := "info"
		if c.Breaking {
			level = "error"
		}
		r.Changes = append(r.Changes, change{API: "go", ID: c.ID, Level: level, Breaking: c.Breaking,
			File: c.Pos.File, Line: c.Pos.Line, Col: c.Pos.Col, Where: c.Pointer, Text: c.Text})
	}
	slices.SortStableFunc(r.Changes, func(a, b change) int {
		if a.Breaking != b.Breaking {
			if a.Breaking {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.API, b.API), cmp.Compare(a.ID, b.ID), cmp.Compare(a.Text, b.Text))
	})
	r.Breaking = slices.ContainsFunc(r.Changes, func(c change) bool { return c.Breaking })
	return r
}

// formats are the --format values.
var formats = map[string]func(io.Writer, *report) error{
	"text":   writeText,
	"json":   writeJSON,
	"github": writeGitHub,
}

// location renders file:line:col, leaving out what is unknown.
func (c change) location() string {
	switch {
	case c.Line == 0:
		return c.File
	case c.Col == 0:
		return fmt.Sprintf("%s:%d", c.File, c.Line)
	}
	return fmt.Sprintf("%s:%d:%d", c.File, c.Line, c.Col)
}

// writeText prints one change per line, as file:line:col: where: level:
// text [id], then a summary line.
func writeText(w io.Writer, r *report) error {
	var breaking int
	for _, c := range r.Changes {
		if c.Breaking {
			breaking++
		}
		where := ""
		if c.Where != "" {
			where = c.Where + ": "
		}
		level := c.Level
		if c.Breaking {
			level = "breaking"
		}
		if _, err := fmt.Fprintf(w, "%s: %s%s: %s [%s]\n", c.location(), where, level, c.Text, c.ID); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintf(w, "%d breaking, %d other changes\n", breaking, len(r.Changes)-breaking)
	return err
}

func writeJSON(w io.Writer, r *report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// writeGitHub prints GitHub Actions workflow commands, which the runner
// shows as annotations on the spec's lines: error for breaking changes,
// notice for the rest.
func writeGitHub(w io.Writer, r *report) error {
	for _, c := range r.Changes {
		cmd := "notice"
		if c.Breaking {
			cmd = "error"
		}
		props := []string{"file=" + ghProp(c.File)}
		if c.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", c.Line))
		}
		if c.Col > 0 {
			props = append(props, fmt.Sprintf("col=%d", c.Col))
		}
		props = append(props, "title="+ghProp(c.ID))
		msg := c.Text
		if c.Where != "" {
			msg = c.Where + ": " + msg
		}
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", cmd, strings.Join(props, ","), ghData(msg)); err != nil {
			return err
		}
	}
	return nil
}

// ghData escapes a workflow command's message.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProp escapes a workflow command's property value.
func ghProp(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
