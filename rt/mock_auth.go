package rt

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// authenticateHeaders checks the call's credentials as Huawei Cloud's
// gateway does, as far as the headers allow: an X-Auth-Token, or an
// SDK-HMAC-SHA256 signature (Authorization and X-Sdk-Date). It returns ""
// when they pass, else why not, and whether the body is needed to finish
// (the signature covers the body's hash). Nothing of the body is read
// before the headers pass.
//
// In permissive mode (no token and no key configured) any well-formed
// credentials pass: a non-empty token, or a signature header that parses
// with an X-Sdk-Date within 15 minutes; the signature itself cannot be
// checked without the secret key. A call with no credentials at all is
// refused in every mode, as the real service refuses it.
func (m *MockServer) authenticateHeaders(r *http.Request) (msg string, needBody bool) {
	permissive := len(m.cfg.tokens) == 0 && len(m.cfg.keys) == 0
	if tok, ok := r.Header["X-Auth-Token"]; ok {
		switch {
		case len(tok) == 0 || tok[0] == "":
			return "empty X-Auth-Token", false
		case permissive || m.cfg.tokens[tok[0]]:
			return "", false
		}
		return "decrypt token fail: the X-Auth-Token is not one this server accepts", false
	}
	auth, ok := r.Header["Authorization"]
	if !ok || len(auth) == 0 || auth[0] == "" {
		return "no credentials: send X-Auth-Token, or sign the request with AK/SK (Authorization and X-Sdk-Date)", false
	}
	ak, _, _, err := parseAuthorization(auth[0])
	if err != nil {
		return sigFailure(err), false
	}
	if !permissive {
		if _, known := m.cfg.keys[ak]; !known {
			return "Get secretKey failed: unknown access key " + strconv.Quote(ak), false
		}
	}
	date := r.Header.Get(headerSdkDate)
	if date == "" {
		return "verify aksk signature fail: missing X-Sdk-Date header", false
	}
	t, err := time.Parse(signDateFormat, date)
	if err != nil {
		return "verify aksk signature fail: X-Sdk-Date " + strconv.Quote(date) + " is not in the form 20060102T150405Z", false
	}
	if d := m.cfg.now().Sub(t); d > mockSignatureSkew || d < -mockSignatureSkew {
		return "verify aksk signature fail: X-Sdk-Date " + date + " is more than " + mockSignatureSkew.String() + " from the server time", false
	}
	// Permissive mode checks the body only against X-Sdk-Content-Sha256.
	return "", !permissive || r.Header.Get(headerContentSHA256) != ""
}

// authenticateBody finishes what authenticateHeaders started: the
// signature over the whole request, body included (in permissive mode,
// X-Sdk-Content-Sha256 against the body). It returns "" or why not.
func (m *MockServer) authenticateBody(r *http.Request, body []byte) string {
	if len(m.cfg.tokens) == 0 && len(m.cfg.keys) == 0 {
		if err := checkContentHash(r, body); err != nil {
			return sigFailure(err)
		}
		return ""
	}
	err := verifySignature(r, body, m.secretFor, m.cfg.now(), mockSignatureSkew)
	if err == nil {
		return ""
	}
	var se *signatureError
	if errors.As(err, &se) && se.fault == sigUnknownKey {
		return "Get secretKey failed: " + strings.TrimPrefix(err.Error(), "authorization: ")
	}
	return sigFailure(err)
}

// sigFailure renders a signature error.
func sigFailure(err error) string {
	return "verify aksk signature fail: " + strings.TrimPrefix(err.Error(), "authorization: ")
}

// secretFor looks up the secret key of access key ak.
func (m *MockServer) secretFor(ak string) (string, bool) {
	sk, ok := m.cfg.keys[ak]
	return sk, ok
}
