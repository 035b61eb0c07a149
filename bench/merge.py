#!/usr/bin/env python3
"""Merges one or more benchmark runs into the published tables (standard library only).

    python3 bench/merge.py --raw RAW_DIR [--raw RAW_DIR ...] --out OUT_DIR

Reads each RAW_DIR/dotnet.csv and dotnet-environment.json (from bench/Bench; the environment holds the
machine's measured FMA peak, the matrix product's yardstick) and, when present, RAW_DIR/process.csv
(bench/Bench --plain-process) and RAW_DIR/peers.csv and peers-environment.json (from
bench/peers/peers.py). Writes, atomically:

    OUT_DIR/results.csv        every row, with machine, versions and date on each row
    OUT_DIR/suites/<suite>.csv the same rows, one file per suite
    OUT_DIR/ratios.csv, .md    the issue's goal ratios

Each goal ratio is computed inside one run, from medians measured side by side. With several runs
(bench/run --runs K) the published ratio is the median of the per-run ratios, each run's ratio is
listed beside it, and results.csv holds, per case, the median of the runs' medians (min and max over
all runs): on a shared machine one run can land in a slow spell, and a ratio near its target should
not pass or fail on that alone.
"""

import argparse
import csv
import io
import json
import os
import sys

MATMUL_OF_PEAK = 0.85  # the matrix product's goal: GFLOP/s ≥ this fraction of the measured all-core FMA peak
NO_PEAK = "peak not measured"

RESULT_COLUMNS = ["suite", "case", "size", "detail", "library", "backend", "median_ms", "min_ms", "max_ms",
                  "samples", "gflops", "machine", "cores", "dotnet", "mathnet", "fftw", "numpy", "torch",
                  "kernel_backend", "gc", "date_utc", "runs"]
RATIO_COLUMNS = ["goal", "suite", "case", "size", "ours", "ours_ms", "baseline", "baseline_ms", "ratio",
                 "target", "met", "per_run"]

MATRIX_FUNCTION_SUITES = ("det", "logdet", "solve", "cholesky", "eigh", "expm")  # issue 16's operators
PEER_SIZES = {  # the issues' ranges: matrix operators from n = 256, convolution from 2^14
    "inverse": lambda size: leading(size) >= 256,
    "gram": lambda size: leading(size) >= 256,
    "convolution": lambda size: leading(size) >= 1 << 14,
    **{suite: (lambda size: leading(size) >= 256) for suite in MATRIX_FUNCTION_SUITES},
}
# Pullback ÷ forward targets. Gram's is per flop: X(Ȳ + Ȳᵀ) needs 2mn² flops against the forward triangle's
# mn(n+1), so equal efficiency gives 2n/(n+1), and the target is that flop ratio (None: take it from flop_ratio).
BACKWARD_OVER_FORWARD = {"inverse": 1.3, "gram": None, "convolution": 1.2}
PLAIN_OVER_TUNED = 1.3  # a process with .NET's default runtime settings against the tuned benchmark process
PROCESS_OPERATORS = ("inverse", "gram")  # bench/Bench --plain-process (PlainProcess.cs)


def leading(size):
    """The largest dimension in a size such as "1024" or "4096x1024"."""
    return max(int(part) for part in size.split("x"))


def size_key(size):
    parts = [int(p) for p in size.split("x")]
    return (max(parts), parts)


