#!/usr/bin/env bash
# Instructions per unit of work, counted by valgrind (cachegrind): the steady figure for comparing
# engine changes on a machine whose timings swing with other load (a 2-core VM shared with others).
# Each workload runs in its own process at two sizes; the difference divided by the difference in
# size leaves out start-up and JIT compilation. V8 runs single-threaded so that background threads
# add no noise. Units: a customer for M/M/1 (mm1, bare, ideal), a message (ten deliveries) for fan.
#
#   bench/instructions.sh [KIND ...]     KIND: mm1 mm1-trace fan fan-trace bare ideal (default: all)
#
# Needs valgrind (apt-get install valgrind); not part of `npm test` or `npm run bench`.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "instructions.sh: valgrind is not installed (apt-get install -y valgrind)" >&2; exit 1; }
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
npx esbuild bench/probe.ts --bundle --platform=node --format=esm --outfile="$out/probe.mjs" --log-level=warning

count() { # kind size trace → instructions
  valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
    node --single-threaded --predictable-gc-schedule "$out/probe.mjs" "$1" "$2" "$3" 2>&1 \
    | sed -n 's/.*I *refs: *\([0-9,]*\).*/\1/p' | tr -d ,
}

kinds=("$@")
[ ${#kinds[@]} -eq 0 ] && kinds=(bare ideal mm1 mm1-trace fan fan-trace)
for k in "${kinds[@]}"; do
  kind="${k%-trace}"; trace=notrace; [ "$k" != "$kind" ] && trace=trace
  if [ "$kind" = fan ]; then small=10000; large=40000; else small=100000; large=400000; fi
  a=$(count "$kind" "$small" "$trace") b=$(count "$kind" "$large" "$trace")
  printf '%-10s %8d instructions per %s\n' "$k" $(( (b - a) / (large - small) )) "$([ "$kind" = fan ] && echo message || echo customer)"
done
