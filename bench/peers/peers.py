#!/usr/bin/python3
"""The peers' side of the workbook's benchmarks: the same operators, sizes and case names as the
.NET suites in bench/Bench, computed with NumPy (hand-written differentials and adjoints) and with
PyTorch (forward-mode AD for differentials, autograd for backward passes).

Run with Debian's interpreter, /usr/bin/python3 (it sees python3-numpy and python3-torch):

    /usr/bin/python3 bench/peers/peers.py --out DIR [--smoke] [--suites inverse,gram,...]

Writes DIR/peers.csv (same columns as the .NET side's dotnet.csv) and DIR/peers-environment.json.
Every figure is the median over repeats of timeit, each repeat averaging enough calls to last
about 0.2 s. Case names match the .NET side:

    forward       y = f(x)
    differential  dy = df(x; dx), starting from x
    backward      x̄ from (x, ȳ), starting from x (PyTorch: forward with the tape, then backward)
    linearize     the forward pass that keeps what the backward pass needs (PyTorch: forward with the tape)
    pushforward   dy from dx, given the linearize state
    pullback      x̄ from ȳ, given the linearize state (PyTorch: autograd backward over a kept graph)
"""

import argparse
import json
import os
import platform
import statistics
import sys
import time
import timeit

HEADER = "suite,case,size,detail,library,backend,median_ms,min_ms,max_ms,samples,gflops"

FULL_SIZES = {
    "inverse": [(64, 64), (256, 256), (1024, 1024), (2048, 2048)],
    "gram": [(64, 64), (256, 256), (1024, 1024), (2048, 2048), (4096, 1024)],
    "convolution": [1 << 10, 1 << 14, 1 << 18, 1 << 20, 3 << 17, 1000003],
    "matmul": [512, 1024, 2048],
    "fft": [1 << 18],
}
# Issue 16's operators: square n×n inputs at the .NET side's sizes (bench/Bench BenchSettings.Choose).
NEW_SUITES = ("det", "logdet", "solve", "cholesky", "eigh", "expm")
FULL_SIZES.update({suite: [(64, 64), (256, 256), (1024, 1024)] for suite in NEW_SUITES})
SCIPY_SUITES = ("cholesky", "expm")  # NumPy alone has no triangular solve, matrix exponential or Fréchet derivative
SMOKE_SIZES = {
    "inverse": [(8, 8)],
    "gram": [(8, 8), (16, 8)],
    "convolution": [16, 15],
    "matmul": [16],
    "fft": [64],
}
SMOKE_SIZES.update({suite: [(8, 8)] for suite in NEW_SUITES})
DEFAULT_SUITES = ",".join(["inverse", "gram", "convolution", "matmul", "fft", *NEW_SUITES])


def size_text(shape):
    """"n" for vectors and square matrices, "mxn" otherwise, as the .NET side writes it."""
    if isinstance(shape, int):
        return str(shape)
    m, n = shape
    return str(m) if m == n else f"{m}x{n}"


class Timer:
    """Medians of timeit repeats; in smoke mode a single call proves the code runs."""

    def __init__(self, smoke, repeats, target_seconds):
        self.smoke = smoke
        self.repeats = repeats
        self.target = target_seconds

    def measure(self, fn):
        if self.smoke:
            start = time.perf_counter()
            fn()
            elapsed = time.perf_counter() - start
            return [elapsed]
        timer = timeit.Timer(fn)
        timer.timeit(1)  # warm-up: first-call allocation and lazy initialisation stay out of the figures
        number = 1
        while True:  # like Timer.autorange, but aiming at self.target seconds per repeat
            elapsed = timer.timeit(number)
            if elapsed >= self.target or number >= 1 << 20:
                break
            number = max(number * 2, int(number * self.target / max(elapsed, 1e-9)))
        # Calls of a second or more: three repeats keep a full run within its time budget.
        repeats = self.repeats if elapsed / number < 1.0 else min(self.repeats, 3)
        return [t / number for t in timer.repeat(repeat=repeats, number=number)]


