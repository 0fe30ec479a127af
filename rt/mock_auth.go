package rt

import (
	"errors"
	"net/http"
	"strings"
	"time"
)

// authenticate checks the call's credentials as Huawei Cloud's gateway
// does: an X-Auth-Token, or an SDK-HMAC-SHA256 signature (Authorization
// and X-Sdk-Date). It returns "" when they pass, else why not.
//
// In permissive mode (no token and no key configured) any well-formed
// credentials pass: a non-empty token, or a signature header that parses
// with an X-Sdk-Date within 15 minutes; the signature itself cannot be
// checked without the secret key. A call with no credentials at all is
// refused in every mode, as the real service refuses it.
func (m *MockServer) authenticate(r *http.Request, body []byte) string {
	permissive := len(m.cfg.tokens) == 0 && len(m.cfg.keys) == 0
	if tok, ok := r.Header["X-Auth-Token"]; ok {
		switch {
		case len(tok) == 0 || tok[0] == "":
			return "empty X-Auth-Token"
		case permissive || m.cfg.tokens[tok[0]]:
			return ""
		}
		return "decrypt token fail: the X-Auth-Token is not one this server accepts"
	}
	auth, ok := r.Header["Authorization"]
	if !ok || len(auth) == 0 || auth[0] == "" {
		return "no credentials: send X-Auth-Token, or sign the request with AK/SK (Authorization and X-Sdk-Date)"
	}
	if permissive {
		return m.wellFormedSignature(r, body)
	}
	err := verifySignature(r, body, m.secretFor, m.cfg.now(), mockSignatureSkew)
	if err == nil {
		return ""
	}
	var se *signatureError
	if errors.As(err, &se) && se.fault == sigUnknownKey {
		return "Get secretKey failed: " + strings.TrimPrefix(err.Error(), "authorization: ")
	}
	return "verify aksk signature fail: " + strings.TrimPrefix(err.Error(), "authorization: ")
}

// secretFor looks up the secret key of access key ak.
func (m *MockServer) secretFor(ak string) (string, bool) {
	sk, ok := m.cfg.keys[ak]
	return sk, ok
}

// wellFormedSignature checks what can be checked of a signature without
// the secret key: the Authorization header's form, X-Sdk-Date's form and
// its distance from the server's clock, and X-Sdk-Content-Sha256 against
// the body when sent.
func (m *MockServer) wellFormedSignature(r *http.Request, body []byte) string {
	fail := func(err error) string {
		return "verify aksk signature fail: " + strings.TrimPrefix(err.Error(), "authorization: ")
	}
	if _, _, _, err := parseAuthorization(r.Header.Get("Authorization")); err != nil {
		return fail(err)
	}
	date := r.Header.Get(headerSdkDate)
	if date == "" {
		return "verify aksk signature fail: missing X-Sdk-Date header"
	}
	t, err := time.Parse(signDateFormat, date)
	if err != nil {
		return "verify aksk signature fail: X-Sdk-Date " + date + " is not in the form 20060102T150405Z"
	}
	if d := m.cfg.now().Sub(t); d > mockSignatureSkew || d < -mockSignatureSkew {
		return "verify aksk signature fail: X-Sdk-Date " + date + " is more than " + mockSignatureSkew.String() + " from the server time"
	}
	if err := checkContentHash(r, body); err != nil {
		return fail(err)
	}
	return ""
}
