// Package orderspec builds OpenAPI specs of N order operations for the
// generator benchmarks. The operations are copies of the project's own
// order endpoints (specs/dbss.yaml, specs/dsc.yaml, specs/hss.yaml, in
// turn), so every one is a realistic POST with a path parameter, a body
// schema of nested objects, enums, ranges, lengths, passwords, nullable
// members and four or five error responses. Copy i gets the path segment
// "o%03d" after {project_id} and the suffix "%03d" on its operationId and
// on every schema it owns, so the copies share nothing but the document's
// header and security schemes (taken from the DBSS spec).
package orderspec

import (
	"bytes"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/hwcorder/ordergen/specs"
)

// Templates are the services whose operations are copied, in turn.
var Templates = []string{"dbss", "dsc", "hss"}

const schemaRef = "#/components/schemas/"

// Build returns a spec of n operations (n >= 1), the same bytes for the
// same n.
func Build(n int) ([]byte, error) {
	if n < 1 {
		return nil, fmt.Errorf("orderspec: %d operations; want at least 1", n)
	}
	tmpls := make([]*yaml.Node, len(Templates))
	for i, name := range Templates {
		data, file, ok := specs.Spec(name)
		if !ok {
			return nil, fmt.Errorf("orderspec: no embedded spec %q", name)
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(data, &doc); err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
			return nil, fmt.Errorf("%s: not a mapping document", file)
		}
		tmpls[i] = doc.Content[0]
	}
	base := tmpls[0]

	out := &yaml.Node{Kind: yaml.MappingNode}
	for _, key := range []string{"openapi", "info", "servers"} {
		v := get(base, key)
		if v == nil {
			return nil, fmt.Errorf("orderspec: %s spec has no %s", Templates[0], key)
		}
		v = clone(v)
		if key == "info" {
			set(v, "title", str(fmt.Sprintf("Synthetic order API: %d operations copied from the dbss, dsc and hss specs", n)))
		}
		put(out, key, v)
	}
	tags := &yaml.Node{Kind: yaml.SequenceNode}
	seenTag := map[string]bool{}
	for _, t := range tmpls {
		for _, tag := range seq(get(t, "tags")) {
			name := get(tag, "name")
			if name != nil && !seenTag[name.Value] {
				seenTag[name.Value] = true
				tags.Content = append(tags.Content, clone(tag))
			}
		}
	}
	put(out, "tags", tags)
	put(out, "security", clone(get(base, "security")))

	paths := &yaml.Node{Kind: yaml.MappingNode}
	schemas := &yaml.Node{Kind: yaml.MappingNode}
	for i := range n {
		t := tmpls[i%len(tmpls)]
		suffix := fmt.Sprintf("%03d", i)
		pm := get(t, "paths")
		if pm == nil || len(pm.Content) == 0 {
			return nil, fmt.Errorf("orderspec: %s spec has no paths", Templates[i%len(tmpls)])
		}
		for k := 0; k+1 < len(pm.Content); k += 2 {
			path := strings.Replace(pm.Content[k].Value, "{project_id}/", "{project_id}/o"+suffix+"/", 1)
			item := clone(pm.Content[k+1])
			rename(item, suffix)
			for m := 0; m+1 < len(item.Content); m += 2 {
				if id := get(item.Content[m+1], "operationId"); id != nil {
					id.Value += suffix
				}
			}
			put(paths, path, item)
		}
		sm := get(get(t, "components"), "schemas")
		for k := 0; sm != nil && k+1 < len(sm.Content); k += 2 {
			s := clone(sm.Content[k+1])
			rename(s, suffix)
			put(schemas, sm.Content[k].Value+suffix, s)
		}
	}
	put(out, "paths", paths)
	components := &yaml.Node{Kind: yaml.MappingNode}
	put(components, "securitySchemes", clone(get(get(base, "components"), "securitySchemes")))
	put(components, "schemas", schemas)
	put(out, "components", components)

	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{out}}); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// rename appends suffix to every reference to a component schema under n.
func rename(n *yaml.Node, suffix string) {
	if n.Kind == yaml.MappingNode {
		for k := 0; k+1 < len(n.Content); k += 2 {
			if v := n.Content[k+1]; n.Content[k].Value == "$ref" && v.Kind == yaml.ScalarNode && strings.HasPrefix(v.Value, schemaRef) {
				v.Value += suffix
			}
		}
	}
	for _, c := range n.Content {
		rename(c, suffix)
	}
}

func get(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for k := 0; k+1 < len(m.Content); k += 2 {
		if m.Content[k].Value == key {
			return m.Content[k+1]
		}
	}
	return nil
}

func set(m *yaml.Node, key string, v *yaml.Node) {
	for k := 0; k+1 < len(m.Content); k += 2 {
		if m.Content[k].Value == key {
			m.Content[k+1] = v
			return
		}
	}
	put(m, key, v)
}

func put(m *yaml.Node, key string, v *yaml.Node) {
	m.Content = append(m.Content, str(key), v)
}

func seq(n *yaml.Node) []*yaml.Node {
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	return n.Content
}

func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

// clone copies n deeply, without comments and positions.
func clone(n *yaml.Node) *yaml.Node {
	if n == nil {
		return nil
	}
	c := &yaml.Node{Kind: n.Kind, Style: n.Style, Tag: n.Tag, Value: n.Value, Anchor: n.Anchor}
	if n.Alias != nil {
		c.Alias = clone(n.Alias)
	}
	for _, x := range n.Content {
		c.Content = append(c.Content, clone(x))
	}
	return c
}
