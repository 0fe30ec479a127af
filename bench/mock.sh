#!/usr/bin/env bash
# bench/mock.sh: CPU time per request of the generated mock (cmd/mock, with
# validation on and AK/SK signatures or tokens checked) against a bare
# net/http handler that only decodes the JSON (the ceiling) and against
# Prism (`prism mock specs/dbss.yaml`), all under the same wrk load on
# loopback. Each server is pinned to CPU 0, wrk to CPU 1. The primary figure
# is the server's CPU time per request, from /proc/PID/stat (utime+stime)
# before and after each run; requests per second are reported too. Medians
# over $ROUNDS rounds; the servers take turns within a round.
#
#   bench/mock.sh            # ROUNDS=5 DURATION=10 CONNS=32; writes docs/bench-mock.md
#
# Installs wrk (apt-get) and Prism (npm, into bench/) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-10}
CONNS=${CONNS:-32}
OUT=${OUT:-docs/bench-mock.md}
PRISM_VERSION=5.16.0
PROJECT=0123456789abcdef0123456789abcdef
REQ_PATH=/v2/$PROJECT/db-om/charge/period/order
SERVER_CPU=0
LOAD_CPU=1

if ! command -v wrk >/dev/null; then
	apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi
PRISM=bench/node_modules/@stoplight/prism-cli/dist/index.js
if [ ! -f "$PRISM" ]; then
	(cd bench && npm install --no-audit --no-fund "@stoplight/prism-cli@$PRISM_VERSION" >/dev/null)
fi

TMP=$(mktemp -d)
PIDS=()
cleanup() {
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$TMP"
}
trap cleanup EXIT

go build -o "$TMP/mock" ./cmd/mock
go build -o "$TMP/bare" ./bench/bare
go build -o "$TMP/presign" ./bench/presign

# name port command...; the server's PID is recorded in $TMP/NAME.pid.
start() {
	local name=$1 port=$2
	shift 2
	taskset -c $SERVER_CPU "$@" >"$TMP/$name.log" 2>&1 &
	echo $! >"$TMP/$name.pid"
	PIDS+=($!)
	for _ in $(seq 1 100); do
		if (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; then return 0; fi
		sleep 0.2
	done
	echo "mock.sh: $name did not start:" >&2
	cat "$TMP/$name.log" >&2
	exit 1
}

start bare 18083 "$TMP/bare" --addr 127.0.0.1:18083
start bare-typed 18085 "$TMP/bare" --addr 127.0.0.1:18085 --typed
start mock-token 18081 "$TMP/mock" --addr 127.0.0.1:18081 --token tok --quiet
start mock-aksk 18082 "$TMP/mock" --addr 127.0.0.1:18082 --ak AK --sk SK --quiet
start prism 18084 node "$PRISM" mock -p 18084 specs/dbss.yaml

# headers NAME: the extra request headers for server NAME.
headers() {
	case $1 in
	mock-aksk) "$TMP/presign" --host 127.0.0.1:18082 --path "$REQ_PATH" --body bench/dbss-order.json --ak AK --sk SK ;;
	*) echo "X-Auth-Token: tok" ;;
	esac
}

port() {
	case $1 in
	mock-token) echo 18081 ;; mock-aksk) echo 18082 ;; bare) echo 18083 ;; prism) echo 18084 ;; bare-typed) echo 18085 ;;
	esac
}

# ticks PID: user+system CPU time of the process, in clock ticks.
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# run NAME SECONDS: one wrk run; prints "cpu_us_per_req rps non2xx".
run() {
	local name=$1 secs=$2 pid t0 t1 out reqs rps bad
	pid=$(cat "$TMP/$name.pid")
	t0=$(ticks "$pid")
	out=$(BODY_FILE=bench/dbss-order.json REQ_PATH=$REQ_PATH REQ_HEADERS="$(headers "$name")" \
		taskset -c $LOAD_CPU wrk -t2 -c"$CONNS" -d"${secs}s" -s bench/post.lua "http://127.0.0.1:$(port "$name")")
	t1=$(ticks "$pid")
	reqs=$(echo "$out" | awk '/requests in/ { print $1 }')
	rps=$(echo "$out" | awk '/Requests\/sec/ { print $2 }')
	bad=$(echo "$out" | awk '/Non-2xx/ { print $5 }')
	awk -v d="$((t1 - t0))" -v n="$reqs" -v hz="$(getconf CLK_TCK)" -v rps="$rps" -v bad="${bad:-0}" \
		'BEGIN { printf "%.2f %.0f %d\n", d * 1e6 / hz / n, rps, bad }'
}

SERVERS=(bare bare-typed mock-token mock-aksk prism)
for s in "${SERVERS[@]}"; do
	r=$(run "$s" 3) # warm-up
	if [ "$(echo "$r" | awk '{ print $3 }')" != 0 ]; then
		echo "mock.sh: $s answered non-2xx during warm-up: $r" >&2
		exit 1
	fi
done
for round in $(seq 1 "$ROUNDS"); do
	for s in "${SERVERS[@]}"; do
		r=$(run "$s" "$DURATION")
		echo "$round $s $r" | tee -a "$TMP/results"
	done
done

median() { sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
declare -A CPU RPS
for s in "${SERVERS[@]}"; do
	CPU[$s]=$(awk -v s="$s" '$2 == s { print $3 }' "$TMP/results" | median)
	RPS[$s]=$(awk -v s="$s" '$2 == s { print $4 }' "$TMP/results" | median)
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

{
	cat bench/mock-doc-head.md
	echo
	echo "Measured $(date -u +%Y-%m-%d) on $(nproc) CPUs ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(go version | awk '{ print $3 }'), Prism $PRISM_VERSION on node $(node --version)."
	echo "$ROUNDS rounds of ${DURATION}s, wrk -t2 -c$CONNS, server on CPU $SERVER_CPU, wrk on CPU $LOAD_CPU; medians."
	echo
	echo "| server | CPU µs/request | requests/s | CPU vs bare | CPU vs bare-typed |"
	echo "|---|---:|---:|---:|---:|"
	for s in "${SERVERS[@]}"; do
		echo "| $s | ${CPU[$s]} | ${RPS[$s]} | $(ratio "${CPU[$s]}" "${CPU[bare]}")x | $(ratio "${CPU[$s]}" "${CPU[bare-typed]}")x |"
	done
	echo
	echo "Prism / mock-aksk CPU per request: $(ratio "${CPU[prism]}" "${CPU[mock-aksk]}")x; Prism / mock-token: $(ratio "${CPU[prism]}" "${CPU[mock-token]}")x."
	echo
	echo "Every round (round, server, CPU µs/request, requests/s, non-2xx answers):"
	echo
	echo '```'
	cat "$TMP/results"
	echo '```'
	if [ "$OUT" = docs/bench-mock.md ]; then cat bench/mock-doc-notes.md; fi
} >"$OUT"
echo "mock.sh: wrote $OUT"
