#!/usr/bin/env bash
# Compares the generated networks' speed between two revisions of NetGen on this machine, interleaved:
#   tests/NetGen.Benchmarks/scripts/compare-revisions.sh BEFORE AFTER ROUNDS [FILTER...]
# BEFORE and AFTER are git revisions (AFTER may be "worktree" for the files as they are). Each is built in Release
# into its own folder, then the quick benchmarks (FILTERs, W1-W5 by default) run BEFORE, AFTER, BEFORE, AFTER, ...
# ROUNDS times each, and one table gives, per workload, the median over the rounds of each revision's median time
# per operation of "NetGen generated" and the ratio AFTER / BEFORE (below 1: AFTER is faster).
set -euo pipefail
before="${1:?BEFORE revision}"; after="${2:?AFTER revision or worktree}"; rounds="${3:-3}"; shift 3 || true
filters=("$@")
if [ ${#filters[@]} -eq 0 ]; then
  filters=('*AndTrain*' '*SmallInfer*' '*MnistTrain*' '*MnistInfer*' '*ClassifierTrain*' '*ClassifierInfer*')
fi
root="$(cd "$(dirname "$0")/../../.." && pwd)"
work="$(mktemp -d)"
trap 'git -C "$root" worktree remove --force "$work/before" >/dev/null 2>&1 || true; git -C "$root" worktree remove --force "$work/after" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

build() { # revision, name -> folder of the built benchmark program
  local src="$root"
  if [ "$1" != worktree ]; then
    git -C "$root" worktree add --detach --quiet "$work/$2" "$1"
    src="$work/$2"
  fi
  dotnet build -c Release "$src/tests/NetGen.Benchmarks" -o "$work/$2-bin" >"$work/$2-build.log" 2>&1 || { cat "$work/$2-build.log"; exit 1; }
}
build "$before" before
build "$after" after

for round in $(seq 1 "$rounds"); do
  for side in before after; do
    echo "round $round: $side" >&2
    (cd "$work" && dotnet "$work/$side-bin/NetGen.Benchmarks.dll" --quick --filter "${filters[@]}") >"$work/$side-$round.txt" 2>&1
    grep '| NetGen generated' "$work/$side-$round.txt" | awk -F'|' -v s="$side" '{ gsub(/ /, "", $2); print s "\t" $2 "\t" $4 }' >>"$work/rows.tsv"
  done
done

# Times come as "146.2 ns", "5.93 µs" or "1.53 ms": to nanoseconds, then medians per workload and side.
awk -F'\t' '
  function ns(t,  v) { v = t + 0; if (t ~ /µs/) v *= 1e3; else if (t ~ /ms/) v *= 1e6; return v }
  function median(list,  n, a, i, j, x) { n = split(list, a, ","); for (i = 2; i <= n; i++) { x = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > x; j--) a[j + 1] = a[j]; a[j + 1] = x } return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
  { key = $2; if (!(key in seen)) { seen[key] = 1; order[++k] = key } v[$1, key] = v[$1, key] (v[$1, key] == "" ? "" : ",") ns($3) }
  END {
    print "| workload | before (median ns) | after (median ns) | after / before |"
    print "|---|---:|---:|---:|"
    for (i = 1; i <= k; i++) { b = median(v["before", order[i]]); a = median(v["after", order[i]]); printf "| %s | %.1f | %.1f | %.3f |\n", order[i], b, a, a / b }
  }' "$work/rows.tsv"
