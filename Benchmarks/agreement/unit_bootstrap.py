#!/usr/bin/env python3
"""Independent numpy reference for Krippendorff's alpha and its bootstrap over units.

Written from the definitions, not from the Swift code:
  alpha = 1 - (n.. - 1) * sum_ck o_ck d_ck / sum_ck n_c n_k d_ck      (Krippendorff 2011)
with the coincidence matrix o built unit by unit (pairs weighted 1/(m_u - 1)) and the metric d of the
level (ordinal from the marginals of the data at hand). The bootstrap resamples the pairable units
(units with two or more values) with replacement, as many as there are, and recomputes alpha in full
for each replicate (expected disagreement and ordinal metric included); replicates where alpha is
undefined are dropped. Percentile interval: numpy.quantile (linear, Hyndman & Fan type 7). BCa:
Efron & Tibshirani (1993) sec. 14.3, z0 from the share of replicates below alpha (ties half),
acceleration from the jackknife over units.

  python3 unit_bootstrap.py --emit-fixtures Tests/AgreementTests/Fixtures/unit_bootstrap.json
  python3 unit_bootstrap.py --csv data.csv --replicates 2000 --seed 1     # prints JSON: interval, timing
  python3 unit_bootstrap.py --csv data.csv --draw multinomial             # pattern counts drawn at once
"""
import argparse, json, math, sys, time

import numpy as np
from scipy.stats import norm

