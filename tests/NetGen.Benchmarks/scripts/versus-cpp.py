#!/usr/bin/python3
"""Helper of versus-cpp.sh: what to run for each workload, and the table of medians from what the runs printed.

  versus-cpp.py plan W1,W2,...        lines "filter<TAB>GLOB" (NetGen's quick benchmarks) and
                                      "anchor<TAB>BINARY<TAB>WORKLOAD<TAB>VARIANT" (VARIANT "plain" or "ftz")
  versus-cpp.py report --runs DIR --meta FILE --workloads W1,... --isas native,avx2
                                      one markdown table per instruction set, from DIR/ISA/rN/*.txt

Standard library only. Numbers are parsed without the locale: the quick table writes thousands separators in
operations/s and "µs" with a non-ASCII character, the anchors write C-locale decimals.
"""

import argparse
import os
import re
import statistics
import sys

# Workload -> NetGen benchmark methods (BenchmarkDotNet filter globs) and C++ anchor runs.
PLAN = {
    "W1": {"filters": ["*.AndTrain.Generated"],
           "anchors": [("eigen_bench", "and-train", "plain"), ("plain_bench", "and-train", "plain")]},
    "W2": {"filters": ["*.SmallInfer.Generated"],
           "anchors": [("eigen_bench", "small-infer", "plain"), ("plain_bench", "small-infer", "plain")]},
    "W3": {"filters": ["*.MnistTrainF32.Generated", "*.MnistTrainF64.Generated"],
           "anchors": [(b, w, "plain") for w in ("mnist-train-f32", "mnist-train-f64") for b in ("eigen_bench", "plain_bench")]},
    "W4": {"filters": ["*.MnistInferF32.Generated", "*.MnistInferF64.Generated"],
           "anchors": [(b, w, "plain") for w in ("mnist-infer-f32", "mnist-infer-f64") for b in ("eigen_bench", "plain_bench")]},
    "W5": {"filters": ["*.ClassifierTrainF32.Generated", "*.ClassifierSteadyF32.*", "*.ClassifierInferF32.Generated"],
           "anchors": [("eigen_w5", "classifier-train-f32", "plain"), ("eigen_w5", "classifier-train-f32", "ftz"),
                       ("eigen_w5", "classifier-infer-f32", "plain")]},
}

GENERATED = "NetGen generated"
STEADY, START = "NetGen steps 2,001-4,000", "NetGen steps 1-1,000"

# Table rows: (workload, label, unit, NetGen (class, row), Eigen anchor (binary, workload) or None, plain C++ anchor or None,
# whether the Eigen FTZ column applies). Every value is a time per operation in nanoseconds.
ROWS = [
    ("W1", "W1 and-train", "ns/step", ("AndTrain", GENERATED), ("eigen_bench", "and-train"), ("plain_bench", "and-train"), False),
    ("W2", "W2 small-infer", "ns/forward", ("SmallInfer", GENERATED), ("eigen_bench", "small-infer"), ("plain_bench", "small-infer"), False),
    ("W3", "W3 mnist-train f32", "ns/sample", ("MnistTrainF32", GENERATED), ("eigen_bench", "mnist-train-f32"), ("plain_bench", "mnist-train-f32"), False),
    ("W3", "W3 mnist-train f64", "ns/sample", ("MnistTrainF64", GENERATED), ("eigen_bench", "mnist-train-f64"), ("plain_bench", "mnist-train-f64"), False),
    ("W4", "W4 mnist-infer f32", "ns/forward", ("MnistInferF32", GENERATED), ("eigen_bench", "mnist-infer-f32"), ("plain_bench", "mnist-infer-f32"), False),
    ("W4", "W4 mnist-infer f64", "ns/forward", ("MnistInferF64", GENERATED), ("eigen_bench", "mnist-infer-f64"), ("plain_bench", "mnist-infer-f64"), False),
    ("W5", "W5 classifier-train", "ns/sample", ("ClassifierTrainF32", GENERATED), ("eigen_w5", "classifier-train-f32"), None, True),
    ("W5", "W5 steady state (NetGen steps 2,001-4,000)", "ns/sample", ("ClassifierSteadyF32", STEADY), ("eigen_w5", "classifier-train-f32"), None, True),
    ("W5", "W5 start (NetGen steps 1-1,000)", "ns/sample", ("ClassifierSteadyF32", START), None, None, False),
    ("W5", "W5 classifier-infer", "ns/forward", ("ClassifierInferF32", GENERATED), ("eigen_w5", "classifier-infer-f32"), None, False),
]

# Forward 2, backward 4 floating-point operations per parameter and sample (nominal: the first layer's 200,704 weights
# need no input gradient, so about 4.3 per parameter are required).
W5_FLOPS_PER_SAMPLE = 6 * 235_146


def fail(message):
    print("versus-cpp: " + message, file=sys.stderr)
    sys.exit(1)