class Results:
    def __init__(self):
        self.rows = []

    def add(self, suite, case, size, library, backend, seconds, flops=None, detail=""):
        median = statistics.median(seconds)
        gflops = f"{flops / median / 1e9:.6g}" if flops else ""
        self.rows.append(",".join([
            suite, case, size, detail, library, backend,
            f"{median * 1e3:.6g}", f"{min(seconds) * 1e3:.6g}", f"{max(seconds) * 1e3:.6g}",
            str(len(seconds)), gflops]))
        print(f"{suite:12s} {case:14s} {size:10s} {library:6s} {median * 1e3:12.4f} ms", flush=True)


# ---------------------------------------------------------------- NumPy, by hand

def numpy_cases(np, suite, shape, rng):
    """(case, callable, flops) for NumPy; differentials and adjoints written out by hand."""
    if suite == "inverse":
        n = shape[0]
        x = rng.uniform(-1, 1, (n, n)) + n * np.eye(n)
        dx = rng.uniform(-1, 1, (n, n))
        y_bar = rng.uniform(-1, 1, (n, n))
        y = np.linalg.inv(x)
        inv = np.linalg.inv

        def differential():
            y = inv(x)
            return -(y @ dx @ y)

        def backward():
            y = inv(x)
            return -(y.T @ y_bar @ y.T)

        return [
            ("forward", lambda: inv(x), None),
            ("differential", differential, None),
            ("backward", backward, None),
            ("linearize", lambda: inv(x), None),
            ("pushforward", lambda: -(y @ dx @ y), None),
            ("pullback", lambda: -(y.T @ y_bar @ y.T), None),
        ]
    if suite == "gram":
        m, n = shape
        x = rng.uniform(-1, 1, (m, n))
        dx = rng.uniform(-1, 1, (m, n))
        y_bar = rng.uniform(-1, 1, (n, n))
        return [
            ("forward", lambda: x.T @ x, None),
            ("differential", lambda: dx.T @ x + x.T @ dx, None),
            ("backward", lambda: x @ (y_bar + y_bar.T), None),
            ("linearize", lambda: x.T @ x, None),
            ("pushforward", lambda: dx.T @ x + x.T @ dx, None),
            ("pullback", lambda: x @ (y_bar + y_bar.T), None),
        ]
    if suite == "convolution":
        n = shape
        rfft, irfft = np.fft.rfft, np.fft.irfft
        a, x, da, dx, y_bar = (rng.uniform(-1, 1, n) for _ in range(5))
        spec_a, spec_x = rfft(a), rfft(x)

        def differential():
            sa, sx = rfft(a), rfft(x)
            return irfft(rfft(da) * sx + sa * rfft(dx), n)

        def backward():
            sa, sx, sy = rfft(a), rfft(x), rfft(y_bar)
            return irfft(np.conj(sx) * sy, n), irfft(np.conj(sa) * sy, n)

        def linearize():
            sa, sx = rfft(a), rfft(x)
            return irfft(sa * sx, n), sa, sx

        def pullback():
            sy = rfft(y_bar)
            return irfft(np.conj(spec_x) * sy, n), irfft(np.conj(spec_a) * sy, n)

        return [
            ("forward", lambda: irfft(rfft(a) * rfft(x), n), None),
            ("differential", differential, None),
            ("backward", backward, None),
            ("linearize", linearize, None),
            ("pushforward", lambda: irfft(rfft(da) * spec_x + spec_a * rfft(dx), n), None),
            ("pullback", pullback, None),
        ]
    if suite == "matmul":
        n = shape
        a, b = rng.uniform(-1, 1, (n, n)), rng.uniform(-1, 1, (n, n))
        return [("multiply", lambda: a @ b, 2.0 * n ** 3)]
    if suite == "fft":
        n = shape
        x = rng.uniform(-1, 1, n)
        return [("backend-r2c+c2r", lambda: np.fft.irfft(np.fft.rfft(x), n), None)]
    raise ValueError(suite)

# ---------------------------------------------------------------- issue 16's operators, NumPy/SciPy by hand

