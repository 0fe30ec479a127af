package rt

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// AK/SK signing as the official Huawei Cloud SDK does it (SDK-HMAC-SHA256):
//
//	CanonicalRequest = Method \n CanonicalURI \n CanonicalQuery \n
//	                   CanonicalHeaders \n SignedHeaders \n hex(sha256(body))
//	StringToSign     = "SDK-HMAC-SHA256" \n X-Sdk-Date \n hex(sha256(CanonicalRequest))
//	Signature        = hex(hmac-sha256(SK, StringToSign))
//	Authorization    = "SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=hex"
//
// The canonical URI is every path segment re-escaped (only A-Z a-z 0-9 - _ . ~
// stay as they are) and always ends in a slash; the query is sorted by key,
// then value, each escaped the same way, "k=" for an empty value; the signed
// headers are every header the request carries except Content-Type* and
// names containing "_", lower-cased and sorted, and each line is
// "name:trimmed value". The code builds all of it in one byte buffer (on the
// stack for ordinary requests) and computes the HMAC by hand over sha256.Sum256
// so that signing an order allocates the two header values and nothing else.
const (
	signAlgorithm       = "SDK-HMAC-SHA256"
	signDateFormat      = "20060102T150405Z"
	headerSdkDate       = "X-Sdk-Date"
	headerAuthorization = "Authorization"
	headerContentSHA256 = "X-Sdk-Content-Sha256"
	unsignedPayload     = "UNSIGNED-PAYLOAD"
	// defaultSignSkew is how far X-Sdk-Date may be from the server's clock,
	// as Huawei Cloud's API gateway allows.
	defaultSignSkew = 15 * time.Minute
)

// signRequest signs req for the access key ak and secret key sk at time now:
// it sets X-Sdk-Date and Authorization. body must be the exact bytes req
// sends. Every header already on req is signed (except Content-Type and
// names with "_"), so set them all before calling.
func signRequest(req *http.Request, body []byte, ak, sk string, now time.Time) error {
	if ak == "" {
		return errors.New("sign request: empty access key")
	}
	if sk == "" {
		return errors.New("sign request: empty secret key")
	}
	var dateArr [16]byte
	date := appendSignDate(dateArr[:0], now)
	delete(req.Header, headerAuthorization)
	// One backing array for both header values saves an allocation.
	vals := make([]string, 2)
	vals[0] = string(date)
	req.Header[headerSdkDate] = vals[0:1:1]

	var keyArr [16]string
	keys := keyArr[:0]
	for k := range req.Header {
		if signableHeader(k) {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, compareFold)

	// 512 bytes hold the canonical request of an ordinary call; Go zeroes
	// the array on every call, so it is not made larger than needed.
	var bufArr [512]byte
	// The signed-header list goes first in the buffer: it is needed twice.
	buf := bufArr[:0]
	for i, k := range keys {
		if i > 0 {
			buf = append(buf, ';')
		}
		buf = appendLower(buf, k)
	}
	nSigned := len(buf)
	buf, _, err := appendCanonicalRequest(buf, req, body, buf[:nSigned], keys)
	if err != nil {
		return err
	}
	sig := signatureOf(sk, date, buf[nSigned:])

	var authArr [256]byte
	auth := append(authArr[:0], signAlgorithm+" Access="...)
	auth = append(auth, ak...)
	auth = append(auth, ", SignedHeaders="...)
	auth = append(auth, buf[:nSigned]...)
	auth = append(auth, ", Signature="...)
	auth = append(auth, sig[:]...)
	vals[1] = string(auth)
	req.Header[headerAuthorization] = vals[1:2:2]
	return nil
}

// appendSignDate appends t in UTC as 20060102T150405Z, several times
// faster than time.Time.AppendFormat.
func appendSignDate(b []byte, t time.Time) []byte {
	t = t.UTC()
	y, mo, d := t.Date()
	h, mi, sec := t.Clock()
	b = append(b, byte('0'+y/1000%10), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10))
	for _, v := range [...]int{int(mo), d, -1, h, mi, sec} {
		if v < 0 {
			b = append(b, 'T')
			continue
		}
		b = append(b, byte('0'+v/10), byte('0'+v%10))
	}
	return append(b, 'Z')
}