def parse_workloads(text):
    names = [w.strip().upper() for w in text.split(",") if w.strip()]
    unknown = [w for w in names if w not in PLAN]
    if not names or unknown:
        print("versus-cpp: unknown workload(s) %s; choose from %s" % (",".join(unknown) or "(none)", ",".join(PLAN)), file=sys.stderr)
        sys.exit(2)
    return [w for w in PLAN if w in names]  # W1..W5 order, no duplicates


def number(text):
    """A culture-invariant number: drops thousands separators (',', spaces of any width) before parsing."""
    cleaned = re.sub(r"[,\s\u00a0\u2009\u202f']", "", text)
    try:
        return float(cleaned)
    except ValueError:
        return None


def time_ns(cell):
    """'146.2 ns', '5.93 µs' (micro sign or Greek mu, or 'us'), '1.53 ms', '1.2 s' -> nanoseconds, or None."""
    match = re.match(r"^\s*([0-9][0-9,.\u00a0\u2009\u202f]*)\s*(\S+)\s*$", cell)
    if not match:
        return None
    value, unit = number(match.group(1)), match.group(2)
    if value is None:
        return None
    if unit == "ns":
        return value
    if unit == "ms":
        return value * 1e6
    if unit == "s":
        return value * 1e9
    if unit in ("\u00b5s", "\u03bcs", "us") or (len(unit) == 2 and unit.endswith("s")):  # any one-character micro prefix
        return value * 1e3
    return None


def read(path):
    with open(path, "rb") as f:
        return f.read().decode("utf-8", errors="replace")


def netgen_rows(path):
    """{(class, row description): ns per operation} from the quick run's own table, the one that follows the header
    '| workload | implementation | ...' (BenchmarkDotNet's summaries before it are markdown tables too)."""
    rows, inside = {}, False
    for line in read(path).splitlines():
        cells = [c.strip() for c in line.strip().split("|")]
        if len(cells) >= 3 and cells[1:3] == ["workload", "implementation"]:
            rows, inside = {}, True
            continue
        if not inside or cells[1:2] and cells[1].startswith("---"):
            continue
        if len(cells) < 8 or cells[0] != "":
            inside = False
            continue
        ns = time_ns(cells[3])
        if ns is None:
            fail("%s: no time in the row '%s'" % (path, line.strip()))
        rows[(cells[1], cells[2])] = ns
    return rows


def environment(path):
    """BenchmarkDotNet's runtime and hardware-intrinsics lines, if it printed them."""
    runtime = intrinsics = None
    for line in read(path).splitlines():
        s = line.strip().lstrip("/ ")
        if intrinsics is None and s.startswith("HardwareIntrinsics="):
            avx512 = re.search(r"AVX-?512 ?F", s)
            vector = re.search(r"VectorSize=\d+", s)
            intrinsics = "AVX-512 %s, %s" % ("on" if avx512 else "off", vector.group(0) if vector else "VectorSize not printed")
        if runtime is None and s.startswith("[Host]"):
            runtime = s.split(":", 1)[1].strip() if ":" in s else s
    return runtime, intrinsics


def anchor_median(path):
    """Median over an anchor run's timed repetitions, as ns per operation."""
    values = []
    for line in read(path).splitlines():
        parts = line.rstrip("\n").split("\t")
        if len(parts) != 7 or parts[0] != "RESULT":
            continue
        value, unit = number(parts[5]), parts[6]
        if value is None or value <= 0:
            fail("%s: unreadable value in '%s'" % (path, line))
        if unit in ("ns/iter", "ns/fwd"):
            values.append(value)
        elif unit == "samples/s":
            values.append(1e9 / value)
        else:
            fail("%s: unknown unit '%s'" % (path, unit))
    if not values:
        fail("%s: no RESULT lines" % path)
    return statistics.median(values)


def peak_f32(path):
    values = [number(m) for m in re.findall(r"fma512_f32_GFLOPs=([0-9.]+)", read(path))]
    values = [v for v in values if v]
    return statistics.median(values) if values else None


def fmt_ns(value):
    if value is None:
        return "-"
    return "{:,.0f}".format(value) if value >= 100 else "{:.1f}".format(value)


