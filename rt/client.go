package rt

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Client calls the service's operations; one method per operation is
// generated next to it. It is safe for concurrent use. Create it with
// NewClient.
//
// A Client never prints its credentials: its fields are pointers, so %v
// shows addresses, and no error it returns contains the secret key or the
// token.
type Client struct {
	cfg  *clientConfig
	bufs *sync.Pool // *bytes.Buffer for response bodies
}

// clientConfig is what the options set, fixed once newClient returns.
type clientConfig struct {
	base      url.URL // the endpoint; Path without a trailing slash
	ak, sk    string
	token     string
	projectID string
	// Header values shared read-only by all requests.
	userAgent  []string
	projectHdr []string // X-Project-Id, or nil
	tokenHdr   []string // X-Auth-Token, or nil
	jsonType   []string // Content-Type of bodies
	httpClient *http.Client
	noValidate bool
	retry      retryPolicy
	now        func() time.Time
	err        error // the first option error
}

// Option configures a Client.
type Option func(*clientConfig)

// clientDefaultUserAgent is the User-Agent unless WithUserAgent says otherwise.
const clientDefaultUserAgent = "ordergen-go-client/1.0"

// WithAKSK makes the client sign every request with the access key ak and
// the secret key sk (SDK-HMAC-SHA256, as the official SDK does).
func WithAKSK(ak, sk string) Option {
	return func(c *clientConfig) {
		if ak == "" || sk == "" {
			c.setErr(errors.New("WithAKSK: access key and secret key must not be empty"))
			return
		}
		c.ak, c.sk = ak, sk
	}
}

// WithToken makes the client send token in the X-Auth-Token header.
func WithToken(token string) Option {
	return func(c *clientConfig) {
		if token == "" {
			c.setErr(errors.New("WithToken: token must not be empty"))
			return
		}
		c.token = token
	}
}

// WithProjectID sets the project ID used when a call leaves its project_id
// path parameter empty; it is also sent as X-Project-Id, as the official SDK
// does.
func WithProjectID(id string) Option {
	return func(c *clientConfig) { c.projectID = id }
}

// WithHTTPClient sends requests through hc's Transport (instead of
// http.DefaultTransport), bounding each call, retries included, by
// hc.Timeout. Redirects are not followed unless hc has its own
// CheckRedirect; a cookie Jar is honored.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *clientConfig) {
		if hc == nil {
			c.setErr(errors.New("WithHTTPClient: nil *http.Client"))
			return
		}
		c.httpClient = hc
	}
}

// WithUserAgent sets the User-Agent header of every request; "" leaves it
// to net/http.
func WithUserAgent(ua string) Option {
	return func(c *clientConfig) {
		c.userAgent = nil
		if ua != "" {
			c.userAgent = []string{ua}
		}
	}
}

// WithoutValidation turns off checking parameters and bodies against the
// spec before sending, e.g. to test how a server handles invalid orders.
func WithoutValidation() Option {
	return func(c *clientConfig) { c.noValidate = true }
}

// WithRetry sets how often a call is attempted (attempts >= 1; 1 turns
// retrying off) and the backoff between attempts: it starts at base,
// doubles up to max, and each wait is drawn at random from its upper half.
// Whatever the policy, a call is retried only when the request provably did
// not reach the server (the connection was refused, DNS failed), or on 429
// and 503 with a Retry-After header for operations the spec marks
// x-retry-safe; and never past the context's deadline. The default is 3
// attempts, 100ms, 2s.
func WithRetry(attempts int, base, max time.Duration) Option {
	return func(c *clientConfig) {
		if attempts < 1 || base < 0 || max < base {
			c.setErr(errors.New("WithRetry: want attempts >= 1 and 0 <= base <= max"))
			return
		}
		c.retry = retryPolicy{attempts: attempts, base: base, max: max}
	}
}

// withClientClock replaces time.Now for signing, for tests.
func withClientClock(now func() time.Time) Option {
	return func(c *clientConfig) { c.now = now }
}

func (c *clientConfig) setErr(err error) {
	if c.err == nil {
		c.err = err
	}
}