def read_csv(path):
    if not os.path.exists(path):
        return []
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def read_json(path):
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def write_atomically(path, text):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    temporary = f"{path}.tmp-{os.getpid()}"
    with open(temporary, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    os.replace(temporary, path)


def csv_text(columns, rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


class Table:
    """Lookup of medians by (suite, case, size, library)."""

    def __init__(self, rows):
        self.rows = rows
        self.index = {(r["suite"], r["case"], r["size"], r["library"]): r for r in rows}

    def median(self, suite, case, size, library):
        row = self.index.get((suite, case, size, library))
        return float(row["median_ms"]) if row else None

    def sizes(self, suite, library):
        return sorted({r["size"] for r in self.rows if r["suite"] == suite and r["library"] == library},
                      key=size_key)


def meets(ratio, target, at_least):
    return ratio >= target if at_least else ratio <= target


def ratio_row(goal, suite, case, size, ours, ours_ms, baseline, baseline_ms, target, at_least=False):
    ratio = ours_ms / baseline_ms
    met = meets(ratio, target, at_least)
    return {"goal": goal, "suite": suite, "case": case, "size": size, "ours": ours, "ours_ms": f"{ours_ms:.6g}",
            "baseline": baseline, "baseline_ms": f"{baseline_ms:.6g}", "ratio": f"{ratio:.3f}",
            "target": ("≥ " if at_least else "≤ ") + f"{target:g}", "met": "yes" if met else "NO"}


OPT_IN = "differentials-fftw-measure"
OPT_IN_GOAL = "vs faster peer, opt-in fftw-measure"


def peak_of(environment):
    """(all-core GFLOP/s, description) of the FMA peak bench/Bench measured in this run, or (None, NO_PEAK)."""
    try:
        peak = float(environment.get("peak_gflops_all_cores", ""))
    except ValueError:
        return None, NO_PEAK
    return peak, (f"{environment.get('peak_isa', '?')} ({environment.get('peak_vector_bits', '?')}-bit) FMA loop "
                  f"{peak:g} GFLOP/s on {environment.get('peak_cores', '?')} cores, "
                  f"{environment.get('peak_gflops_1core', '?')} on one (each thread timed by "
                  f"{environment.get('peak_clock', 'wall clock')}; all cores by the wall clock: "
                  f"{environment.get('peak_gflops_all_cores_wall', '?')})")


def goal_ratios(table, linalg_library, fft_library, wise_lengths=(), peak=None):
    """The issue's goals, each computed only where this run has both sides. wise_lengths: the transform
    lengths the default FFTW backend planned from the machine's wisdom (measured plans); peak: this
    run's measured all-core FMA peak in GFLOP/s (None: the matrix product is not judged)."""
    ratios = []
    ours_for = {suite: linalg_library for suite in PEER_SIZES}
    ours_for["convolution"] = fft_library

    # 1. Operators vs the faster peer, forward and backward (standalone and closure), in the size ranges.
    for suite, in_range in PEER_SIZES.items():
        ours = ours_for[suite]
        for size in table.sizes(suite, ours):
            if not in_range(size):
                continue
            for case in ("forward", "backward", "pullback"):
                ours_ms = table.median(suite, case, size, ours)
                peers = [(lib, table.median(suite, case, size, lib)) for lib in ("numpy", "torch")]
                peers = [(lib, ms) for lib, ms in peers if ms is not None]
                if ours_ms is None or not peers:
                    continue
                best_lib, best_ms = min(peers, key=lambda p: p[1])
                ratios.append(ratio_row("vs faster peer", suite, case, size, ours, ours_ms, best_lib, best_ms, 1.0))
                # The opt-in measured FFTW plans, shown beside the default (not counted as its result).
                measured_ms = table.median(suite, case, size, OPT_IN) if suite == "convolution" and ours != OPT_IN else None
                if measured_ms:
                    ratios.append(ratio_row(OPT_IN_GOAL, suite, case, size, OPT_IN, measured_ms, best_lib, best_ms, 1.0))

    # 2. Matrix product throughput against this machine's FMA peak, measured in the same run.
    for size in table.sizes("matmul", linalg_library):
        row = table.index.get(("matmul", "multiply", size, linalg_library))
        if peak and row and row["gflops"] and int(size) >= 512:
            gflops = float(row["gflops"])
            r = ratio_row("matmul GFLOP/s ÷ peak", "matmul", "multiply", size, linalg_library, gflops,
                          f"measured peak {peak:g} GFLOP/s", peak, MATMUL_OF_PEAK, at_least=True)
            r["ours_ms"] = f"{float(row['median_ms']):.6g}"
            r["baseline_ms"] = ""
            ratios.append(r)

    # 3. Inverse at 2048 against NumPy.
    ours_ms = table.median("inverse", "forward", "2048", linalg_library)
    numpy_ms = table.median("inverse", "forward", "2048", "numpy")
    if ours_ms and numpy_ms:
        ratios.append(ratio_row("inverse 2048 vs NumPy", "inverse", "forward", "2048", linalg_library, ours_ms,
                                "numpy", numpy_ms, 0.5))

    # 4. Convolution against raw FFTW at 2^18, planner for planner: the default backend against raw
    #    MEASURE plans where it planned from the wisdom file (the same plan: see MeasuredPlanWisdom), else
    #    against raw ESTIMATE plans; "fftw-measure" against raw MEASURE plans; the operator as users call
    #    it (a new result vector) and the transform pair alone, on aligned arrays and on misaligned ones
    #    (which the seam copies through aligned scratch). Without FFTW: the managed
    #    FFT's operator against the fastest raw FFTW convolution, goal 5x.
    size = str(1 << 18)
    default_suffix = "" if size in wise_lengths else "-estimate"
    planners = [(fft_library, default_suffix)] + ([(OPT_IN, "")] if fft_library != OPT_IN else [])
    for library, suffix in planners:
        raw_conv = table.median("fft", "fftw-raw-convolution" + suffix, size, "fftw")
        raw_pair = table.median("fft", "fftw-raw-r2c+c2r" + suffix, size, "fftw")
        conv_ms = table.median("fft", "operator-forward", size, library)
        if conv_ms and raw_conv:
            ratios.append(ratio_row("vs raw FFTW", "fft", "operator-forward", size, library, conv_ms,
                                    "fftw-raw-convolution" + suffix, raw_conv, 1.3))
        for pair in ("backend-r2c+c2r", "backend-r2c+c2r-misaligned"):
            pair_ms = table.median("fft", pair, size, library)
            if pair_ms and raw_pair:
                ratios.append(ratio_row("vs raw FFTW", "fft", pair, size, library, pair_ms,
                                        "fftw-raw-r2c+c2r" + suffix, raw_pair, 1.3))
    raw_convs = {case: table.median("fft", case, size, "fftw")
                 for case in ("fftw-raw-convolution", "fftw-raw-convolution-estimate")}
    raw_convs = {case: ms for case, ms in raw_convs.items() if ms}
    managed_ms = table.median("fft", "operator-forward", size, "differentials-managed")
    if managed_ms and raw_convs:
        name, best = min(raw_convs.items(), key=lambda item: item[1])
        ratios.append(ratio_row("without FFTW vs raw FFTW", "fft", "operator-forward", size, "differentials-managed",
                                managed_ms, name, best, 5.0))

    # 5. A plain process (.NET defaults) against the tuned one, same timing (median of ten calls after the first).
    for operator in PROCESS_OPERATORS:
        for size in table.sizes("process", linalg_library):
            plain = table.median("process", f"{operator}-steady-plain", size, linalg_library)
            tuned = table.median("process", f"{operator}-steady-tuned", size, linalg_library)
            if plain and tuned:
                ratios.append(ratio_row("plain ÷ tuned process", "process", f"{operator}-steady-plain", size,
                                        linalg_library, plain, "tuned process", tuned, PLAIN_OVER_TUNED))

    # 6. Backward over forward for each operator: the closure's backward (state kept, as autograd keeps
    #    it) against the forward; every size this run has.
    for suite, fixed in BACKWARD_OVER_FORWARD.items():
        ours = ours_for[suite]
        for size in table.sizes(suite, ours):
            target = fixed if fixed is not None else round(flop_ratio(suite, size)[0], 3)
            forward = table.median(suite, "forward", size, ours)
            pullback = table.median(suite, "pullback", size, ours)
            if forward and pullback:
                ratios.append(ratio_row("pullback ÷ forward", suite, "pullback", size, ours, pullback,
                                        "own forward", forward, target))
    return ratios


def matrix_flops(suite, size):
    """(forward, pullback) flops to leading order for the matrix operators, or None for the convolution.

    inverse n: forward = LU (2n³/3) + inverse from the factors (4n³/3) = 2n³; pullback −YᵀȲYᵀ = two n×n
    products = 4n³. Gram m×n: forward = one triangle of XᵀX = m·n(n+1); pullback X(Ȳ + Ȳᵀ) = a general
    m×n by n×n product = 2m·n².
    """
    parts = [int(p) for p in size.split("x")]
    if suite == "inverse":
        n = parts[0]
        return 2.0 * n ** 3, 4.0 * n ** 3
    if suite == "gram":
        m, n = parts[0], parts[-1]
        return m * n * (n + 1.0), 2.0 * m * n * n
    return None


def pullback_flops(suite, size):
    """The pullback's flops to leading order, or None where the count is not a product's."""
    flops = matrix_flops(suite, size)
    return flops[1] if flops else None


def flop_ratio(suite, size):
    """Pullback flops ÷ forward flops at equal efficiency, to leading order, with the reason.

    Convolution: forward = two real FFTs and one inverse; the pullback, with both forward spectra kept,
    = one FFT of ȳ and two inverses; the pointwise products are lower order.
    """
    reasons = {"inverse": "4n³ (two products) ÷ 2n³ (LU + inverse)",
               "gram": "2mn² (general product) ÷ mn(n+1) (one triangle)"}
    flops = matrix_flops(suite, size)
    if flops:
        forward, pullback = flops
        return pullback / forward, reasons[suite]
    if suite == "convolution":
        return 1.0, "3 FFTs ÷ 3 FFTs"
    return None, ""


def process_section(run_tables, environment):
    """First call and steady median of each operator's forward, plain process against tuned (the median over runs)."""
    library = environment.get("fast_linalg_library", "")
    found = []
    for operator in PROCESS_OPERATORS:
        for size in sorted({s for t in run_tables for s in t.sizes("process", library)}, key=size_key):
            cells = []
            for case in ("first-tuned", "steady-tuned", "first-plain", "steady-plain"):
                values = [t.median("process", f"{operator}-{case}", size, library) for t in run_tables]
                values = [v for v in values if v is not None]
                cells.append(f"{median(values):.4g}" if values else "")
            if any(cells):
                found.append(f"| {operator} forward | {size} | " + " | ".join(cells) + " |")
    if not found:
        return []
    return [
        "",
        "## A user's process: first call and steady state",
        "",
        "`Bench --plain-process`: the forward timed call by call in the tuned benchmark process (build/LargeArrayGc.props,",
        "DOTNET_GCgen0size) and in a process with .NET's default runtime settings; the first call includes JIT",
        "compilation and first-touch allocation, the steady figure is the median of the next ten calls. ms.",
        "",
        "| operator | size | first, tuned | steady, tuned | first, plain | steady, plain |",
        "|---|---|---:|---:|---:|---:|",
        *found,
    ]


def work_section(run_tables, ratios, run_peaks):
    """Backward ÷ forward beside the ratio the flop counts predict, and the peers' own ratios.

    The peers' ratios are taken like ours: inside each run, then the median over the runs."""
    rows = [r for r in ratios if r["goal"] == "pullback ÷ forward"]
    if not rows:
        return []
    lines = [
        "",
        "## Backward ÷ forward against the work each does",
        "",
        "The pullback ÷ forward targets compare two computations with different flop counts. At equal efficiency",
        "(flops per second) the ratio is the flop ratio below: 2 for the inverse and for Gram, whose forwards are",
        "cheaper than their pullbacks (an LU-based inverse; one triangle of a symmetric product), and 1 for the",
        "convolution. \"per flop\" is the measured ratio ÷ the flop ratio: at most 1 means the pullback runs at",
        "least as fast per flop as the forward. \"at peak\" is the smallest ratio the pullback could show if its",
        f"products ran at the run's measured FMA peak ({peak_text(run_peaks)}) against our forward's measured time: a",
        "target below it cannot be met without slowing the forward. The peers' own pullback ÷ forward, from the",
        "same run, are shown for comparison.",
        "",
        "| suite | size | ours | flop ratio | per flop | at peak | NumPy | PyTorch | flops |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        expected, reason = flop_ratio(r["suite"], r["size"])
        if expected is None:
            continue
        peers = []
        for library in ("numpy", "torch"):
            per_run = [(t.median(r["suite"], "pullback", r["size"], library), t.median(r["suite"], "forward", r["size"], library))
                       for t in run_tables]
            per_run = [pullback / forward for pullback, forward in per_run if forward and pullback]
            peers.append(f"{median(per_run):.2f}" if per_run else "")
        measured = float(r["ratio"])
        lines.append(f"| {r['suite']} | {r['size']} | {measured:.3f} | {expected:.2f} | {measured / expected:.2f} | "
                     f"{at_peak(run_tables, run_peaks, r)} | {peers[0]} | {peers[1]} | {reason} |")
    return lines


def peak_text(run_peaks):
    """The runs' measured all-core peaks as text, or NO_PEAK."""
    peaks = [f"{p:g}" for p in run_peaks if p]
    return f"{' / '.join(peaks)} GFLOP/s" if peaks else NO_PEAK


def at_peak(run_tables, run_peaks, row):
    """Pullback ÷ forward if the pullback ran at the run's measured FMA peak, taken inside each run, then the
    median; "–" if unknown (no flop count, or the peak was not measured)."""
    flops = pullback_flops(row["suite"], row["size"])
    if flops is None:
        return "–"
    per_run = []
    for table, peak in zip(run_tables, run_peaks):
        forward = table.median(row["suite"], "forward", row["size"], row["ours"])
        if forward and peak:
            per_run.append(flops / (peak * 1e9) * 1e3 / forward)
    return f"{median(per_run):.2f}" if per_run else "–"


def median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def group_across_runs(runs, key):
    """The rows of all runs grouped by key(row), in first-seen order: one list per case, one entry per run."""
    groups = {}
    for rows in runs:
        for r in rows:
            groups.setdefault(key(r), []).append(r)
    return groups.values()


def combine_runs(runs_rows):
    """One row per (suite, case, size, detail, library, backend): the median of the runs' medians, min and max over all runs."""
    if len(runs_rows) == 1:
        return [dict(r, runs="1") for r in runs_rows[0]]
    combined = []
    for group in group_across_runs(runs_rows, lambda r: (r["suite"], r["case"], r["size"], r.get("detail", ""),
                                                          r["library"], r.get("backend", ""))):
        row = dict(group[0])
        row["median_ms"] = f"{median(float(r['median_ms']) for r in group):.6g}"
        row["min_ms"] = f"{min(float(r['min_ms']) for r in group if r.get('min_ms')):.6g}" \
            if any(r.get("min_ms") for r in group) else ""
        row["max_ms"] = f"{max(float(r['max_ms']) for r in group if r.get('max_ms')):.6g}" \
            if any(r.get("max_ms") for r in group) else ""
        row["samples"] = str(sum(int(r["samples"]) for r in group if (r.get("samples") or "").isdigit()))
        gflops = [float(r["gflops"]) for r in group if r.get("gflops")]
        row["gflops"] = f"{median(gflops):.6g}" if gflops else ""
        row["runs"] = str(len(group))
        combined.append(row)
    return combined


def combine_ratios(runs_ratios):
    """The median of each goal's per-run ratios; each run's ratio is kept in "per_run"."""
    if len(runs_ratios) == 1:
        return [dict(r, per_run="") for r in runs_ratios[0]]
    combined = []
    for group in group_across_runs(runs_ratios, lambda r: (r["goal"], r["suite"], r["case"], r["size"], r["ours"])):
        first = group[0]
        ratio = median(float(r["ratio"]) for r in group)
        target = float(first["target"][2:])
        at_least = first["target"].startswith("≥")
        baselines = sorted({r["baseline"] for r in group})
        row = dict(first)
        row.update({
            "ours_ms": f"{median(float(r['ours_ms']) for r in group):.6g}",
            "baseline": "/".join(baselines),
            "baseline_ms": f"{median(float(r['baseline_ms']) for r in group):.6g}" if all(r["baseline_ms"] for r in group) else "",
            "ratio": f"{ratio:.3f}",
            "met": "yes" if meets(ratio, target, at_least) else "NO",
            "per_run": " / ".join(r["ratio"] for r in group),
        })
        combined.append(row)
    return combined


def fftw_plans(environment):
    """How the default FFTW backend planned: measured plans from the wisdom file at some lengths."""
    lengths = environment.get("fftw_wisdom_lengths", "").split()
    if not environment.get("fftw"):
        return ""
    if not lengths:
        return " (estimated plans: no wisdom file held the convolution lengths)"
    return (f" (measured plans taken from the wisdom file {environment.get('fftw_wisdom', '?')}, filled by bench/run's "
            f"first step, at transform lengths {', '.join(lengths)}; estimated plans elsewhere)")


def markdown(ratios, environment, run_tables, run_peaks, run_peak_texts):
    run_count = len(run_tables)
    several = run_count > 1
    lines = [
        f"# Goal ratios from {run_count} benchmark runs" if several else "# Goal ratios from one benchmark run",
        "",
        f"Machine: {environment.get('machine', '?')}, {environment.get('cores', '?')} cores; "
        f"peak: {'; '.join(run_peak_texts) if any(run_peaks) else NO_PEAK + ' (this run has no FMA loop figure; the matrix product is not judged)'}. "
        f"Fast backends measured: {environment.get('fast_linalg', '?')} (linear algebra), "
        f"{environment.get('fast_fft', '?')} (FFT); reference: managed MathNet. "
        f"{environment.get('dotnet', '.NET ?')}, NumPy {environment.get('numpy') or 'n/a'}, "
        f"PyTorch {environment.get('torch') or 'n/a'}, {environment.get('fftw', '?')}{fftw_plans(environment)}; "
        f".NET GC: {environment.get('gc') or 'defaults'}; peers' glibc malloc: {environment.get('malloc') or 'defaults'}. "
        f"{'Runs' if several else 'Run'}: {environment.get('date_utc', '?')} ({environment.get('mode', '?')}); "
        f"one-minute load average{'s' if several else ''} "
        f"{environment.get('load', '?')} (the machine is shared: figures under load are pessimistic).",
        "",
        "Medians in ms; a ratio is ours ÷ baseline (for the matrix product, GFLOP/s ÷ the run's measured "
        "all-core FMA peak). "
        "\"pullback\" is the linearization's backward closure (forward state kept, as autograd keeps it); "
        "\"backward\" is the standalone backward starting from the input.",
    ]
    if several:
        lines += ["", f"Each ratio is computed inside one run, from medians measured side by side; the table gives the "
                      f"median of the {run_count} runs' ratios (\"per run\" lists them in run order) and, for ms, the "
                      f"median of the runs' medians. The runs were made one after another, each .NET then peers."]
    columns = RATIO_COLUMNS if several else RATIO_COLUMNS[:-1]
    lines += [
        "",
        "| goal | suite | case | size | ours | ours ms | baseline | baseline ms | ratio | target | met |"
        + (" per run |" if several else ""),
        "|---|---|---|---|---|---:|---|---:|---:|---|---|" + ("---|" if several else ""),
    ]
    for r in ratios:
        lines.append("| " + " | ".join(r[c] for c in columns) + " |")
    default = [r for r in ratios if r["goal"] != OPT_IN_GOAL]
    opt_in = [r for r in ratios if r["goal"] == OPT_IN_GOAL]
    met = sum(r["met"] == "yes" for r in default)
    lines += ["", f"{met} of {len(default)} goals met by the default backends."]
    if opt_in:
        lines.append(f"Opt-in FFTW with measured plans (DIFFERENTIALS_FFT=fftw-measure), shown for comparison: "
                     f"{sum(r['met'] == 'yes' for r in opt_in)} of {len(opt_in)} peer rows within the goal.")
    lines += process_section(run_tables, environment)
    lines += work_section(run_tables, ratios, run_peaks)
    return "\n".join(lines) + "\n"


def read_run(raw):
    """One run's rows (with its environment on each row), its environment, and its .NET environment."""
    dotnet_env = read_json(os.path.join(raw, "dotnet-environment.json"))
    peers_env = read_json(os.path.join(raw, "peers-environment.json"))
    rows = (read_csv(os.path.join(raw, "dotnet.csv")) + read_csv(os.path.join(raw, "process.csv"))
            + read_csv(os.path.join(raw, "peers.csv")))
    environment = {
        "machine": dotnet_env.get("cpu", "unknown"),
        "cores": dotnet_env.get("cores", ""),
        "dotnet": dotnet_env.get("dotnet_runtime", ""),
        "mathnet": dotnet_env.get("mathnet", ""),
        "fftw": dotnet_env.get("fftw", ""),
        "fftw_wisdom": dotnet_env.get("fftw_wisdom", ""),
        "fftw_wisdom_lengths": dotnet_env.get("fftw_wisdom_lengths", ""),
        "numpy": peers_env.get("numpy", ""),
        "torch": peers_env.get("torch", ""),
        "kernel_backend": dotnet_env.get("kernel_backend", ""),
        "fast_linalg": dotnet_env.get("fast_linalg", ""),
        "fast_fft": dotnet_env.get("fast_fft", ""),
        "date_utc": dotnet_env.get("date_utc", ""),
        "mode": dotnet_env.get("mode", ""),
        "gc": dotnet_env.get("gc", ""),
        "malloc": peers_env.get("malloc", ""),
        "load": " / ".join(v for v in (dotnet_env.get("load_average_at_start", ""), dotnet_env.get("load_average_at_end", ""),
                                       peers_env.get("load_average_after_peers", "")) if v),
    }
    for row in rows:
        row.update({k: v for k, v in environment.items() if k in RESULT_COLUMNS})
    return rows, environment, dotnet_env


def main():
    parser = argparse.ArgumentParser(description="Merge benchmark runs into results.csv and the goal ratios.")
    parser.add_argument("--raw", required=True, action="append",
                        help="a run's raw folder; repeat it for several runs of the same code")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    runs = [read_run(raw) for raw in args.raw]
    for raw, (rows, _, _) in zip(args.raw, runs):
        if not rows:
            print(f"merge: no results in {raw}", file=sys.stderr)
            return 1
    backends = {(d.get("fast_linalg_library", ""), d.get("fast_fft_library", "")) for _, _, d in runs}
    if len(backends) > 1:
        print(f"merge: the runs measured different fast backends {sorted(backends)}; merge runs of one setup only",
              file=sys.stderr)
        return 1
    linalg_library, fft_library = backends.pop()

    run_tables = [Table(rows) for rows, _, _ in runs]
    peaks = [peak_of(dotnet_env) for _, _, dotnet_env in runs]
    run_peaks = [peak for peak, _ in peaks]
    runs_ratios = [goal_ratios(table, linalg_library, fft_library, env["fftw_wisdom_lengths"].split(), peak)
                   for table, (_, env, _), peak in zip(run_tables, runs, run_peaks)]
    rows = combine_runs([rows for rows, _, _ in runs])
    rows.sort(key=lambda r: (r["suite"], size_key(r["size"]), r["case"], r["library"]))
    environment = dict(runs[0][1], fast_linalg_library=linalg_library)
    if len(runs) > 1:
        environment["date_utc"] = ", ".join(env["date_utc"] or "?" for _, env, _ in runs)
        environment["load"] = "; ".join(env["load"] or "?" for _, env, _ in runs)
        for row in rows:
            row["date_utc"] = environment["date_utc"]

    write_atomically(os.path.join(args.out, "results.csv"), csv_text(RESULT_COLUMNS, rows))
    for suite in sorted({r["suite"] for r in rows}):
        write_atomically(os.path.join(args.out, "suites", f"{suite}.csv"),
                         csv_text(RESULT_COLUMNS, [r for r in rows if r["suite"] == suite]))

    ratios = combine_ratios(runs_ratios)
    write_atomically(os.path.join(args.out, "ratios.csv"), csv_text(RATIO_COLUMNS, ratios))
    write_atomically(os.path.join(args.out, "ratios.md"), markdown(ratios, environment, run_tables, run_peaks,
                                                                           [text for _, text in peaks]))
    print(f"merge: {len(runs)} run(s), {len(rows)} rows -> {os.path.join(args.out, 'results.csv')}; "
          f"{len(ratios)} goal ratios -> {os.path.join(args.out, 'ratios.md')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
