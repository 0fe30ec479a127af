package rt

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
)

// serveAdmin serves the test-control API under /__mock/, for tests in any
// language:
//
//	GET    /__mock/requests      calls received, oldest first (MockRequest)
//	GET    /__mock/orders        accepted orders (MockOrder)
//	GET    /__mock/orders/{id}   one order, 404 when unknown
//	GET    /__mock/faults        programmed faults (MockFault)
//	POST   /__mock/faults        add a fault: a MockFault as JSON
//	DELETE /__mock/faults        remove every fault
//	POST   /__mock/reset         forget requests, orders and faults
//
// It takes no credentials: it is for tests, on loopback.
func (m *MockServer) serveAdmin(w http.ResponseWriter, r *http.Request) {
	rest := strings.TrimPrefix(r.URL.Path, mockAdminPrefix)
	switch {
	case rest == "requests":
		if adminMethod(w, r, http.MethodGet) {
			adminJSON(w, http.StatusOK, m.Requests())
		}
	case rest == "orders":
		if adminMethod(w, r, http.MethodGet) {
			adminJSON(w, http.StatusOK, m.Orders())
		}
	case strings.HasPrefix(rest, "orders/"):
		if !adminMethod(w, r, http.MethodGet) {
			return
		}
		o, ok := m.Order(strings.TrimPrefix(rest, "orders/"))
		if !ok {
			adminError(w, http.StatusNotFound, "no order "+strings.TrimPrefix(rest, "orders/"))
			return
		}
		adminJSON(w, http.StatusOK, o)
	case rest == "faults":
		m.adminFaults(w, r)
	case rest == "reset":
		if adminMethod(w, r, http.MethodPost) {
			m.Reset()
			w.WriteHeader(http.StatusNoContent)
		}
	default:
		adminError(w, http.StatusNotFound, "unknown admin path "+r.URL.Path+"; see /__mock/requests, /__mock/orders, /__mock/faults, /__mock/reset")
	}
}

// adminFaults serves /__mock/faults.
func (m *MockServer) adminFaults(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet:
		adminJSON(w, http.StatusOK, m.Faults())
	case http.MethodDelete:
		m.ClearFaults()
		w.WriteHeader(http.StatusNoContent)
	case http.MethodPost:
		var f MockFault
		dec := json.NewDecoder(io.LimitReader(r.Body, 1<<20))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&f); err != nil {
			adminError(w, http.StatusBadRequest, "fault: "+err.Error())
			return
		}
		if _, err := dec.Token(); err != io.EOF {
			adminError(w, http.StatusBadRequest, "fault: unexpected data after the fault object; send one JSON object")
			return
		}
		f, err := m.addFault(f)
		if err != nil {
			adminError(w, http.StatusBadRequest, err.Error())
			return
		}
		adminJSON(w, http.StatusCreated, f)
	default:
		w.Header().Set("Allow", "GET, POST, DELETE")
		adminError(w, http.StatusMethodNotAllowed, "method "+r.Method+" not allowed")
	}
}

// adminMethod checks the method of an admin request, answering 405.
func adminMethod(w http.ResponseWriter, r *http.Request, want string) bool {
	if r.Method == want {
		return true
	}
	w.Header().Set("Allow", want)
	adminError(w, http.StatusMethodNotAllowed, "method "+r.Method+" not allowed; use "+want)
	return false
}

// adminJSON answers with v as JSON.
func adminJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		adminError(w, http.StatusInternalServerError, err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

// adminError answers with an error in the usual error_code/error_msg form.
func adminError(w http.ResponseWriter, status int, msg string) {
	b, _ := json.Marshal(map[string]string{"error_code": "MOCK.ADMIN", "error_msg": msg})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(b)
}
