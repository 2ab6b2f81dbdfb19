#!/usr/bin/env bash
# Runs NetGen's quick benchmarks and the fixed-size C++ anchors (Eigen and plain loops) back to back, interleaved over
# rounds, and prints one markdown table of medians per instruction set with NetGen's time against the best C++:
#
#   tests/NetGen.Benchmarks/scripts/versus-cpp.sh [--rounds N] [--isa native|avx2|both] [--workloads W1,...,W5]
#                                                 [--reps N] [--anchors DIR] [--out FILE.md] [--keep DIR]
#
#   --rounds N      rounds (default 3); each round runs NetGen's quick benchmarks (one process), then every anchor
#                   program once, for each instruction set in turn
#   --isa           native: what the machine has; avx2: AVX-512 off (g++ -mno-avx512f, and DOTNET_EnableAVX512=0
#                   with DOTNET_EnableAVX512F=0, its name before .NET 10); both (default): the two, alternating
#                   within each round
#   --workloads     any of W1,W2,W3,W4,W5 (default all)
#   --reps N        timed repetitions of each anchor run, whose median is the round's value (default 3; W1's runs,
#                   about 2 ms each, take 10 times as many)
#   --anchors DIR   the anchors' sources (default: ../shared/anchors next to the repository)
#   --out FILE      also writes the tables to FILE
#   --keep DIR      keeps every run's raw output in DIR
#
# NetGen's benchmark project is built once in Release into a temporary folder; the anchors are compiled with
# g++ -O3 -march=native (and -mno-avx512f for the avx2 pass). Needs dotnet, g++ (Debian: g++), Eigen 3
# (Debian: libeigen3-dev) and /usr/bin/python3. The machine should be otherwise idle: every run is single-threaded.
set -euo pipefail

die() { echo "versus-cpp: $*" >&2; exit 1; }
usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; }

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
helper="$here/versus-cpp.py"
py=/usr/bin/python3
rounds=3 isa=both workloads=W1,W2,W3,W4,W5 reps=3 anchors="" out="" keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="${2:?--rounds needs a number}"; shift 2 ;;
    --isa) isa="${2:?--isa needs native, avx2 or both}"; shift 2 ;;
    --workloads) workloads="${2:?--workloads needs a list such as W1,W3}"; shift 2 ;;
    --reps) reps="${2:?--reps needs a number}"; shift 2 ;;
    --anchors) anchors="${2:?--anchors needs a folder}"; shift 2 ;;
    --out) out="${2:?--out needs a file}"; shift 2 ;;
    --keep) keep="${2:?--keep needs a folder}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument '$1'" ;;
  esac
done
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || die "--rounds must be a positive whole number, not '$rounds'"
[[ "$reps" =~ ^[1-9][0-9]*$ ]] || die "--reps must be a positive whole number, not '$reps'"
case "$isa" in native|avx2|both) ;; *) die "--isa must be native, avx2 or both, not '$isa'" ;; esac

[ -x "$py" ] || die "$py not found (Debian: python3)"
command -v dotnet >/dev/null || die "dotnet not found on PATH"
command -v g++ >/dev/null || die "g++ not found (Debian: apt-get install g++)"
[ -f /usr/include/eigen3/Eigen/Dense ] || die "Eigen 3 not found in /usr/include/eigen3 (Debian: apt-get install libeigen3-dev)"
root="$(git -C "$here" rev-parse --show-toplevel)" || die "not inside a git repository"
anchors="${anchors:-$root/../shared/anchors}"
[ -d "$anchors" ] || die "anchors folder '$anchors' not found (give it with --anchors DIR)"
anchors="$(cd "$anchors" && pwd)"

plan="$("$py" "$helper" plan "$workloads")" || exit 2
workloads="$(tr '[:lower:]' '[:upper:]' <<<"$workloads" | tr -d ' ')"
filters=() runs=() binaries=()
while IFS=$'\t' read -r kind a b c; do
  case "$kind" in
    filter) filters+=("$a") ;;
    anchor) runs+=("$a $b $c"); [[ " ${binaries[*]-} " == *" $a "* ]] || binaries+=("$a") ;;
  esac
done <<<"$plan"
for f in common.hpp driver.hpp "${binaries[@]/%/.cpp}"; do
  [ -f "$anchors/$f" ] || die "$anchors/$f not found"
done

has512=false
grep -qw avx512f /proc/cpuinfo && has512=true
note=""
case "$isa" in
  native) passes=(native) ;;
  avx2) passes=(avx2) ;;
  both)
    if $has512; then passes=(native avx2)
    else passes=(native); note="This machine has no AVX-512: the native pass is already without it, so the avx2 pass is skipped."; fi ;;