# Hayes & Krippendorff (2007), Table 1: 40 news articles x 5 observers, tone 0-3, "." missing.
HAYES2007 = """1,1,2,.,2
1,1,0,1,.
2,3,3,3,.
.,0,0,.,0
0,0,0,.,0
0,0,0,.,0
1,0,2,.,1
1,.,2,0,.
2,2,2,.,2
2,1,1,1,.
.,1,0,0,.
0,0,0,0,.
1,2,2,2,.
3,3,2,2,3
1,1,1,.,1
1,1,1,.,1
2,1,2,.,2
1,2,3,3,.
1,1,0,1,.
0,0,0,.,0
0,0,1,1,.
0,0,.,0,0
2,3,3,3,.
0,0,0,0,.
1,2,.,2,2
0,1,1,1,.
0,0,0,1,0
1,2,1,2,.
1,1,2,2,.
1,1,2,.,2
1,1,0,.,0
2,1,2,1,.
2,2,.,2,2
3,2,2,2,.
2,2,2,.,2
2,2,3,.,2
2,2,2,.,2
2,2,.,1,2
2,2,2,2,.
1,1,1,.,1"""

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C (coders as rows).
K2011 = [[1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
         [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
         [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
         [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None]]


def parse_rows(text):
    return [[None if v.strip() == "." else float(v) for v in line.split(",")] for line in text.strip().splitlines()]


def encode(table):
    """units x coders (None = missing) -> category values (sorted) and per-unit count matrix (U x q)."""
    values = sorted({v for row in table for v in row if v is not None})
    pos = {v: i for i, v in enumerate(values)}
    counts = np.zeros((len(table), len(values)))
    for u, row in enumerate(table):
        for v in row:
            if v is not None:
                counts[u, pos[v]] += 1
    return np.array(values, dtype=float), counts


def metric(level, values, marginals):
    q = len(values)
    d = np.zeros((q, q))
    for c in range(q):
        for k in range(q):
            if c == k:
                continue
            if level == "nominal":
                d[c, k] = 1
            elif level == "ordinal":
                lo, hi = min(c, k), max(c, k)
                s = marginals[lo:hi + 1].sum() - (marginals[c] + marginals[k]) / 2
                d[c, k] = s * s
            elif level == "interval":
                d[c, k] = (values[c] - values[k]) ** 2
            elif level == "ratio":
                s = values[c] + values[k]
                d[c, k] = 0 if s == 0 else ((values[c] - values[k]) / s) ** 2
    return d


def unit_coincidences(counts):
    """Per pairable unit, its q x q contribution to the coincidence matrix."""
    m = counts.sum(axis=1)
    keep = m >= 2
    c = counts[keep]
    o = (c[:, :, None] * c[:, None, :] - c[:, :, None] * np.eye(c.shape[1])[None]) / (m[keep] - 1)[:, None, None]
    return o, keep


def alpha_from(o, values, level):
    """alpha from one coincidence matrix (or a stack of them: shape (..., q, q)); nan when undefined."""
    o = np.asarray(o, dtype=float)
    single = o.ndim == 2
    if single:
        o = o[None]
    out = np.full(o.shape[0], np.nan)
    marg = o.sum(axis=2)
    n = marg.sum(axis=1)
    if level == "ordinal":
        for i in range(o.shape[0]):
            d = metric(level, values, marg[i])
            num = (o[i] * d).sum()
            den = marg[i] @ d @ marg[i]
            if n[i] >= 2 and den > 1e-12 * n[i] ** 2 * max(d.max(), 1e-300):
                out[i] = 1 - (n[i] - 1) * num / den
    else:
        d = metric(level, values, None if level != "ordinal" else marg[0])
        num = (o * d).sum(axis=(1, 2))
        den = np.einsum("bi,ij,bj->b", marg, d, marg)
        ok = (n >= 2) & (den > 1e-12 * n ** 2 * max(d.max(), 1e-300))
        out[ok] = 1 - (n[ok] - 1) * num[ok] / den[ok]
    return out[0] if single else out


def alpha(table, level):
    values, counts = encode(table)
    o, _ = unit_coincidences(counts)
    return alpha_from(o.sum(axis=0), values, level)


def replicate_alphas(o_units, values, level, indices):
    """alpha for each row of `indices` (resamples of pairable-unit indices)."""
    U = o_units.shape[0]
    q = len(values)
    flat = o_units.reshape(U, q * q)
    out = []
    for start in range(0, len(indices), 256):
        block = indices[start:start + 256]
        b = len(block)
        w = np.bincount((block + (np.arange(b) * U)[:, None]).ravel(), minlength=b * U).reshape(b, U)
        out.append(alpha_from((w @ flat).reshape(b, q, q), values, level))
    return np.concatenate(out)


def jackknife(o_units, values, level):
    total = o_units.sum(axis=0)
    return alpha_from(total[None] - o_units, values, level)


def bca_limits(samples, a_hat, accel, conf=0.95):
    s = np.sort(samples)
    below = (s < a_hat).sum()
    equal = (s == a_hat).sum()
    share = (below + equal / 2) / len(s)
    z0 = norm.ppf(share)
    tail = (1 - conf) / 2
    lims = []
    for p in (tail, 1 - tail):
        zp = norm.ppf(p)
        lims.append(float(np.quantile(s, norm.cdf(z0 + (z0 + zp) / (1 - accel * (z0 + zp))))))
    return lims, float(z0)


def acceleration(jk):
    mean = jk.mean()
    d = mean - jk
    return float((d ** 3).sum() / (6 * ((d ** 2).sum()) ** 1.5))


def bootstrap(table, level, replicates, seed):
    values, counts = encode(table)
    o_units, _ = unit_coincidences(counts)
    rng = np.random.default_rng(seed)
    U = o_units.shape[0]
    idx = rng.integers(0, U, size=(replicates, U))
    a = replicate_alphas(o_units, values, level, idx)
    return a[~np.isnan(a)]


def fixture(name, table, level, published=None, seed=2024, replicates=20000, seeds=8, resample_count=6):
    values, counts = encode(table)
    o_units, keep = unit_coincidences(counts)
    a_hat = float(alpha_from(o_units.sum(axis=0), values, level))
    jk = jackknife(o_units, values, level)
    acc = acceleration(jk)
    rng = np.random.default_rng(seed)
    U = o_units.shape[0]
    resamples = rng.integers(0, U, size=(resample_count, U))
    res_alpha = replicate_alphas(o_units, values, level, resamples)
    # Monte-Carlo spread of each figure at this replicate count, from independent runs.
    runs = []
    for s in range(seeds):
        samples = bootstrap(table, level, replicates, seed + 1 + s)
        pct = [float(np.quantile(samples, 0.025)), float(np.quantile(samples, 0.975))]
        bca, z0 = bca_limits(samples, a_hat, acc)
        runs.append(pct + bca + [float((samples < 0.667).mean()), float((samples < 0.8).mean()),
                                 float(replicates - len(samples)) / replicates])
    runs = np.array(runs)
    mean, sd = runs.mean(axis=0), runs.std(axis=0, ddof=1)
    return {
        "name": name, "level": level, "published_alpha": published,
        "table": [[None if v is None else v for v in row] for row in table],
        "alpha": a_hat, "pairable_units": int(U),
        "jackknife": [float(x) for x in jk], "acceleration": acc,
        "resamples": [{"indices": [int(i) for i in r], "alpha": None if np.isnan(x) else float(x)}
                      for r, x in zip(resamples, res_alpha)],
        "bootstrap": {
            "replicates": replicates, "runs": seeds,
            "percentile_low": mean[0], "percentile_high": mean[1], "bca_low": mean[2], "bca_high": mean[3],
            "p_below_667": mean[4], "p_below_800": mean[5], "dropped_share": mean[6],
            # sd of one run at this replicate count; a second, independent run differs by about sqrt(2) sd.
            "sd": {"percentile_low": sd[0], "percentile_high": sd[1], "bca_low": sd[2], "bca_high": sd[3],
                   "p_below_667": sd[4], "p_below_800": sd[5], "dropped_share": sd[6]},
        },
    }


def rare_binary(seed=7, units=80):
    """Two coders, present/absent, rare 'present', some missing: the shape of a reconcile criterion."""
    rng = np.random.default_rng(seed)
    table = []
    for _ in range(units):
        truth = 1.0 if rng.random() < 0.15 else 0.0
        row = []
        for _ in range(2):
            if rng.random() < 0.1:
                row.append(None)
            else:
                row.append(truth if rng.random() < 0.9 else 1.0 - truth)
        table.append(row)
    return table


def many_units(seed, units, categories, prevalence, agreement=0.85, missing=0.08):
    """Two coders, many units per pattern of values: the Swift bootstrap draws these replicates as
    multinomial pattern counts, while this reference still draws every unit, so the fixture checks the
    shortcut against the literal method."""
    rng = np.random.default_rng(seed)
    table = []
    for _ in range(units):
        truth = float(rng.choice(categories, p=prevalence))
        row = []
        for _ in range(2):
            if rng.random() < missing:
                row.append(None)
            else:
                row.append(truth if rng.random() < agreement else float(rng.choice(categories)))
        table.append(row)
    return table


def emit(path):
    hayes = parse_rows(HAYES2007)
    k2011 = [list(x) for x in zip(*K2011)]
    k2011 = [[None if v is None else float(v) for v in row] for row in k2011]
    fixtures = [
        fixture("hayes2007", hayes, "ordinal", 0.7598),
        fixture("hayes2007", hayes, "nominal"),
        fixture("krippendorff2011", k2011, "nominal", 0.743),
        fixture("krippendorff2011", k2011, "interval", 0.849),
        fixture("krippendorff2011", k2011, "ratio", 0.797),
        fixture("rare_binary", rare_binary(), "nominal"),
        fixture("binary_1000", many_units(11, 1000, [0, 1], [0.8, 0.2]), "nominal", resample_count=2),
        fixture("ordinal3_1500", many_units(12, 1500, [1, 2, 3], [0.5, 0.3, 0.2], agreement=0.75), "ordinal",
                resample_count=2),
    ]
    doc = {"generator": "Benchmarks/agreement/unit_bootstrap.py --emit-fixtures (numpy %s)" % np.__version__,
           "fixtures": fixtures}
    with open(path, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    for x in fixtures:
        b = x["bootstrap"]
        print("%-18s %-8s alpha %.4f  percentile [%.3f, %.3f]  BCa [%.3f, %.3f]  a=%.4f" % (
            x["name"], x["level"], x["alpha"], b["percentile_low"], b["percentile_high"], b["bca_low"], b["bca_high"],
            x["acceleration"]), file=sys.stderr)


def read_csv(path):
    """units-by-coders CSV with a header row of coder names; empty cells missing (the generate.py format)."""
    import pandas as pd
    df = pd.read_csv(path)
    return df.to_numpy(dtype=float)


def patterned_bootstrap(matrix, level, replicates, seed, block=64, draw="units"):
    """The same method, vectorised with units grouped by pattern of values (as the Swift code does):
    each replicate draws as many pairable-unit indices as there are, counts the patterns drawn, and
    recomputes alpha from the pattern-weighted coincidence matrix. With draw="multinomial" the pattern
    counts are drawn at once with numpy's multinomial (the same distribution; what dossier does when there
    are many units per pattern), so the comparison can also be made algorithm for algorithm."""
    values = np.unique(matrix[~np.isnan(matrix)])
    q = len(values)
    codes = np.searchsorted(values, np.nan_to_num(matrix, nan=values[0]))
    counts = np.zeros((matrix.shape[0], q))
    for g in range(matrix.shape[1]):
        ok = ~np.isnan(matrix[:, g])
        np.add.at(counts, (np.nonzero(ok)[0], codes[ok, g]), 1)
    keep = counts.sum(axis=1) >= 2
    patterns, pattern_of_unit = np.unique(counts[keep], axis=0, return_inverse=True)
    pattern_of_unit = pattern_of_unit.ravel()
    o_patterns, _ = unit_coincidences(patterns)
    P, U = len(patterns), len(pattern_of_unit)
    flat = o_patterns.reshape(P, q * q)
    rng = np.random.default_rng(seed)
    out = []
    frequency = np.bincount(pattern_of_unit, minlength=P)
    for start in range(0, replicates, block):
        b = min(block, replicates - start)
        if draw == "multinomial":
            w = rng.multinomial(U, frequency / U, size=b)
        else:
            idx = rng.integers(0, U, size=(b, U))
            w = np.bincount((pattern_of_unit[idx] + (np.arange(b) * P)[:, None]).ravel(), minlength=b * P).reshape(b, P)
        out.append(alpha_from((w @ flat).reshape(b, q, q), values, level))
    a = np.concatenate(out)
    return a[~np.isnan(a)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--emit-fixtures")
    ap.add_argument("--csv")
    ap.add_argument("--level", default="nominal")
    ap.add_argument("--replicates", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--draw", choices=["units", "multinomial"], default="units")
    args = ap.parse_args()
    if args.emit_fixtures:
        emit(args.emit_fixtures)
    elif args.csv:
        import resource
        t0 = time.perf_counter()
        m = read_csv(args.csv)
        t1 = time.perf_counter()
        s = patterned_bootstrap(m, args.level, args.replicates, args.seed, draw=args.draw)
        t2 = time.perf_counter()
        print(json.dumps({"ci_low": float(np.quantile(s, 0.025)), "ci_high": float(np.quantile(s, 0.975)),
                          "valid": int(len(s)), "read_seconds": t1 - t0, "bootstrap_seconds": t2 - t1,
                          "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
    else:
        ap.print_help()


if __name__ == "__main__":
    main()
