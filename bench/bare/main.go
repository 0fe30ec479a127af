// Command bare is the benchmark's ceiling: a plain net/http handler that
// reads the request body, decodes it as JSON and answers a fixed body, with
// no routing, auth or validation. With --typed it decodes into the
// generated DBSS body type instead of any (decoding only; no Validate).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"

	"github.com/hwcorder/ordergen/generated/dbss"
)

const reply = `{"code":"0","description":"Success","order_id":"CS2508251714AAAAA"}`

func main() {
	addr := flag.String("addr", "127.0.0.1:18083", "address to listen on")
	typed := flag.Bool("typed", false, "decode into dbss.ChargeOrderDbssNew instead of any")
	flag.Parse()
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err == nil {
			if *typed {
				var v dbss.ChargeOrderDbssNew
				err = json.Unmarshal(body, &v)
			} else {
				var v any
				err = json.Unmarshal(body, &v)
			}
		}
		w.Header().Set("Content-Type", "application/json")
		if err != nil {
			w.WriteHeader(http.StatusBadRequest)
			w.Write([]byte(`{"error_code":"BAD","error_msg":"bad"}`))
			return
		}
		w.Write([]byte(reply))
	})
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bare:", err)
		os.Exit(1)
	}
	fmt.Printf("listening on http://%s\n", ln.Addr())
	if err := http.Serve(ln, h); err != nil {
		fmt.Fprintln(os.Stderr, "bare:", err)
		os.Exit(1)
	}
}
