// Command orderspec writes a spec of N order operations to standard
// output (see package orderspec), for running the generators by hand:
//
//	go run ./cmd/orderspec -n 500 > /tmp/orders500.yaml
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/hwcorder/ordergen/bench/peers/orderspec"
)

func main() {
	n := flag.Int("n", 100, "number of operations")
	flag.Parse()
	if flag.NArg() != 0 {
		fmt.Fprintln(os.Stderr, "usage: orderspec [-n N] > spec.yaml")
		os.Exit(2)
	}
	data, err := orderspec.Build(*n)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if _, err := os.Stdout.Write(data); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
