#!/usr/bin/env python3
"""Independent implementation of Dossier's Bayesian weighing (issue 18), for cross-checking.

Swift's `Weighing` module works in log-odds (decibans, 10*log10) and adds weights. This script
works the other way round, in probabilities: it multiplies likelihoods with numpy and applies
Bayes' rule directly, P(H|E) = P(H) prod P(Ei|H) / (P(H) prod P(Ei|H) + P(not H) prod P(Ei|not H)),
so an error in either path shows up as a difference.

Input (JSON on stdin or a file argument): {"binary": [...], "rivals": [...]}
  binary: {"prior": p, "items": [[P(E|H), P(E|not H)], ...], "grid": [...], "factor": f}
  rivals: {"priors": [...], "likelihoods": [[P(E1|H1), ..., P(E1|Hk)], ...]}
Output (JSON on stdout): per binary case the weights (dB), the running log-odds (dB), the
posterior, the posteriors over the grid, the damped posterior (each likelihood ratio raised to
1/f) and the items whose removal alone changes which side of 1/2 the posterior is on; per rivals
case the posteriors.

  python3 Benchmarks/weighing/reference.py cases.json
  python3 Benchmarks/weighing/reference.py --generate 40 --seed 18 > cases.json
  python3 Benchmarks/weighing/reference.py --emit-fixture > Tests/WeighingTests/Fixtures/reference.json
"""
import json
import sys

import numpy as np


def bayes(prior, lik_h, lik_not):
    """Posterior of H by multiplying probabilities (no logarithms)."""
    a = prior * np.prod(np.asarray(lik_h, dtype=np.float64))
    b = (1.0 - prior) * np.prod(np.asarray(lik_not, dtype=np.float64))
    return float(a / (a + b))


def side(p):
    return "hypothesis" if p > 0.5 else ("rival" if p < 0.5 else "even")


def binary(case):
    prior = case["prior"]
    items = np.asarray(case["items"], dtype=np.float64).reshape(-1, 2)
    lik_h, lik_not = items[:, 0], items[:, 1]
    weights = [float(10 * np.log10(h / n)) for h, n in items]
    # Running log-odds from the running product of ratios, not from adding weights.
    ratios = np.cumprod(lik_h / lik_not)
    prior_odds = prior / (1 - prior)
    running = [float(10 * np.log10(prior_odds * r)) for r in ratios]
    posterior = bayes(prior, lik_h, lik_not)
    grid = [bayes(p, lik_h, lik_not) for p in case.get("grid", [])]
    f = case.get("factor", 2.0)
    # Damping: the likelihood ratio's f-th root, as odds.
    damped_odds = prior_odds * float(np.prod((lik_h / lik_not) ** (1.0 / f)))
    damped = damped_odds / (1 + damped_odds)
    lean = side(posterior)
    decisive = []
    for i in range(len(items)):
        if lik_h[i] == lik_not[i]:
            continue
        keep = [j for j in range(len(items)) if j != i]
        if side(bayes(prior, lik_h[keep], lik_not[keep])) != lean:
            decisive.append(i)
    return {"weights": weights, "running": running, "posterior": posterior, "grid": grid,
            "damped": damped, "decisive": decisive}


def rivals(case):
    priors = np.asarray(case["priors"], dtype=np.float64)
    joint = priors * np.prod(np.asarray(case["likelihoods"], dtype=np.float64).reshape(-1, len(priors)), axis=0)
    return {"posteriors": [float(x) for x in joint / joint.sum()]}


def generate(n, seed):
    rng = np.random.default_rng(seed)
    out = {"binary": [], "rivals": []}
    for _ in range(n):
        m = int(rng.integers(0, 9))
        items = [[round(float(rng.uniform(0.02, 0.98)), 4), round(float(rng.uniform(0.02, 0.98)), 4)] for _ in range(m)]
        out["binary"].append({"prior": round(float(rng.uniform(0.05, 0.95)), 4), "items": items,
                              "grid": [0.1, 0.3, 0.5, 0.7, 0.9], "factor": float(rng.choice([1.0, 1.5, 2.0, 3.0]))})
        k = int(rng.integers(2, 5))
        raw = rng.uniform(0.1, 1.0, k)
        priors = [float(x) for x in raw / raw.sum()]
        out["rivals"].append({"priors": priors,
                              "likelihoods": [[round(float(rng.uniform(0.01, 0.99)), 4) for _ in range(k)]
                                              for _ in range(int(rng.integers(1, 6)))]})
    return out


def answer(cases):
    return {"binary": [binary(c) for c in cases.get("binary", [])],
            "rivals": [rivals(c) for c in cases.get("rivals", [])]}


def main(argv):
    if "--generate" in argv:
        n = int(argv[argv.index("--generate") + 1])
        seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 18
        json.dump(generate(n, seed), sys.stdout)
        return
    if "--emit-fixture" in argv:
        cases = generate(25, 18)
        json.dump({"source": "python3 Benchmarks/weighing/reference.py --emit-fixture (numpy %s, seed 18)" % np.__version__,
                   "cases": cases, "expected": answer(cases)}, sys.stdout, indent=1)
        return
    args = [a for a in argv if not a.startswith("--")]
    cases = json.load(open(args[0]) if args else sys.stdin)
    json.dump(answer(cases), sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