def matrix_inputs(suite, n, uniform, eye, tril):
    """The inputs of a new suite, as the .NET side builds them (TEAM conventions), from uniform(rows, cols)
    values in [-1, 1), the identity eye(n) and tril(m), a lower triangle: (primals, tangents, cotangents).

    det: X = I + U/n (the inverse's U + nI scaled by 1/n, so that det X stays finite at n = 1024);
    logdet: X = U + nI; solve: A = U + nI and B = U; cholesky: X = AAᵀ + nI; eigh: X = (U + Uᵀ)/2;
    expm: X = U / ‖U‖₁. Tangents of symmetric inputs are symmetric; Cholesky's cotangent is lower
    triangular; eigh has a cotangent for the values and one for the vectors.
    """
    def symmetric(m):
        return (m + m.T) / 2

    if suite == "det":
        return [eye(n) + uniform(n, n) / n], [uniform(n, n)], [uniform(1, 1)[0, 0]]
    if suite == "logdet":
        return [uniform(n, n) + n * eye(n)], [uniform(n, n)], [uniform(1, 1)[0, 0]]
    if suite == "solve":
        return [uniform(n, n) + n * eye(n), uniform(n, n)], [uniform(n, n), uniform(n, n)], [uniform(n, n)]
    if suite == "cholesky":
        a = uniform(n, n)
        return [a @ a.T + n * eye(n)], [symmetric(uniform(n, n))], [tril(uniform(n, n))]
    if suite == "eigh":
        return [symmetric(uniform(n, n))], [symmetric(uniform(n, n))], [uniform(1, n)[0], uniform(n, n)]
    if suite == "expm":
        u = uniform(n, n)
        return [u / abs(u).sum(0).max()], [uniform(n, n)], [uniform(n, n)]
    raise ValueError(suite)


