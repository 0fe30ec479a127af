// Command presign prints the X-Sdk-Date and Authorization headers that
// sign one POST for the benchmark (SDK-HMAC-SHA256 over host and
// x-sdk-date, as the official SDK computes it), so that wrk can replay a
// request the mock verifies in full every time: the signature stays valid
// while X-Sdk-Date is within the 15-minute window. It is written
// independently of rt, so the benchmark also cross-checks the
// verifier.
package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"
)

func main() {
	host := flag.String("host", "127.0.0.1:18082", "Host header wrk sends")
	path := flag.String("path", "", "request path")
	bodyFile := flag.String("body", "", "file holding the request body")
	ak := flag.String("ak", "AK", "access key")
	sk := flag.String("sk", "SK", "secret key")
	flag.Parse()
	body, err := os.ReadFile(*bodyFile)
	if err != nil {
		fmt.Fprintln(os.Stderr, "presign:", err)
		os.Exit(2)
	}
	date := time.Now().UTC().Format("20060102T150405Z")
	uri := *path
	if !strings.HasSuffix(uri, "/") {
		uri += "/" // the SDK's canonical URI always ends in a slash
	}
	sum := sha256.Sum256(body)
	canonical := strings.Join([]string{
		"POST", uri, "",
		"host:" + *host, "x-sdk-date:" + date, "",
		"host;x-sdk-date", hex.EncodeToString(sum[:]),
	}, "\n")
	crSum := sha256.Sum256([]byte(canonical))
	sts := "SDK-HMAC-SHA256\n" + date + "\n" + hex.EncodeToString(crSum[:])
	mac := hmac.New(sha256.New, []byte(*sk))
	mac.Write([]byte(sts))
	fmt.Printf("X-Sdk-Date: %s\n", date)
	fmt.Printf("Authorization: SDK-HMAC-SHA256 Access=%s, SignedHeaders=host;x-sdk-date, Signature=%s\n", *ak, hex.EncodeToString(mac.Sum(nil)))
}
