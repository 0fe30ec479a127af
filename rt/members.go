package rt

import (
	"encoding/json"
	"slices"
	"strings"
)

// AppendMembers adds the members of extra, in key order, to the JSON
// object obj (as encoding/json wrote it): the undeclared members an open
// struct keeps are sent again.
func AppendMembers(obj []byte, extra map[string]any) ([]byte, error) {
	if len(extra) == 0 {
		return obj, nil
	}
	keys := make([]string, 0, len(extra))
	for k := range extra {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	end := strings.LastIndexByte(string(obj), '}')
	if end < 0 {
		return obj, nil
	}
	out := append([]byte(nil), obj[:end]...)
	first := strings.TrimSpace(string(obj[:end])) == "{"
	for _, k := range keys {
		kb, err := json.Marshal(k)
		if err != nil {
			return nil, err
		}
		vb, err := json.Marshal(extra[k])
		if err != nil {
			return nil, err
		}
		if !first {
			out = append(out, ',')
		}
		first = false
		out = append(append(append(out, kb...), ':'), vb...)
	}
	return append(out, '}'), nil
}
