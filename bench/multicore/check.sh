#!/usr/bin/env bash
# The project's standing measurements for a many-core machine, as one run: the pipeline's thread layouts against
# exchange-core (issue 18); three cluster nodes against the single process (issue 21); the FIX round trip of the echo
# floor and of the gateway on the native FIX engine (its threads blocking, yielding or spinning when idle) through
# one session, and through 8 sessions at once on one I/O thread and on four (issue 16); and the journaled
# ONE_THREAD layout once more with its journal on /tmp. Not yet timed on 16 cores in this form; in a whole run the step
# on /tmp runs only while the run is under 480 s.
#
# Usage, on a machine with Java 17+ and the bench jars (bench/target/benchmarks.jar and
# bench/exchange-core-peer/target/exchange-core-peer.jar, or /tmp/jars/{benchmarks,exchange-core-peer}.jar as
# ../shared/multicore/unpack.sh leaves them):
#   bash bench/multicore/check.sh OUT_DIR [--quick] [--part pipeline|gateway]
# --quick: a smoke run of every step (short rates; for trying the script, not for figures): 116 s on the 2-core VM.
# The whole run took 575 s on the 2-core VM, too close to a 600 s limit per command; --part splits it in two of about
# 5 minutes each: pipeline (steps 1, 4 and 2: 270 s on the 2-core VM) and gateway (step 3: 325 s).
# Writes into OUT_DIR, which must not hold a summary.txt yet (the device tool brings back at most 8 files):
# summary.txt (every table of the run), and compare.md (each BenchRunner summary) and cluster.txt (steps 1, 2 and 4),
# gateway.txt (step 3).
#
# What summary.txt holds:
# - the machine, and the journal directory with its file system: /dev/shm where it exists (tmpfs: memory, not a
#   disk), else /tmp;
# - per layout and wait strategy, BenchRunner's tables: throughput and bytes allocated per command by all threads of
#   each configuration's JVM; latency per offered rate with the same allocation column; verdicts (met / MISSED) for
#   every target of butb and butb-journal: throughput >= 3x / 2x exchange-core's median, p99 <= 10 / 20 us and
#   p99.99 <= 100 / 200 us at 1M/s offered (a SATURATED rate misses), < 0.1 B/command; each configuration's line,
#   exchange-core's settings (1 matching engine, 1 risk engine, groups of 256 below 8 cores; its own throughput
#   settings, 4, 2 and 4096, from 8 up) and the journal directory. exchange-core runs with the first layout of each
#   wait strategy; the later layouts' ratios use its median from that run (--peer-throughput);
# - per gateway run, one row per offered rate (each after 1 s unrecorded at the rate; 1,000/s and 10,000/s for
#   10 s, the others for 3): latency percentiles, answered/orders, KB allocated per answered order, tail ms (the last
#   answer after the last order's intended send), sustained (every order answered, tail <= 100 ms), late ms (the
#   client's largest send lateness; LATE above 1 ms); single session up to 250,000/s, 8 sessions up to 800,000/s;
# - the cluster's round trip against the single process.
set -uo pipefail
usage="usage: check.sh OUT_DIR [--quick] [--part pipeline|gateway]"
[ $# -ge 1 ] || { echo "check: $usage" >&2; exit 2; }
out=$1; shift
quick=""; part=all
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=--quick ;;
    --part) part=${2:-}; shift ;;
    *) echo "check: unknown argument '$1'; $usage" >&2; exit 2 ;;
  esac
  shift
done
case "$part" in
  all|pipeline|gateway) ;;
  *) echo "check: --part must be pipeline or gateway, got '$part'" >&2; exit 2 ;;
esac
if [ -e "$out/summary.txt" ]; then
  echo "check: $out already holds a summary.txt; give each run a fresh OUT_DIR" >&2; exit 2
fi
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
# The journal goes to /dev/shm where it exists (tmpfs: memory, not a disk), else /tmp; the last step journals on /tmp.
journal=/tmp; [ -d /dev/shm ] && journal=/dev/shm
fstype() { local t; t=$(df --output=fstype "$1" 2> /dev/null | tail -n +2 | tr -d " "); echo "${t:-unknown}"; }
# Each step is cut off after 150 s (a step that hangs must not take the device's whole run), where timeout exists.
limit=""; command -v timeout > /dev/null && limit="timeout -k 5 150"
if [ "$quick" = --quick ]; then
  compare="--quick"; gw_rates_fast=1000,10000; gw_rates_sessions=$gw_rates_fast; gw_seconds=1; gw_long=""
  cl="--orders 5000 --warmup-orders 1000 --rates 1000 --seconds 1"; disk_before=1000
else
  compare="--rounds 1 --rates 100000,1000000,2000000 --rate-seconds 3 --throughput-iterations 3"
  gw_rates_fast=1000,10000,50000,100000,200000,250000; gw_rates_sessions=100000,200000,500000,800000
  gw_seconds=3; gw_long="--seconds-at 1000=10,10000=10"; cl=""; disk_before=480
fi
summary="$out/summary.txt"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(date -u +%FT%TZ)" | tee "$summary"
echo "journal directory: $journal (file system $(fstype "$journal")); /dev/shm where it exists, the default here:" \
  "memory, not a disk; the step on /tmp (step 4) journals on $(fstype /tmp)" | tee -a "$summary"

