package loader

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"

	"github.com/pb33f/go-yaml"
)

// maxYAMLKeys is the most keys a mapping may have for the document to go
// to kin-openapi as YAML. kin-openapi's YAML decoder compares each key of
// a mapping with every other (a duplicate-key check), so a mapping of n
// keys costs n² comparisons: 209 s for 50 MB of extension data. A document
// with a larger mapping goes as JSON instead, which encoding/json decodes
// in linear time; kin-openapi then records no origins, and its own
// validation errors are located at the object it names instead of the key.
// Duplicate keys are the index's to find either way.
const maxYAMLKeys = 1000

// kinInput returns the bytes to give kin-openapi, with the keys at spots
// renamed (see neutralize): data, or, when a mapping is too large for its
// YAML decoder, the document as JSON. The YAML is kept when the document
// cannot be written as JSON faithfully (a merge key, a key that is not a
// scalar, a number JSON cannot hold).
func kinInput(ix *index, data []byte, spots []spot, yamlKeys int) []byte {
	if ix.maxKeys > yamlKeys {
		w := jsonWriter{rename: map[[2]int]bool{}}
		w.b.Grow(len(data))
		for _, s := range spots {
			w.rename[[2]int{s.pos.Line, s.pos.Col}] = true
		}
		if w.write(ix.root) {
			return w.b.Bytes()
		}
	}
	return neutralize(data, spots)
}

// jsonWriter writes a YAML node tree as JSON, renaming the keys at the
// positions in rename to extensions.
type jsonWriter struct {
	b      bytes.Buffer
	rename map[[2]int]bool
}

// write writes n as JSON, reporting false for what JSON cannot hold.
func (w *jsonWriter) write(n *yaml.Node) bool {
	b := &w.b
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	switch n.Kind {
	case yaml.DocumentNode:
		return len(n.Content) == 1 && w.write(n.Content[0])
	case yaml.MappingNode:
		b.WriteByte('{')
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode || k.Tag == "!!merge" || k.Value == "<<" {
				return false
			}
			if i > 0 {
				b.WriteByte(',')
			}
			key := k.Value
			if w.rename[[2]int{k.Line, k.Column}] && len(key) >= 2 {
				key = "x-" + key[2:]
			}
			writeString(b, key)
			b.WriteByte(':')
			if !w.write(n.Content[i+1]) {
				return false
			}
		}
		b.WriteByte('}')
		return true
	case yaml.SequenceNode:
		b.WriteByte('[')
		for i, c := range n.Content {
			if i > 0 {
				b.WriteByte(',')
			}
			if !w.write(c) {
				return false
			}
		}
		b.WriteByte(']')
		return true
	case yaml.ScalarNode:
		return writeScalar(b, n)
	}
	return false
}

// writeScalar writes a scalar the way kin-openapi's YAML path decodes it.
func writeScalar(b *bytes.Buffer, n *yaml.Node) bool {
	switch n.ShortTag() {
	case "!!null":
		b.WriteString("null")
	case "!!bool":
		v, err := strconv.ParseBool(strings.ToLower(n.Value))
		if err != nil {
			return false
		}
		b.WriteString(strconv.FormatBool(v))
	case "!!int":
		s := strings.ReplaceAll(n.Value, "_", "")
		v, err := strconv.ParseInt(strings.Replace(s, "0o", "0", 1), 0, 64)
		if err != nil {
			return false
		}
		b.WriteString(strconv.FormatInt(v, 10))
	case "!!float":
		v, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
			return false
		}
		b.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
	case "!!str", "!!timestamp":
		writeString(b, n.Value)
	default:
		return false
	}
	return true
}

func writeString(b *bytes.Buffer, s string) {
	q, _ := json.Marshal(s) // a string always marshals
	b.Write(q)
}