// NewClient returns a client for the service at endpoint, an absolute
// http or https URL such as https://dsc.cn-north-4.myhuaweicloud.com.
func NewClient(endpoint string, opts ...Option) (*Client, error) {
	u, err := url.Parse(endpoint)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return nil, errors.New("new client: endpoint " + quoteShort(endpoint) + " is not an http or https URL without query")
	}
	cfg := &clientConfig{
		userAgent:  []string{clientDefaultUserAgent},
		jsonType:   []string{"application/json;charset=UTF-8"},
		httpClient: http.DefaultClient,
		retry:      defaultRetryPolicy(),
		now:        time.Now,
	}
	for _, o := range opts {
		o(cfg)
	}
	if cfg.err != nil {
		return nil, errors.New("new client: " + cfg.err.Error())
	}
	if cfg.sk != "" && cfg.token != "" {
		return nil, errors.New("new client: WithAKSK and WithToken exclude each other")
	}
	if cfg.projectID != "" {
		cfg.projectHdr = []string{cfg.projectID}
	}
	if cfg.token != "" {
		cfg.tokenHdr = []string{cfg.token}
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	u.RawPath = ""
	u.User = nil
	cfg.base = *u
	return &Client{cfg: cfg, bufs: &sync.Pool{New: func() any { return new(bytes.Buffer) }}}, nil
}

// clientInvalid merges the parameter and body validation errors (each a
// *ValidationError or nil) into one, so that a caller sees every problem.
func InvalidRequest(paramErr, bodyErr error) error {
	switch {
	case bodyErr == nil:
		return paramErr
	case paramErr == nil:
		return bodyErr
	}
	var pe, be *ValidationError
	if !errors.As(paramErr, &pe) || !errors.As(bodyErr, &be) {
		return errors.Join(paramErr, bodyErr)
	}
	return &ValidationError{Violations: append(append([]Violation(nil), pe.Violations...), be.Violations...)}
}

// clientBodyRequired is the error for a nil body the spec requires.
func BodyRequired() error {
	return &ValidationError{Violations: []Violation{{In: "body", Rule: "required", Message: "the request body is required"}}}
}

// clientAppendQuery appends name=value to the encoded query q, escaped as
// the signer canonicalizes them (RFC 3986 unreserved characters kept,
// space as %20).
func AppendQuery(q []byte, name, value string) []byte {
	if len(q) > 0 {
		q = append(q, '&')
	}
	q = appendEscaped(q, name)
	q = append(q, '=')
	return appendEscaped(q, value)
}

// Call is one call of an operation, filled by the generated method.
type Call struct {
	Op     string // operationId, for errors
	Method string
	// Path is the escaped path below the endpoint, parameters filled in.
	Path string
	// Query is the encoded query without "?", or "".
	Query string
	// Header holds name, value pairs of header parameters, names in
	// canonical form.
	Header []string
	// RetrySafe is the operation's x-retry-safe: a 429 or 503 with
	// Retry-After may be sent again.
	RetrySafe bool
}

// Do sends call with body (nil for none) encoded as JSON, and decodes a 2xx
// answer into out (nil to discard it). Any other status becomes an
// *APIError. It validates nothing: the generated method has done that.
func (c *Client) Do(ctx context.Context, call *Call, body any, out any) error {
	var payload []byte
	if body != nil {
		var err error
		if payload, err = json.Marshal(body); err != nil {
			return errors.New(call.Op + ": encode request body: " + err.Error())
		}
	}
	if t := c.cfg.httpClient.Timeout; t > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, t)
		defer cancel()
	}
	for attempt := 1; ; attempt++ {
		req, err := c.newRequest(ctx, call, payload)
		if err != nil {
			return err
		}
		resp, err := c.send(req)
		if err != nil {
			if attempt < c.cfg.retry.attempts && notSent(err) && clientSleep(ctx, c.cfg.retry.backoff(attempt)) {
				continue
			}
			return c.transportError(call, err)
		}
		err = c.finish(call, resp, out)
		// The whole answer is read first, so that giving up returns it.
		if call.RetrySafe && attempt < c.cfg.retry.attempts {
			if wait, ok := retryAfter(resp); ok && clientSleep(ctx, wait) {
				continue
			}
		}
		return err
	}
}

// send makes one round trip. Like the official SDK, the client does not
// follow redirects: an order must not be re-sent somewhere else unasked, so
// a 3xx comes back as an *APIError. It therefore calls the transport
// directly, which also saves http.Client's per-request header copies; only
// an http.Client with a cookie jar or its own CheckRedirect goes through
// Do, so that both are honored.
func (c *Client) send(req *http.Request) (*http.Response, error) {
	hc := c.cfg.httpClient
	if hc.Jar != nil || hc.CheckRedirect != nil {
		return hc.Do(req)
	}
	rt := hc.Transport
	if rt == nil {
		rt = http.DefaultTransport
	}
	resp, err := rt.RoundTrip(req)
	if err != nil {
		// As http.Client reports it: "Post \"https://...\": cause".
		op := req.Method[:1] + strings.ToLower(req.Method[1:])
		return nil, &url.Error{Op: op, URL: req.URL.Redacted(), Err: err}
	}
	return resp, nil
}