// signableHeader reports whether the SDK signs a header of that name.
func signableHeader(name string) bool {
	if len(name) >= len("content-type") && strings.EqualFold(name[:len("content-type")], "content-type") {
		return false
	}
	return !strings.Contains(name, "_") && !strings.EqualFold(name, headerAuthorization)
}

// appendCanonicalRequest appends the canonical request of req to buf.
// signed is the ";"-joined lower-case signed header list. keys, when not
// nil, are the header map keys of the signed names in the same order (the
// signing side); otherwise each name is looked up in req.Header (the
// verifying side). "host" is always req.Host, what is sent. missing is the first signed name the
// request does not carry.
func appendCanonicalRequest(buf []byte, req *http.Request, body []byte, signed []byte, keys []string) (out []byte, missing string, err error) {
	buf = append(buf, req.Method...)
	buf = append(buf, '\n')
	if buf, err = appendCanonicalURI(buf, req.URL.EscapedPath()); err != nil {
		return buf, "", err
	}
	buf = append(buf, '\n')
	if buf, err = appendCanonicalQuery(buf, req.URL.RawQuery); err != nil {
		return buf, "", err
	}
	buf = append(buf, '\n')
	rest := signed
	for i := 0; len(rest) > 0; i++ {
		name := rest
		if j := bytes.IndexByte(rest, ';'); j >= 0 {
			name, rest = rest[:j], rest[j+1:]
		} else {
			rest = nil
		}
		var values []string
		switch {
		case string(name) == "host":
			// What goes on the wire, not a Host entry of the header map.
			host := req.Host
			if host == "" {
				host = req.URL.Host
			}
			buf = appendHeaderLine(buf, name, host)
			continue
		case keys != nil:
			values = req.Header[keys[i]]
		default:
			values = headerValues(req.Header, name)
		}
		if values == nil && missing == "" {
			missing = string(name)
		}
		buf = appendHeaderLines(buf, name, values)
	}
	buf = append(buf, '\n')
	buf = append(buf, signed...)
	buf = append(buf, '\n')
	if h := req.Header[headerContentSHA256]; len(h) > 0 {
		return append(buf, h[0]...), missing, nil
	}
	sum := sha256.Sum256(body)
	return hex.AppendEncode(buf, sum[:]), missing, nil
}

// headerValues returns the values of the header whose lower-case name is
// name, without building the canonical key.
func headerValues(h http.Header, name []byte) []string {
	for k, v := range h {
		if equalFoldBytes(k, name) {
			return v
		}
	}
	return nil
}

// appendCanonicalURI appends the path re-escaped segment by segment, with
// a trailing slash.
func appendCanonicalURI(buf []byte, escapedPath string) ([]byte, error) {
	if plainPath(escapedPath) {
		// Nothing to unescape or escape: the common case.
		buf = append(buf, escapedPath...)
	} else {
		var err error
		if buf, err = appendEscapedSegments(buf, escapedPath); err != nil {
			return buf, err
		}
	}
	if len(buf) == 0 || buf[len(buf)-1] != '/' {
		buf = append(buf, '/')
	}
	return buf, nil
}

// plainPath reports whether p has only slashes and characters the SDK
// leaves unescaped.
func plainPath(p string) bool {
	for i := 0; i < len(p); i++ {
		if c := p[i]; c != '/' && !unreserved(c) {
			return false
		}
	}
	return true
}

// appendEscapedSegments unescapes each segment of escapedPath and appends
// it escaped as the SDK does.
func appendEscapedSegments(buf []byte, escapedPath string) ([]byte, error) {
	rest := escapedPath
	for {
		seg := rest
		i := strings.IndexByte(rest, '/')
		if i >= 0 {
			seg = rest[:i]
		}
		u, err := url.PathUnescape(seg)
		if err != nil {
			return buf, errors.New("sign request: malformed path escape")
		}
		buf = appendEscaped(buf, u)
		if i < 0 {
			return buf, nil
		}
		buf = append(buf, '/')
		rest = rest[i+1:]
	}
}

// queryPair is one decoded query parameter.
type queryPair struct{ key, value string }

