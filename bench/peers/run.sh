#!/usr/bin/env bash
# run.sh: the peer benchmarks of this module (make bench runs it from the
# repository root). First the tests that make the comparison meaningful,
# then each benchmark set several rounds with -count 1 (one test binary), so that ours and the
# peers take turns and a change in the machine's load falls on all of
# them; raw results go to results/, medians and ratios to stdout.
#
#   bash run.sh               # tests, bodies (10 rounds), generator (6 rounds)
#   bash run.sh bodies        # only the decode/validate benchmarks
#   bash run.sh generator     # only the generator benchmarks
set -euo pipefail
cd "$(dirname "$0")"
GO=${GO:-go}
what=${1:-all}
mkdir -p results
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
"$GO" test -c -o "$bin/peers.test" .

if [ "$what" = all ]; then
	"$GO" test -count=1 ./...
fi

if [ "$what" = all ] || [ "$what" = bodies ]; then
	: >results/bodies.txt
	for _ in $(seq "${BODY_ROUNDS:-10}"); do
		"$bin/peers.test" -test.run '^$' -test.bench '^Benchmark(DecodeValidate|Validate)$' -test.benchmem -test.count 1 >>results/bodies.txt
	done
	"$GO" tool benchstat -col /impl results/bodies.txt
fi

if [ "$what" = all ] || [ "$what" = generator ]; then
	: >results/generator.txt
	for _ in $(seq "${GEN_ROUNDS:-6}"); do
		"$bin/peers.test" -test.run '^$' -test.bench '^BenchmarkGenerator$' -test.benchtime 1x -test.count 1 -test.timeout 30m >>results/generator.txt
	done
	"$GO" tool benchstat -col /gen results/generator.txt
fi