# 1. Pipeline layouts (issue 18): the journaled pipeline in each layout and wait strategy; the first layout of each
#    wait strategy also measures butb without a journal and exchange-core (the very first also the machine's floor);
#    the later layouts get exchange-core's median from it (--peer-throughput), so every layout has its ratio.
compare_run() { # TITLE LAYOUT WAIT CONFIGS JOURNAL_DIR NAME [BenchRunner options...]
  local title=$1 layout=$2 wait=$3 configs=$4 dir=$5 name=$6; shift 6
  echo "== compare $title (at ${SECONDS} s)" | tee -a "$summary"
  $limit java $flags -cp "$jar" by.butb.bench.compare.BenchRunner --peer-jar "$peer" $compare --configs "$configs" \
    --layout "$layout" --wait "$wait" --peer-wait "$wait" --journal-dir "$dir" --out "$work/$name" "$@" \
    > "$work/compare.log" 2>&1 || echo "(BenchRunner exit $?)" | tee -a "$summary"
  sed -n '/^throughput, /,$p' "$work/compare.log" | tee -a "$summary"
  { echo "## $title"; cat "$work/$name/summary.md" 2>/dev/null; echo; } >> "$out/compare.md"
}
# 4. The journaled ONE_THREAD layout once more with its journal on /tmp (a disk where /tmp is one), when /dev/shm was
#    the journal above; exchange-core's median from step 1. Right after step 1 with --part pipeline; at the end of a
#    whole run, while the run is still under $disk_before s.
disk_step() {
  if [ "$journal" != /tmp ] && [ "$SECONDS" -lt "$disk_before" ]; then
    ec=$(awk -F, '$1 == "exchange-core" && $2 == "throughput_median_per_s" { print $4 }' \
      "$work/compare-ONE_THREAD-YIELDING/summary.csv" 2> /dev/null)
    compare_run "ONE_THREAD YIELDING, journal on /tmp ($(fstype /tmp))" ONE_THREAD YIELDING butb-journal /tmp \
      compare-disk --floor-seconds 0 ${ec:+--peer-throughput "$ec"}
  else
    echo "== compare ONE_THREAD YIELDING, journal on /tmp: not run (journal already on /tmp, or ${SECONDS} s >=" \
      "$disk_before s)" | tee -a "$summary"
  fi
}
floor=5
[ "$part" = gateway ] || for wait in YIELDING BUSY_SPIN; do
  compare_run "ONE_THREAD $wait" ONE_THREAD "$wait" butb,butb-journal,exchange-core "$journal" \
    "compare-ONE_THREAD-$wait" --floor-seconds "$floor"
  floor=0
  ec=$(awk -F, '$1 == "exchange-core" && $2 == "throughput_median_per_s" { print $4 }' \
    "$work/compare-ONE_THREAD-$wait/summary.csv" 2> /dev/null)
  for layout in JOURNAL_THREAD STAGED; do
    compare_run "$layout $wait" "$layout" "$wait" butb-journal "$journal" "compare-$layout-$wait" --floor-seconds 0 \
      ${ec:+--peer-throughput "$ec"}
  done
done

[ "$part" = pipeline ] && disk_step

# 2. Three cluster nodes against the single process (issue 21); the nodes spin (enough cores for them). Before the
#    gateway's steps, the longest part, so that a run that goes long loses gateway rows, not the cluster.
if [ "$part" != gateway ]; then
  echo "== cluster round trip (at ${SECONDS} s)" | tee -a "$summary" > /dev/null
  $limit java $flags -Xmx1g -cp "$jar" by.butb.bench.cluster.ClusterRoundTrip $cl --no-low-cpu --out "$work/cluster" \
    2>&1 | tee -a "$summary" > "$out/cluster.txt"
fi

# 3. FIX round trip (issue 16): the echo floor and the gateway on the native FIX engine, its threads blocking when
#    idle (the default) or polling (YIELDING, BUSY_SPIN: no wake-up on an order's path); one session, then 8
#    sessions together (the target: 500,000 orders/s, every order answered), on one I/O thread and on 4
#    (--io-threads). QuickFIX/J's 16-core figures are those of 2026-12-04 (bench/RESULTS.md).
gateway() { # SERVER WAIT SESSIONS RATES [IO_THREADS] [--seconds-at ...]
  local io=${5:-1} title="== gateway round trip: $1"
  [ "$2" = BLOCKING ] || title+=", $2"; [ "$3" = 1 ] || title+=", $3 sessions"; [ "$io" = 1 ] || title+=", $io I/O threads"
  title+=" (at ${SECONDS} s)"
  echo "$title" | tee -a "$summary" "$out/gateway.txt" > /dev/null
  local threads=(); [ "$1" = native ] && threads=(--io-threads "$io")
  $limit java $flags -Xms1g -Xmx1g -cp "$jar" by.butb.bench.gateway.GatewayRoundTrip --server "$1" --wait-strategy "$2" \
    --sessions "$3" "${threads[@]}" --rates "$4" --seconds "$gw_seconds" ${6:-} --label "$1-$2-$3-$io" \
    --out "$work/gateway" 2>&1 | grep -v '^histograms' | tee -a "$summary" "$out/gateway.txt"
}
if [ "$part" != pipeline ]; then
  gateway echo BLOCKING 1 "$gw_rates_fast" 1 "$gw_long"
  for wait in BLOCKING YIELDING BUSY_SPIN; do
    gateway native "$wait" 1 "$gw_rates_fast" 1 "$gw_long"
  done
  gateway echo BLOCKING 8 "$gw_rates_sessions"
  for wait in BLOCKING YIELDING; do
    gateway native "$wait" 8 "$gw_rates_sessions"
  done
  gateway native YIELDING 8 "$gw_rates_sessions" 4
fi

[ "$part" = all ] && disk_step
echo "check: done in ${SECONDS} s; $summary" | tee -a "$summary"
