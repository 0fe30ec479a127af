// Package specs embeds the project's own OpenAPI specs, so that the gen
// binary can generate a service's package without a copy of its YAML
// (gen --service hss).
package specs

import (
	"embed"
	"io/fs"
	"sort"
	"strings"
)

//go:embed *.yaml
var files embed.FS

// Services returns the names of the embedded specs (dbss, dsc, hss, ...).
func Services() []string {
	entries, err := fs.Glob(files, "*.yaml")
	if err != nil {
		panic(err) // the pattern is constant and valid
	}
	var out []string
	for _, e := range entries {
		out = append(out, strings.TrimSuffix(e, ".yaml"))
	}
	sort.Strings(out)
	return out
}

// Spec returns the embedded spec of service and the path it has in this
// repository (specs/NAME.yaml), or ok false when there is none.
func Spec(service string) (data []byte, name string, ok bool) {
	data, err := files.ReadFile(service + ".yaml")
	if err != nil {
		return nil, "", false
	}
	return data, "specs/" + service + ".yaml", true
}
