package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"time"
)

// mockServer is what every generated MockServer offers.
type mockServer interface {
	http.Handler
	Handles(escapedPath string) bool
	Routes() []string
	AuthMode() string
}

// service is one generated mock and its name in /__mock/{name}/.
type service struct {
	name string
	mock mockServer
}

// mux routes calls to the service owning the path and fans the admin API
// out to every service.
type mux struct {
	services []service
}

func newMux(s []service) *mux { return &mux{services: s} }

const adminPrefix = "/__mock/"

func (m *mux) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, adminPrefix) {
		m.admin(w, r)
		return
	}
	for _, s := range m.services {
		if s.mock.Handles(r.URL.EscapedPath()) {
			s.mock.ServeHTTP(w, r)
			return
		}
	}
	// No service has the path: any of them answers 404 in gateway style.
	m.services[0].mock.ServeHTTP(w, r)
}

// admin serves /__mock/.
func (m *mux) admin(w http.ResponseWriter, r *http.Request) {
	rest := strings.TrimPrefix(r.URL.Path, adminPrefix)
	for _, s := range m.services {
		if sub, ok := strings.CutPrefix(rest, s.name+"/"); ok {
			r2 := r.Clone(r.Context())
			r2.URL.Path = adminPrefix + sub
			s.mock.ServeHTTP(w, r2)
			return
		}
	}
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	switch {
	case r.Method == http.MethodGet && (rest == "requests" || rest == "orders" || rest == "faults"):
		m.merged(w, r)
	case r.Method == http.MethodGet && strings.HasPrefix(rest, "orders/"):
		m.first(w, r, nil, http.StatusOK)
	case r.Method == http.MethodPost && rest == "faults":
		var f struct {
			Operation string `json:"operation"`
		}
		if json.Unmarshal(body, &f) == nil && f.Operation != "" {
			m.first(w, r, body, http.StatusCreated)
			return
		}
		m.all(w, r, body)
	case rest == "faults" || rest == "reset":
		m.all(w, r, body)
	default:
		m.services[0].mock.ServeHTTP(w, r)
	}
}

// call runs one admin request against one service.
func call(s service, r *http.Request, body []byte) *httptest.ResponseRecorder {
	r2 := r.Clone(r.Context())
	r2.Body = io.NopCloser(bytes.NewReader(body))
	r2.ContentLength = int64(len(body))
	rec := httptest.NewRecorder()
	s.mock.ServeHTTP(rec, r2)
	return rec
}

// merged answers with the JSON arrays of every service concatenated,
// sorted by their "time" member when they have one.
func (m *mux) merged(w http.ResponseWriter, r *http.Request) {
	var items []json.RawMessage
	for _, s := range m.services {
		rec := call(s, r, nil)
		var part []json.RawMessage
		if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &part) != nil {
			copyReply(w, rec)
			return
		}
		items = append(items, part...)
	}
	times := make([]time.Time, len(items))
	for i, it := range items {
		var t struct {
			Time time.Time `json:"time"`
		}
		json.Unmarshal(it, &t)
		times[i] = t.Time
	}
	idx := make([]int, len(items))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return times[idx[a]].Before(times[idx[b]]) })
	out := make([]json.RawMessage, len(items))
	for i, j := range idx {
		out[i] = items[j]
	}
	b, _ := json.MarshalIndent(out, "", "  ")
	w.Header().Set("Content-Type", "application/json")
	w.Write(append(b, '\n'))
}

// first answers with the first service's reply that has status want, else
// with the last reply.
func (m *mux) first(w http.ResponseWriter, r *http.Request, body []byte, want int) {
	var rec *httptest.ResponseRecorder
	for _, s := range m.services {
		if rec = call(s, r, body); rec.Code == want {
			break
		}
	}
	copyReply(w, rec)
}

// all sends the request to every service and answers with the first
// failure, else with the first reply.
func (m *mux) all(w http.ResponseWriter, r *http.Request, body []byte) {
	var first *httptest.ResponseRecorder
	for _, s := range m.services {
		rec := call(s, r, body)
		if rec.Code >= 300 {
			copyReply(w, rec)
			return
		}
		if first == nil {
			first = rec
		}
	}
	copyReply(w, first)
}

// copyReply writes a recorded reply to w.
func copyReply(w http.ResponseWriter, rec *httptest.ResponseRecorder) {
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	w.Write(rec.Body.Bytes())
}