// newRequest builds the signed request for one attempt. The URL is copied
// from the parsed endpoint rather than parsed again.
func (c *Client) newRequest(ctx context.Context, call *Call, payload []byte) (*http.Request, error) {
	cfg := c.cfg
	req, err := http.NewRequestWithContext(ctx, call.Method, "", nil)
	if err != nil {
		return nil, errors.New(call.Op + ": " + err.Error())
	}
	u := req.URL
	*u = cfg.base
	rawPath := cfg.base.Path + call.Path
	if u.Path, err = url.PathUnescape(rawPath); err != nil {
		return nil, errors.New(call.Op + ": malformed request path")
	}
	if u.Path != rawPath {
		u.RawPath = rawPath
	}
	u.RawQuery = call.Query
	req.Host = u.Host
	h := req.Header
	if cfg.userAgent != nil {
		// An empty value would be signed but not sent.
		h["User-Agent"] = cfg.userAgent
	}
	if cfg.projectHdr != nil {
		h["X-Project-Id"] = cfg.projectHdr
	}
	for i := 0; i+1 < len(call.Header); i += 2 {
		h[call.Header[i]] = append(h[call.Header[i]], call.Header[i+1])
	}
	if payload != nil {
		if h["Content-Type"] == nil {
			h["Content-Type"] = cfg.jsonType
		}
		req.ContentLength = int64(len(payload))
		// A *bytes.Reader in io.NopCloser is a body net/http knows to be in
		// memory: it writes headers and body in one go, where any other
		// reader costs an extra flush (a packet) per request.
		req.Body = io.NopCloser(bytes.NewReader(payload))
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(payload)), nil }
	}
	switch {
	case cfg.sk != "":
		if err := signRequest(req, payload, cfg.ak, cfg.sk, cfg.now()); err != nil {
			return nil, errors.New(call.Op + ": " + err.Error())
		}
	case cfg.token != "":
		h["X-Auth-Token"] = cfg.tokenHdr
	}
	return req, nil
}

// finish reads resp and turns it into out or an *APIError.
func (c *Client) finish(call *Call, resp *http.Response, out any) error {
	buf := c.bufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer func() {
		if buf.Cap() <= 1<<20 {
			c.bufs.Put(buf)
		}
	}()
	_, err := buf.ReadFrom(resp.Body)
	resp.Body.Close()
	if err != nil {
		return errors.New(call.Op + ": read response: " + c.redact(err.Error()))
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return c.apiError(call, resp, buf.Bytes())
	}
	if out == nil || buf.Len() == 0 {
		return nil
	}
	if err := clientDecode(buf.Bytes(), out); err != nil {
		return &APIError{StatusCode: resp.StatusCode, RequestID: resp.Header.Get("X-Request-Id"),
			ErrorMsg: "undecodable success response: " + err.Error(), Body: bytes.Clone(buf.Bytes()), op: call.Op}
	}
	return nil
}

// clientDecode decodes a success body into out. The generated types check
// the JSON themselves (their UnmarshalJSON scans and then decodes it with
// encoding/json), so calling it directly saves json.Unmarshal's own
// validating pass over the body.
func clientDecode(data []byte, out any) error {
	if u, ok := out.(json.Unmarshaler); ok {
		return u.UnmarshalJSON(bytes.TrimSpace(data))
	}
	return json.Unmarshal(data, out)
}

// transportError reports a failed round trip. url.Error already names the
// method and URL, which hold no secrets (the token and signature travel in
// headers).
func (c *Client) transportError(call *Call, err error) error {
	return &clientTransportError{op: call.Op, msg: c.redact(err.Error()), err: err}
}

// clientTransportError keeps the cause for errors.Is/As (context.Canceled,
// *net.OpError) while its message is redacted.
type clientTransportError struct {
	op, msg string
	err     error
}

func (e *clientTransportError) Error() string { return e.op + ": " + e.msg }
func (e *clientTransportError) Unwrap() error { return e.err }

// redact replaces the client's secrets in s; a server or a transport could
// echo them back.
func (c *Client) redact(s string) string {
	for _, secret := range [...]string{c.cfg.sk, c.cfg.token} {
		if secret != "" && strings.Contains(s, secret) {
			s = strings.ReplaceAll(s, secret, clientRedacted)
		}
	}
	return s
}

// quoteShort quotes s for an error message, cut to 100 bytes.
func quoteShort(s string) string {
	if len(s) > 100 {
		s = s[:100] + "..."
	}
	return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
}

// ProjectID returns the project ID set by WithProjectID, the default of
// every project_id path parameter left empty.
func (c *Client) ProjectID() string { return c.cfg.projectID }

// Validates reports whether calls are validated before they are sent (true
// unless WithoutValidation was given).
func (c *Client) Validates() bool { return !c.cfg.noValidate }
