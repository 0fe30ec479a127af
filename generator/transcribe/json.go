package transcribe

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// jv is a JSON value that keeps the key order of objects, so examples are
// written out as the page prints them.
type jv struct {
	Kind string // object, array, string, number, bool, null
	Keys []string
	Obj  map[string]*jv
	Arr  []*jv
	Str  string // string value, or the number's literal text
	Bool bool
}

// parseJSON decodes one JSON value keeping key order.
func parseJSON(raw string) (*jv, error) {
	dec := json.NewDecoder(bytes.NewReader([]byte(raw)))
	dec.UseNumber()
	v, err := decodeValue(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("trailing data after the JSON value")
	}
	return v, nil
}

func decodeValue(dec *json.Decoder) (*jv, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			v := &jv{Kind: "object", Obj: map[string]*jv{}}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				k, _ := kt.(string)
				e, err := decodeValue(dec)
				if err != nil {
					return nil, err
				}
				if _, dup := v.Obj[k]; !dup {
					v.Keys = append(v.Keys, k)
				}
				v.Obj[k] = e
			}
			_, err := dec.Token()
			return v, err
		case '[':
			v := &jv{Kind: "array"}
			for dec.More() {
				e, err := decodeValue(dec)
				if err != nil {
					return nil, err
				}
				v.Arr = append(v.Arr, e)
			}
			_, err := dec.Token()
			return v, err
		}
	case string:
		return &jv{Kind: "string", Str: t}, nil
	case json.Number:
		return &jv{Kind: "number", Str: t.String()}, nil
	case bool:
		return &jv{Kind: "bool", Bool: t}, nil
	case nil:
		return &jv{Kind: "null"}, nil
	}
	return nil, fmt.Errorf("unexpected JSON token %v", tok)
}

// get returns the member k of an object value, or nil.
func (v *jv) get(k string) *jv {
	if v == nil || v.Kind != "object" {
		return nil
	}
	return v.Obj[k]
}