def numpy_matrix_function_cases(np, sla, suite, n, rng):
    """(case, callable, flops) for issue 16's operators in NumPy, with SciPy's LU, triangular solves,
    matrix exponential and Fréchet derivative where NumPy has none (sla = scipy.linalg, or None).
    "linearize" computes and keeps what the closures need; "pushforward"/"pullback" use only that."""
    (x, *rest), tangents, cotangents = matrix_inputs(suite, n, lambda r, c: rng.uniform(-1, 1, (r, c)), np.eye, np.tril)
    dx = tangents[0]
    inv, det = np.linalg.inv, np.linalg.det
    if suite in ("det", "logdet"):
        y_bar = cotangents[0]
        value = det if suite == "det" else (lambda a: np.linalg.slogdet(a)[1])
        # d det = det·tr(X⁻¹dX), X̄ = ȳ·det·X⁻ᵀ; d log|det| = tr(X⁻¹dX), X̄ = ȳ·X⁻ᵀ. tr(X⁻¹dX) = Σ (X⁻ᵀ ∘ dX).
        scale = det if suite == "det" else (lambda a: 1.0)

        def linearize():
            return value(x), scale(x), inv(x).T

        _, kept_scale, kept_inv_t = linearize()
        return [
            ("forward", lambda: value(x), None),
            ("differential", lambda: scale(x) * np.vdot(inv(x).T, dx), None),
            ("backward", lambda: (y_bar * scale(x)) * inv(x).T, None),
            ("linearize", linearize, None),
            ("pushforward", lambda: kept_scale * np.vdot(kept_inv_t, dx), None),
            ("pullback", lambda: (y_bar * kept_scale) * kept_inv_t, None),
        ]
    if suite == "solve":
        a, b = x, rest[0]
        da, db = tangents
        x_bar = cotangents[0]
        # X = A⁻¹B; dX = A⁻¹(dB − dA X); B̄ = A⁻ᵀX̄, Ā = −B̄Xᵀ. One LU of A serves both solves (SciPy),
        # else np.linalg.solve factors again.
        if sla is not None:
            def factor():
                return sla.lu_factor(a)

            def solve(lu, rhs, transposed=False):
                return sla.lu_solve(lu, rhs, trans=1 if transposed else 0)
        else:
            def factor():
                return a

            def solve(lu, rhs, transposed=False):
                return np.linalg.solve(lu.T if transposed else lu, rhs)

        def differential():
            lu = factor()
            y = solve(lu, b)
            return solve(lu, db - da @ y)

        def backward():
            lu = factor()
            y = solve(lu, b)
            b_bar = solve(lu, x_bar, transposed=True)
            return -(b_bar @ y.T), b_bar

        def linearize():
            lu = factor()
            return lu, solve(lu, b)

        kept_lu, kept_y = linearize()

        def pullback():
            b_bar = solve(kept_lu, x_bar, transposed=True)
            return -(b_bar @ kept_y.T), b_bar

        return [
            ("forward", lambda: np.linalg.solve(a, b), None),
            ("differential", differential, None),
            ("backward", backward, None),
            ("linearize", linearize, None),
            ("pushforward", lambda: solve(kept_lu, db - da @ kept_y), None),
            ("pullback", pullback, None),
        ]
    if suite == "cholesky":
        l_bar = cotangents[0]
        triangular = sla.solve_triangular

        def phi(m):
            """The lower triangle with its diagonal halved (Murray 2016's Φ)."""
            m = np.tril(m)
            m[np.diag_indices_from(m)] *= 0.5
            return m

        def push(l, d):
            # dL = L Φ(L⁻¹ dX L⁻ᵀ)
            w = triangular(l, d, lower=True)
            return l @ phi(triangular(l, w.T, lower=True).T)

        def pull(l):
            # X̄ = sym(L⁻ᵀ Φ(Lᵀ L̄) L⁻¹), sym(S) = (S + Sᵀ)/2 (Murray 2016, eq. 10, symmetric form)
            t = triangular(l, phi(l.T @ l_bar), lower=True, trans="T")
            s = triangular(l, t.T, lower=True, trans="T").T
            return (s + s.T) / 2

        chol = np.linalg.cholesky
        kept = chol(x)
        return [
            ("forward", lambda: chol(x), None),
            ("differential", lambda: push(chol(x), dx), None),
            ("backward", lambda: pull(chol(x)), None),
            ("linearize", lambda: chol(x), None),
            ("pushforward", lambda: push(kept, dx), None),
            ("pullback", lambda: pull(kept), None),
        ]
    if suite == "eigh":
        w_bar, v_bar = cotangents

        def linearize():
            w, v = np.linalg.eigh(x)
            gaps = w[None, :] - w[:, None]  # λⱼ − λᵢ
            np.fill_diagonal(gaps, np.inf)
            return w, v, 1.0 / gaps  # F, zero on the diagonal

        def push(kept, d):
            # dλ = diag(Vᵀ dX V), dV = V (F ∘ Vᵀ dX V)
            _, v, f = kept
            m = v.T @ d @ v
            return np.diag(m).copy(), v @ (f * m)

        def pull(kept):
            # X̄ = V (diag(λ̄) + F ∘ (Vᵀ V̄)) Vᵀ, symmetrized (as PyTorch's): F is antisymmetric, so the
            # symmetric part of F ∘ G is F ∘ (G − Gᵀ)/2
            _, v, f = kept
            g = v.T @ v_bar
            inner = f * ((g - g.T) / 2)
            inner[np.diag_indices_from(inner)] += w_bar
            return v @ inner @ v.T

        kept = linearize()
        return [
            ("forward", lambda: np.linalg.eigh(x), None),
            ("differential", lambda: push(linearize(), dx), None),
            ("backward", lambda: pull(linearize()), None),
            ("linearize", linearize, None),
            ("pushforward", lambda: push(kept, dx), None),
            ("pullback", lambda: pull(kept), None),
        ]
    if suite == "expm":
        y_bar = cotangents[0]
        frechet = sla.expm_frechet
        # dY = L(X, dX), the Fréchet derivative; X̄ = L(Xᵀ, Ȳ), its adjoint. SciPy keeps no state between
        # calls, so its closures are the standalone forms (linearize = the forward).
        return [
            ("forward", lambda: sla.expm(x), None),
            ("differential", lambda: frechet(x, dx, compute_expm=False), None),
            ("backward", lambda: frechet(x.T, y_bar, compute_expm=False), None),
            ("linearize", lambda: sla.expm(x), None),
            ("pushforward", lambda: frechet(x, dx, compute_expm=False), None),
            ("pullback", lambda: frechet(x.T, y_bar, compute_expm=False), None),
        ]
    raise ValueError(suite)