def report(args):
    workloads = parse_workloads(args.workloads)
    meta = {}
    with open(args.meta, encoding="utf-8") as f:
        for line in f:
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                meta[k] = v
    out = []
    out.append("Machine: %s, %s CPUs; .NET SDK %s; %s; %s; %s round(s), C++ medians of %s repetitions per round (W1: %s)."
               % (meta.get("cpu", "?"), meta.get("cores", "?"), meta.get("dotnet", "?"), meta.get("gxx", "?"),
                  meta.get("date", "?"), meta.get("rounds", "?"), meta.get("reps", "?"), meta.get("reps_w1", "?")))
    if meta.get("note"):
        out.append(meta["note"])
    for isa in [i for i in args.isas.split(",") if i]:
        isa_dir = os.path.join(args.runs, isa)
        rounds = sorted((d for d in os.listdir(isa_dir) if re.fullmatch(r"r\d+", d)), key=lambda d: int(d[1:]))
        if not rounds:
            fail("no runs in " + isa_dir)
        netgen, anchors, runtime, intrinsics = {}, {}, None, None
        for r in rounds:
            rdir = os.path.join(isa_dir, r)
            rows = netgen_rows(os.path.join(rdir, "netgen.txt"))
            rt, hw = environment(os.path.join(rdir, "netgen.txt"))
            runtime, intrinsics = runtime or rt, intrinsics or hw
            for key, ns in rows.items():
                netgen.setdefault(key, []).append(ns)
            for w in workloads:
                for binary, wl, variant in PLAN[w]["anchors"]:
                    path = os.path.join(rdir, "%s.%s.%s.txt" % (binary, wl, variant))
                    anchors.setdefault((binary, wl, variant), []).append(anchor_median(path))
        median = lambda xs: statistics.median(xs) if xs else None
        title = {"native": "native instruction set (g++ -march=native)",
                 "avx2": "AVX-512 off (g++ -march=native -mno-avx512f, DOTNET_EnableAVX512=0)"}.get(isa, isa)
        out.append("")
        out.append("### %s" % title)
        out.append("")
        out.append("NetGen: %s; %s." % (runtime or ".NET runtime not printed", intrinsics or "hardware intrinsics not printed"))
        out.append("")
        out.append("| workload | unit | NetGen | Eigen | Eigen FTZ | plain C++ | NetGen / best C++ |")
        out.append("|---|---|---:|---:|---:|---:|---:|")
        steady_ns = eigen_w5 = eigen_w5_ftz = None
        for w, label, unit, ng, eigen, plain, ftz in ROWS:
            if w not in workloads:
                continue
            if ng not in netgen:
                fail("%s: NetGen's quick run printed no row '%s | %s'" % (isa, ng[0], ng[1]))
            n = median(netgen[ng])
            e = median(anchors.get(eigen + ("plain",), [])) if eigen else None
            ef = median(anchors.get(eigen + ("ftz",), [])) if eigen and ftz else None
            p = median(anchors.get(plain + ("plain",), [])) if plain else None
            best = min([(v, name) for v, name in ((e, "Eigen"), (p, "plain")) if v], default=None)
            ratio = "%.2f (%s)" % (n / best[0], best[1]) if best else "-"
            out.append("| %s | %s | %s | %s | %s | %s | %s |" % (label, unit, fmt_ns(n), fmt_ns(e), fmt_ns(ef), fmt_ns(p), ratio))
            if ng == ("ClassifierSteadyF32", STEADY):
                steady_ns, eigen_w5, eigen_w5_ftz = n, e, ef
        out.append("")
        out.append("Medians over the rounds of each round's median; every value is a time per operation (lower is faster). "
                   "NetGen / best C++ below 1.00: NetGen is faster."
                   + (" Eigen FTZ (W5_FTZ=1, flush-to-zero) is informative and not in the ratio; Eigen's W5 training is "
                      "measured after a 2,500-step warm-up." if "W5" in workloads else ""))
        if "W5" in workloads:
            start, steady = netgen.get(("ClassifierSteadyF32", START), []), netgen.get(("ClassifierSteadyF32", STEADY), [])
            if start and steady and len(start) == len(steady):
                ratios = [a / b for a, b in zip(start, steady)]
                out.append("")
                out.append("W5 steady state's rate against the start's (NetGen steps 2,001-4,000 over steps 1-1,000, median over rounds): "
                           "%.2f (1.00 when nothing slows down)." % statistics.median(ratios))
            peak_path = os.path.join(isa_dir, "peak512.txt")
            if os.path.exists(peak_path):
                peak = peak_f32(peak_path)
                if peak:
                    parts = []
                    for name, ns in (("NetGen", steady_ns), ("Eigen", eigen_w5), ("Eigen FTZ", eigen_w5_ftz)):
                        if ns:
                            gflops = W5_FLOPS_PER_SAMPLE / ns
                            parts.append("%s %.1f GFLOP/s (%.0f%%)" % (name, gflops, 100 * gflops / peak))
                    out.append("")
                    caveat = (" This is the peak with 512-bit FMAs; 256-bit code may have a lower one (half of it on "
                              "cores whose FMA units are 512 bits wide)." if isa == "avx2" else "")
                    out.append("W5 steady state against the 512-bit FMA f32 peak of one core (peak512: %.1f GFLOP/s; "
                               "6 x 235,146 operations a sample, the nominal count: the first layer needs no input "
                               "gradient, which leaves about 4.3 x 235,146): %s.%s" % (peak, ", ".join(parts), caveat))
    print("\n".join(out))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    plan = sub.add_parser("plan")
    plan.add_argument("workloads")
    rep = sub.add_parser("report")
    rep.add_argument("--runs", required=True)
    rep.add_argument("--meta", required=True)
    rep.add_argument("--workloads", required=True)
    rep.add_argument("--isas", required=True)
    args = parser.parse_args()
    if args.command == "plan":
        for w in parse_workloads(args.workloads):
            for glob in PLAN[w]["filters"]:
                print("filter\t" + glob)
            for binary, wl, variant in PLAN[w]["anchors"]:
                print("anchor\t%s\t%s\t%s" % (binary, wl, variant))
    else:
        report(args)


if __name__ == "__main__":
    main()