// appendCanonicalQuery appends the decoded, sorted, re-escaped query.
func appendCanonicalQuery(buf []byte, rawQuery string) ([]byte, error) {
	if rawQuery == "" {
		return buf, nil
	}
	var pairArr [16]queryPair
	pairs := pairArr[:0]
	for part := range strings.SplitSeq(rawQuery, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		key, err1 := url.QueryUnescape(k)
		value, err2 := url.QueryUnescape(v)
		if err1 != nil || err2 != nil {
			return buf, errors.New("sign request: malformed query escape")
		}
		pairs = append(pairs, queryPair{key, value})
	}
	slices.SortFunc(pairs, func(a, b queryPair) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		return strings.Compare(a.value, b.value)
	})
	for i, p := range pairs {
		if i > 0 {
			buf = append(buf, '&')
		}
		buf = appendEscaped(buf, p.key)
		buf = append(buf, '=')
		buf = appendEscaped(buf, p.value)
	}
	return buf, nil
}

// appendHeaderLines appends "name:value\n" for each value, values sorted.
func appendHeaderLines(buf []byte, name []byte, values []string) []byte {
	if len(values) > 1 && !slices.IsSorted(values) {
		values = slices.Sorted(slices.Values(values))
	}
	for _, v := range values {
		buf = appendHeaderLine(buf, name, v)
	}
	return buf
}

// appendHeaderLine appends "name:value\n" with value trimmed.
func appendHeaderLine(buf []byte, name []byte, value string) []byte {
	buf = append(buf, name...)
	buf = append(buf, ':')
	buf = append(buf, strings.TrimSpace(value)...)
	return append(buf, '\n')
}

// signatureOf returns hex(hmac-sha256(sk, StringToSign)) for the canonical
// request cr. It computes the HMAC by hand (RFC 2104) over sha256.Sum256,
// which keeps everything on the stack.
func signatureOf(sk string, date []byte, cr []byte) [2 * sha256.Size]byte {
	crSum := sha256.Sum256(cr)
	var stsArr [len(signAlgorithm) + 1 + len(signDateFormat) + 1 + 2*sha256.Size]byte
	sts := append(stsArr[:0], signAlgorithm+"\n"...)
	sts = append(sts, date...)
	sts = append(sts, '\n')
	sts = hex.AppendEncode(sts, crSum[:])

	var key [sha256.BlockSize]byte
	if len(sk) > sha256.BlockSize {
		sum := sha256.Sum256([]byte(sk))
		copy(key[:], sum[:])
	} else {
		copy(key[:], sk)
	}
	var innerArr [sha256.BlockSize + len(stsArr)]byte
	inner := innerArr[:0]
	for _, b := range key {
		inner = append(inner, b^0x36)
	}
	inner = append(inner, sts...)
	innerSum := sha256.Sum256(inner)
	var outer [sha256.BlockSize + sha256.Size]byte
	for i, b := range key {
		outer[i] = b ^ 0x5c
	}
	copy(outer[sha256.BlockSize:], innerSum[:])
	mac := sha256.Sum256(outer[:])
	var out [2 * sha256.Size]byte
	hex.Encode(out[:], mac[:])
	return out
}

// appendEscaped appends s with every byte outside A-Z a-z 0-9 - _ . ~
// percent-encoded in upper-case hex, as the SDK's escape does.
func appendEscaped(buf []byte, s string) []byte {
	const hexDigits = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		if c := s[i]; unreserved(c) {
			buf = append(buf, c)
		} else {
			buf = append(buf, '%', hexDigits[c>>4], hexDigits[c&15])
		}
	}
	return buf
}

// unreserved reports whether c is an RFC 3986 unreserved character.
func unreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~'
}

// appendLower appends s in ASCII lower case.
func appendLower(buf []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}

// compareFold compares a and b as their ASCII lower-case forms.
func compareFold(a, b string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		ca, cb := a[i], b[i]
		if 'A' <= ca && ca <= 'Z' {
			ca += 'a' - 'A'
		}
		if 'A' <= cb && cb <= 'Z' {
			cb += 'a' - 'A'
		}
		if ca != cb {
			if ca < cb {
				return -1
			}
			return 1
		}
	}
	return len(a) - len(b)
}