# ---------------------------------------------------------------- PyTorch, by autograd

def torch_cases(torch, suite, shape, seed):
    """(case, callable, flops) for PyTorch: forward-mode AD for differentials, autograd for the rest."""
    fw = torch.autograd.forward_ad
    gen = torch.Generator().manual_seed(seed)
    f64 = torch.float64

    def uniform(*dims):
        return torch.rand(*dims, generator=gen, dtype=f64) * 2 - 1

    def jvp(f, primals, tangents):
        with fw.dual_level():
            duals = [fw.make_dual(p, t) for p, t in zip(primals, tangents)]
            y = f(*duals)
            if isinstance(y, tuple):
                return tuple(fw.unpack_dual(part).tangent for part in y)
            return fw.unpack_dual(y).tangent

    def taped(f, *primals):
        leaves = [p.detach().requires_grad_(True) for p in primals]
        return leaves, f(*leaves)

    def grad(f, primals, y_bar):
        leaves, y = taped(f, *primals)
        return torch.autograd.grad(y, leaves, y_bar)

    if suite in ("inverse", "gram", "convolution"):
        if suite == "inverse":
            n = shape[0]
            primals = [uniform(n, n) + n * torch.eye(n, dtype=f64)]
            tangents = [uniform(n, n)]
            y_bar = uniform(n, n)
            f = torch.linalg.inv
        elif suite == "gram":
            m, n = shape
            primals = [uniform(m, n)]
            tangents = [uniform(m, n)]
            y_bar = uniform(n, n)
            f = lambda x: x.T @ x  # noqa: E731
        else:
            n = shape
            primals = [uniform(n), uniform(n)]
            tangents = [uniform(n), uniform(n)]
            y_bar = uniform(n)
            f = lambda a, x: torch.fft.irfft(torch.fft.rfft(a) * torch.fft.rfft(x), n)  # noqa: E731

        kept_leaves, kept_y = taped(f, *primals)

        def forward():
            with torch.no_grad():
                return f(*primals)

        def pullback():
            return torch.autograd.grad(kept_y, kept_leaves, y_bar, retain_graph=True)

        return [
            ("forward", forward, None),
            ("differential", lambda: jvp(f, primals, tangents), None),
            ("backward", lambda: grad(f, primals, y_bar), None),
            ("linearize", lambda: taped(f, *primals), None),
            ("pullback", pullback, None),
        ]
    if suite in NEW_SUITES:
        n = shape[0]
        primals, tangents, cotangents = matrix_inputs(suite, n, uniform, lambda k: torch.eye(k, dtype=f64), torch.tril)
        cotangents = [torch.as_tensor(c, dtype=f64) for c in cotangents]
        f = {
            "det": torch.linalg.det,
            "logdet": lambda x: torch.linalg.slogdet(x).logabsdet,
            "solve": torch.linalg.solve,
            "cholesky": torch.linalg.cholesky,
            "eigh": lambda x: tuple(torch.linalg.eigh(x)),  # (values, vectors); both get a cotangent
            "expm": torch.linalg.matrix_exp,
        }[suite]
        kept_leaves, kept_y = taped(f, *primals)

        def forward():
            with torch.no_grad():
                return f(*primals)

        def pullback():
            return torch.autograd.grad(kept_y, kept_leaves, cotangents, retain_graph=True)

        return [
            ("forward", forward, None),
            ("differential", lambda: jvp(f, primals, tangents), None),
            ("backward", lambda: grad(f, primals, cotangents), None),
            ("linearize", lambda: taped(f, *primals), None),
            ("pullback", pullback, None),
        ]
    if suite == "matmul":
        n = shape
        a, b = uniform(n, n), uniform(n, n)
        return [("multiply", lambda: a @ b, 2.0 * n ** 3)]
    if suite == "fft":
        n = shape
        x = uniform(n)
        return [("backend-r2c+c2r", lambda: torch.fft.irfft(torch.fft.rfft(x), n), None)]
    raise ValueError(suite)


