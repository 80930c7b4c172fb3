#!/usr/bin/env bash
# The project's standing measurements for a many-core machine, as one run: the pipeline's thread layouts against
# exchange-core (issue 18); the FIX round trip of the echo floor and of the gateway on the native FIX engine (its
# threads blocking, yielding or spinning when idle) through one session, and through 8 sessions at once on one I/O
# thread and on four (issue 16); and three cluster nodes against the single process (issue 21). The whole run took
# 463 s on the 2-core VM (2026-12-05); not yet timed on 16 cores.
#
# Usage, on a machine with Java 17+ and the bench jars (bench/target/benchmarks.jar and
# bench/exchange-core-peer/target/exchange-core-peer.jar, or /tmp/jars/{benchmarks,exchange-core-peer}.jar as
# ../shared/multicore/unpack.sh leaves them):
#   bash bench/multicore/check.sh OUT_DIR [--quick]
# --quick: a smoke run of every step in about a minute (short rates; for trying the script, not for figures).
# Writes four files (the device tool brings back at most 8): OUT_DIR/summary.txt (every table), compare.md (each
# BenchRunner summary), gateway.txt and cluster.txt.
set -uo pipefail
out=${1:?usage: check.sh OUT_DIR [--quick]}
quick=${2:-}
mkdir -p "$out"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
jar=bench/target/benchmarks.jar; peer=bench/exchange-core-peer/target/exchange-core-peer.jar
[ -f "$jar" ] || jar=/tmp/jars/benchmarks.jar
[ -f "$peer" ] || peer=/tmp/jars/exchange-core-peer.jar
for f in "$jar" "$peer"; do
  [ -f "$f" ] || { echo "check: $f is missing; build it: mvn -B -q -DskipTests -pl bench -am install" >&2; exit 1; }
done
flags="--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED --add-exports=java.base/sun.nio.ch=ALL-UNNAMED"
flags+=" --add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED"
flags+=" --add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED"
flags+=" --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED"
flags+=" --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED"
flags+=" --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED -Dchronicle.analytics.disable=true"
journal=/tmp; [ -d /dev/shm ] && journal=/dev/shm
# Each step is cut off after 150 s (a step that hangs must not take the device's whole run), where timeout exists.
limit=""; command -v timeout > /dev/null && limit="timeout -k 5 150"
if [ "$quick" = --quick ]; then
  compare="--quick"; gw_rates_fast=1000,10000; gw_rates_sessions=$gw_rates_fast; gw_seconds=1
  cl="--orders 5000 --warmup-orders 1000 --rates 1000 --seconds 1"
else
  compare="--rounds 1 --rates 100000,1000000,2000000 --rate-seconds 3 --throughput-iterations 3"
  gw_rates_fast=1000,10000,50000,100000,200000; gw_rates_sessions=100000,200000,500000,800000
  gw_seconds=3; cl=""
fi
summary="$out/summary.txt"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(date -u +%FT%TZ)" | tee "$summary"

# 1. Pipeline layouts (issue 18): the journaled pipeline in each layout and wait strategy; the first layout of each
#    wait strategy also measures butb without a journal and exchange-core, the very first the machine's floor.
floor=5
for wait in YIELDING BUSY_SPIN; do
  configs=butb,butb-journal,exchange-core
  for layout in ONE_THREAD JOURNAL_THREAD STAGED; do
    echo "== compare $layout $wait (at ${SECONDS} s)" | tee -a "$summary"
    $limit java $flags -cp "$jar" by.butb.bench.compare.BenchRunner --peer-jar "$peer" $compare --configs "$configs" \
      --layout "$layout" --wait "$wait" --peer-wait "$wait" --journal-dir "$journal" --floor-seconds "$floor" \
      --out "$work/compare-$layout-$wait" > "$work/compare.log" 2>&1 || echo "(BenchRunner exit $?)" | tee -a "$summary"
    sed -n '/^throughput, /,$p' "$work/compare.log" | tee -a "$summary"
    { echo "## $layout, $wait"; cat "$work/compare-$layout-$wait/summary.md" 2>/dev/null; echo; } >> "$out/compare.md"
    floor=0; configs=butb-journal
  done
done

# 2. FIX round trip (issue 16): the echo floor and the gateway on the native FIX engine, its threads blocking when
#    idle (the default) or polling (YIELDING, BUSY_SPIN: no wake-up on an order's path); one session, then 8
#    sessions together (the target: 500,000 orders/s, every order answered), on one I/O thread and on 4
#    (--io-threads). QuickFIX/J's 16-core figures are those of 2026-12-04 (bench/RESULTS.md).
gateway() { # SERVER WAIT SESSIONS RATES [IO_THREADS]
  local io=${5:-1} title="== gateway round trip: $1"
  [ "$2" = BLOCKING ] || title+=", $2"; [ "$3" = 1 ] || title+=", $3 sessions"; [ "$io" = 1 ] || title+=", $io I/O threads"
  title+=" (at ${SECONDS} s)"
  echo "$title" | tee -a "$summary" "$out/gateway.txt" > /dev/null
  local threads=(); [ "$1" = native ] && threads=(--io-threads "$io")
  $limit java $flags -Xms1g -Xmx1g -cp "$jar" by.butb.bench.gateway.GatewayRoundTrip --server "$1" --wait-strategy "$2" \
    --sessions "$3" "${threads[@]}" --rates "$4" --seconds "$gw_seconds" --label "$1-$2-$3-$io" \
    --out "$work/gateway" 2>&1 | grep -v '^histograms' | tee -a "$summary" "$out/gateway.txt"
}
gateway echo BLOCKING 1 "$gw_rates_fast"
for wait in BLOCKING YIELDING BUSY_SPIN; do
  gateway native "$wait" 1 "$gw_rates_fast"
done
gateway echo BLOCKING 8 "$gw_rates_sessions"
for wait in BLOCKING YIELDING; do
  gateway native "$wait" 8 "$gw_rates_sessions"
done
gateway native YIELDING 8 "$gw_rates_sessions" 4

# 3. Three cluster nodes against the single process (issue 21); the nodes spin (enough cores for them).
echo "== cluster round trip (at ${SECONDS} s)" | tee -a "$summary" > /dev/null
$limit java $flags -Xmx1g -cp "$jar" by.butb.bench.cluster.ClusterRoundTrip $cl --no-low-cpu --out "$work/cluster" 2>&1 \
  | tee -a "$summary" > "$out/cluster.txt"
echo "check: done in ${SECONDS} s; $summary" | tee -a "$summary"