esac
peak=false
if $has512 && [[ ",$workloads," == *",W5,"* ]]; then
  peak=true
  [ -f "$anchors/peak512.cpp" ] || die "$anchors/peak512.cpp not found"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/versus-cpp.XXXXXX")"
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
start=$SECONDS
say() { printf '[%4ds] %s\n' $((SECONDS - start)) "$*" >&2; }

say "building NetGen's benchmarks (Release)"
dotnet build -c Release "$root/tests/NetGen.Benchmarks" -o "$work/netgen" >"$work/netgen-build.log" 2>&1 \
  || { tail -n 40 "$work/netgen-build.log" >&2; die "dotnet build failed"; }

cxx() { # output, flags..., source
  local output="$1"; shift
  g++ -O3 "$@" -DNDEBUG -std=gnu++17 -I/usr/include/eigen3 -o "$output" >"$output.log" 2>&1 \
    || { cat "$output.log" >&2; die "g++ failed: g++ -O3 $* -DNDEBUG -std=gnu++17 -I/usr/include/eigen3 -o $output"; }
}
for pass in "${passes[@]}"; do
  flags=(-march=native)
  [ "$pass" = avx2 ] && flags+=(-mno-avx512f)
  mkdir -p "$work/bin-$pass"
  for binary in "${binaries[@]}"; do
    say "compiling $binary ($pass: ${flags[*]})"
    cxx "$work/bin-$pass/$binary" "${flags[@]}" "$anchors/$binary.cpp"
  done
done
if $peak; then
  say "compiling peak512 (-march=native)"
  cxx "$work/peak512" -march=native "$anchors/peak512.cpp"
fi

mkdir -p "$work/bdn"
for round in $(seq 1 "$rounds"); do
  for pass in "${passes[@]}"; do
    dir="$work/runs/$pass/r$round"
    mkdir -p "$dir"
    say "round $round/$rounds, $pass: NetGen ($workloads)"
    netgen_env=()
    [ "$pass" = avx2 ] && netgen_env=(DOTNET_EnableAVX512=0 DOTNET_EnableAVX512F=0)
    (cd "$work/bdn" && env "${netgen_env[@]}" dotnet "$work/netgen/NetGen.Benchmarks.dll" --quick --filter "${filters[@]}") \
      >"$dir/netgen.txt" 2>&1 || { tail -n 40 "$dir/netgen.txt" >&2; die "NetGen's quick benchmarks failed ($pass, round $round)"; }
    if [ "$pass" = avx2 ] && grep -q 'HardwareIntrinsics=.*AVX-\?512 \?F' "$dir/netgen.txt"; then
      die "DOTNET_EnableAVX512=0 did not turn AVX-512 off: $(grep -m1 'HardwareIntrinsics=' "$dir/netgen.txt")"
    fi
    for run in "${runs[@]}"; do
      read -r binary wl variant <<<"$run"
      n=$reps
      anchor_env=()
      [ "$variant" = ftz ] && anchor_env=(W5_FTZ=1)
      [ "$wl" = and-train ] && n=$((reps * 10))
      say "round $round/$rounds, $pass: ${anchor_env[*]-}${anchor_env[*]:+ }$binary $wl $n"
      env "${anchor_env[@]}" "$work/bin-$pass/$binary" "$wl" "$n" >"$dir/$binary.$wl.$variant.txt" 2>&1 \
        || { cat "$dir/$binary.$wl.$variant.txt" >&2; die "$binary $wl failed ($pass, round $round)"; }
    done
    if $peak && [ "$round" = 1 ]; then
      say "$pass: peak512 3"
      "$work/peak512" 3 >"$work/runs/$pass/peak512.txt" 2>&1 || { cat "$work/runs/$pass/peak512.txt" >&2; die "peak512 failed"; }
    fi
  done
done

cpu="$(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1)"
{
  echo "cpu=${cpu:-unknown}"
  echo "cores=$(nproc)"
  echo "dotnet=$(dotnet --version)"
  echo "gxx=$(g++ --version | head -n 1)"
  echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "rounds=$rounds"
  echo "reps=$reps"
  echo "reps_w1=$((reps * 10))"
  echo "note=$note"
} >"$work/meta"
isas="$(IFS=,; echo "${passes[*]}")"
if [ -n "$keep" ]; then mkdir -p "$keep" && cp -r "$work/runs" "$work/meta" "$keep/"; fi
"$py" "$helper" report --runs "$work/runs" --meta "$work/meta" --workloads "$workloads" --isas "$isas" >"$work/table.md" \
  || die "could not make the table (--keep DIR keeps the runs' raw output)"
say "done"
cat "$work/table.md"
if [ -n "$out" ]; then cp "$work/table.md" "$out"; fi
