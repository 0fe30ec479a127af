package rt

import (
	"net/http"
	"time"
)

// This file is not rendered into generated packages (templates.Render skips
// *_local.go): it exports the signer to the e2e module, whose tests compare
// it byte for byte with the official SDK's.

// SignForTest is signRequest, for the e2e tests.
func SignForTest(req *http.Request, body []byte, ak, sk string, now time.Time) error {
	return signRequest(req, body, ak, sk, now)
}

// VerifyForTest is verifySignature, for the e2e tests.
func VerifyForTest(req *http.Request, body []byte, secretFor func(ak string) (sk string, ok bool), now time.Time, maxSkew time.Duration) error {
	return verifySignature(req, body, secretFor, now, maxSkew)
}
