package rt

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

// APIError is an answer the client cannot turn into a result: a non-2xx
// status, whether or not the spec lists it, or a 2xx whose body does not
// decode (then the order may have been placed: check StatusCode). Get it
// with errors.As.
type APIError struct {
	// StatusCode is the HTTP status.
	StatusCode int
	// ErrorCode and ErrorMsg are the service's error_code and error_msg
	// (or error.code and error.message), "" when the body has none.
	ErrorCode string
	ErrorMsg  string
	// RequestID is the X-Request-Id response header (else the body's
	// request_id): quote it to Huawei Cloud support.
	RequestID string
	// Body is the raw response body, with the client's own secrets masked
	// should the server echo them.
	Body []byte

	op string // operationId
}

// Error renders the status, code, message and request ID.
func (e *APIError) Error() string {
	var b strings.Builder
	if e.op != "" {
		b.WriteString(e.op)
		b.WriteString(": ")
	}
	b.WriteString("HTTP ")
	b.WriteString(strconv.Itoa(e.StatusCode))
	if t := http.StatusText(e.StatusCode); t != "" {
		b.WriteString(" ")
		b.WriteString(t)
	}
	if e.ErrorCode != "" {
		b.WriteString(": ")
		b.WriteString(e.ErrorCode)
	}
	if e.ErrorMsg != "" {
		b.WriteString(": ")
		b.WriteString(e.ErrorMsg)
	}
	if e.RequestID != "" {
		b.WriteString(" (request ID ")
		b.WriteString(e.RequestID)
		b.WriteString(")")
	}
	return b.String()
}

// clientErrorBody is the error body of Huawei Cloud services: error_code
// and error_msg at the top (most services, DBSS adds details), or an
// "error" object with code and message (API Gateway, IAM).
type clientErrorBody struct {
	ErrorCode json.RawMessage `json:"error_code"`
	ErrorMsg  json.RawMessage `json:"error_msg"`
	RequestID string          `json:"request_id"`
	Error     struct {
		Code    json.RawMessage `json:"code"`
		Message json.RawMessage `json:"message"`
	} `json:"error"`
}

// apiError builds the *APIError of a non-2xx answer with body.
func (c *Client) apiError(call *Call, resp *http.Response, body []byte) *APIError {
	e := &APIError{StatusCode: resp.StatusCode, RequestID: resp.Header.Get("X-Request-Id"), op: call.Op}
	var eb clientErrorBody
	if json.Unmarshal(body, &eb) == nil || len(eb.ErrorCode)+len(eb.ErrorMsg)+len(eb.Error.Code) > 0 {
		e.ErrorCode = jsonScalarText(eb.ErrorCode, eb.Error.Code)
		e.ErrorMsg = jsonScalarText(eb.ErrorMsg, eb.Error.Message)
		if e.RequestID == "" {
			e.RequestID = eb.RequestID
		}
	}
	e.ErrorCode, e.ErrorMsg, e.RequestID = c.redact(e.ErrorCode), c.redact(e.ErrorMsg), c.redact(e.RequestID)
	e.Body = bytes.Clone(body)
	for _, secret := range [...]string{c.cfg.sk, c.cfg.token} {
		if secret != "" {
			e.Body = bytes.ReplaceAll(e.Body, []byte(secret), []byte(clientRedacted))
		}
	}
	return e
}

// jsonScalarText returns the first present value as text: a string
// unquoted, a number or boolean as written.
func jsonScalarText(vals ...json.RawMessage) string {
	for _, raw := range vals {
		raw = bytes.TrimSpace(raw)
		if len(raw) == 0 || string(raw) == "null" {
			continue
		}
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s
		}
		if raw[0] != '{' && raw[0] != '[' {
			return string(raw)
		}
	}
	return ""
}

// clientRedacted replaces a secret in errors.
const clientRedacted = "******"