def write_atomically(path, text):
    temporary = f"{path}.tmp-{os.getpid()}"
    with open(temporary, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(temporary, path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, help="folder for peers.csv and peers-environment.json")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, one call each")
    parser.add_argument("--suites", default=DEFAULT_SUITES)
    parser.add_argument("--libraries", default="numpy,torch")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--target-seconds", type=float, default=0.2)
    args = parser.parse_args()

    try:
        import numpy as np
    except ImportError:
        print("peers: NumPy is not importable by this interpreter; skipping the peers "
              "(install python3-numpy and run with /usr/bin/python3).")
        return 0
    libraries = set(args.libraries.split(","))
    torch = None
    if "torch" in libraries:
        try:
            import torch
            torch.set_num_threads(2)  # Debian's build starts with one thread; the machine has two cores
        except ImportError:
            print("peers: PyTorch is not importable; NumPy only.")
    try:
        import scipy.linalg as sla
    except ImportError:
        sla = None
        print(f"peers: SciPy is not importable; no NumPy rows for {', '.join(SCIPY_SUITES)} "
              "(install python3-scipy), and the solve suite refactors per solve.")

    sizes = SMOKE_SIZES if args.smoke else FULL_SIZES
    timer = Timer(args.smoke, 1 if args.smoke else args.repeats, args.target_seconds)
    results = Results()
    numpy_backend = {"fft": "pocketfft", "convolution": "pocketfft"}
    if sla is not None:
        numpy_backend.update({suite: "scipy-openblas" for suite in ("solve", *SCIPY_SUITES)})
    torch_backend = {"fft": "pocketfft", "convolution": "pocketfft"}
    suites = args.suites.split(",")
    unknown = [suite for suite in suites if suite not in sizes]
    if unknown:
        print(f"peers: unknown suite(s) {', '.join(unknown)}; known: {', '.join(sizes)}", file=sys.stderr)
        return 2
    for suite in suites:
        for index, shape in enumerate(sizes[suite]):
            size = size_text(shape)
            if "numpy" in libraries and not (suite in SCIPY_SUITES and sla is None):
                rng = np.random.default_rng(1000 + index)
                cases = (numpy_matrix_function_cases(np, sla, suite, shape[0], rng) if suite in NEW_SUITES
                         else numpy_cases(np, suite, shape, rng))
                for case, fn, flops in cases:
                    results.add(suite, case, size, "numpy", numpy_backend.get(suite, "openblas"),
                                timer.measure(fn), flops)
            if torch is not None:
                for case, fn, flops in torch_cases(torch, suite, shape, 2000 + index):
                    results.add(suite, case, size, "torch", torch_backend.get(suite, "torch-cpu"),
                                timer.measure(fn), flops)

    os.makedirs(args.out, exist_ok=True)
    write_atomically(os.path.join(args.out, "peers.csv"), "\n".join([HEADER, *results.rows]) + "\n")
    environment = {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "torch": torch.__version__ if torch is not None else "",
        "scipy": __import__("scipy").__version__ if sla is not None else "",
        "torch_threads": str(torch.get_num_threads()) if torch is not None else "",
        "peers_mode": "smoke" if args.smoke else "full",
        "peers_repeats": str(timer.repeats),
        "load_average_after_peers": open("/proc/loadavg").read().split()[0] if os.path.exists("/proc/loadavg") else "",
        # glibc malloc settings (bench/run sets them to match the .NET side's GC settings).
        "malloc": ", ".join(f"{k}={os.environ[k]}" for k in ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_")
                            if k in os.environ) or "defaults",
    }
    write_atomically(os.path.join(args.out, "peers-environment.json"), json.dumps(environment, indent=2) + "\n")
    print(f"{len(results.rows)} peer results written to {os.path.join(args.out, 'peers.csv')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
