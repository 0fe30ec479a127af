package rt

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// signatureFault says why a signature was rejected.
type signatureFault int

// The reasons verifySignature rejects a request.
const (
	// sigMissing: no Authorization header.
	sigMissing signatureFault = iota + 1
	// sigMalformed: an Authorization header that is not SDK-HMAC-SHA256
	// with Access, SignedHeaders and Signature, or that does not sign
	// X-Sdk-Date.
	sigMalformed
	// sigUnknownKey: the access key is not known.
	sigUnknownKey
	// sigBadDate: X-Sdk-Date is missing or not yyyyMMddTHHmmssZ.
	sigBadDate
	// sigExpired: X-Sdk-Date is too far from the server's clock.
	sigExpired
	// sigMismatch: the request differs from what was signed (body,
	// headers, path, query, method) or was signed with another key.
	sigMismatch
)

// signatureError is verifySignature's error. Its message names the problem
// and never contains the secret key or the expected signature.
type signatureError struct {
	fault signatureFault
	msg   string
}

func (e *signatureError) Error() string { return e.msg }

func sigErr(f signatureFault, msg string) error { return &signatureError{fault: f, msg: msg} }

// verifySignature checks req's SDK-HMAC-SHA256 signature as Huawei Cloud's
// gateway does: secretFor maps the access key to its secret key, body is the
// exact request body, and X-Sdk-Date may be at most maxSkew from now (15
// minutes when maxSkew <= 0). It returns nil or a *signatureError.
func verifySignature(req *http.Request, body []byte, secretFor func(ak string) (sk string, ok bool), now time.Time, maxSkew time.Duration) error {
	vals := req.Header[headerAuthorization]
	if len(vals) == 0 || vals[0] == "" {
		return sigErr(sigMissing, "authorization: missing Authorization header")
	}
	ak, signed, sig, err := parseAuthorization(vals[0])
	if err != nil {
		return err
	}
	sk, ok := secretFor(ak)
	if !ok {
		return sigErr(sigUnknownKey, "authorization: unknown access key "+strconv.Quote(ak))
	}
	dates := req.Header[headerSdkDate]
	if len(dates) == 0 {
		return sigErr(sigBadDate, "authorization: missing X-Sdk-Date header")
	}
	t, perr := time.Parse(signDateFormat, dates[0])
	if perr != nil {
		return sigErr(sigBadDate, "authorization: X-Sdk-Date "+strconv.Quote(dates[0])+" is not in the form 20060102T150405Z")
	}
	if maxSkew <= 0 {
		maxSkew = defaultSignSkew
	}
	if d := now.Sub(t); d > maxSkew || d < -maxSkew {
		return sigErr(sigExpired, "authorization: X-Sdk-Date "+dates[0]+" is more than "+maxSkew.String()+" from the server time")
	}
	if err := checkContentHash(req, body); err != nil {
		return err
	}

	var bufArr [512]byte
	buf, missing, err := appendCanonicalRequest(bufArr[:0], req, body, []byte(signed), nil)
	if err != nil {
		return sigErr(sigMismatch, "authorization: "+strings.TrimPrefix(err.Error(), "sign request: "))
	}
	if missing != "" {
		return sigErr(sigMismatch, "authorization: signed header "+strconv.Quote(missing)+" is not in the request")
	}
	want := signatureOf(sk, []byte(dates[0]), buf)
	if len(sig) != len(want) || subtle.ConstantTimeCompare(want[:], []byte(sig)) != 1 {
		return sigErr(sigMismatch, "authorization: signature does not match the request (method, path, query, signed headers or body changed, or a different secret key)")
	}
	return nil
}

// parseAuthorization splits "SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b,
// Signature=hex" into its parts.
func parseAuthorization(v string) (ak, signed, sig string, err error) {
	alg, rest, ok := strings.Cut(v, " ")
	if !ok || alg != signAlgorithm {
		return "", "", "", sigErr(sigMalformed, "authorization: not an "+signAlgorithm+" signature")
	}
	for part := range strings.SplitSeq(rest, ",") {
		k, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return "", "", "", sigErr(sigMalformed, "authorization: malformed "+signAlgorithm+" parameter")
		}
		switch k {
		case "Access":
			ak = val
		case "SignedHeaders":
			signed = val
		case "Signature":
			sig = val
		default:
			return "", "", "", sigErr(sigMalformed, "authorization: unknown parameter "+strconv.Quote(k))
		}
	}
	switch {
	case ak == "":
		return "", "", "", sigErr(sigMalformed, "authorization: missing Access")
	case signed == "":
		return "", "", "", sigErr(sigMalformed, "authorization: missing SignedHeaders")
	case len(sig) != 2*sha256.Size || strings.Trim(sig, "0123456789abcdef") != "":
		return "", "", "", sigErr(sigMalformed, "authorization: Signature is not 64 lower-case hex digits")
	}
	dated := false
	for name := range strings.SplitSeq(signed, ";") {
		if name == "" {
			return "", "", "", sigErr(sigMalformed, "authorization: empty name in SignedHeaders")
		}
		dated = dated || strings.EqualFold(name, "x-sdk-date")
	}
	if !dated {
		return "", "", "", sigErr(sigMalformed, "authorization: SignedHeaders does not include x-sdk-date")
	}
	return ak, signed, sig, nil
}

// checkContentHash rejects an X-Sdk-Content-Sha256 header that does not
// match the body. UNSIGNED-PAYLOAD is what the SDK sends for bodies that are
// not JSON; for a JSON body it would leave the body unprotected.
func checkContentHash(req *http.Request, body []byte) error {
	h := req.Header[headerContentSHA256]
	if len(h) == 0 {
		return nil
	}
	if h[0] == unsignedPayload {
		if strings.Contains(req.Header.Get("Content-Type"), "json") {
			return sigErr(sigMismatch, "authorization: "+headerContentSHA256+": "+unsignedPayload+" is not accepted for a JSON body")
		}
		return nil
	}
	sum := sha256.Sum256(body)
	var hexSum [2 * sha256.Size]byte
	hex.Encode(hexSum[:], sum[:])
	if !strings.EqualFold(h[0], string(hexSum[:])) {
		return sigErr(sigMismatch, "authorization: "+headerContentSHA256+" does not match the body")
	}
	return nil
}

// equalFoldBytes is strings.EqualFold for ASCII without converting b.
func equalFoldBytes(s string, b []byte) bool {
	if len(s) != len(b) {
		return false
	}
	for i := 0; i < len(s); i++ {
		cs, cb := s[i], b[i]
		if 'A' <= cs && cs <= 'Z' {
			cs += 'a' - 'A'
		}
		if 'A' <= cb && cb <= 'Z' {
			cb += 'a' - 'A'
		}
		if cs != cb {
			return false
		}
	}
	return true
}
