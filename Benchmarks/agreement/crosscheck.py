#!/usr/bin/env python3
"""Cross-check `dossier agreement --format json` against Python `krippendorff` and `irrCAC`.

Generates seeded random reliability tables (2-5 coders, 2-5 numeric categories, missing values),
runs the dossier binary on each and compares, to 1e-9:
  krippendorff.alpha (nominal, ordinal, interval, ratio)      -> krippendorff_alpha
  irrCAC CAC(...).fleiss / conger / bp / gwet / krippendorff   -> *_kappa, brennan_prediger, gwet_ac1|2,
                                                                 their _se and _ci_low/_ci_high, krippendorff_alpha_se
with identity, linear and quadratic weights.

  python3 crosscheck.py --binary .build/release/dossier [--tables 60] [--seed 2024]
  python3 crosscheck.py --emit-swift   # prints the fixed tables + expected values used by the Swift tests
"""
import argparse, json, math, os, random, subprocess, sys, tempfile, warnings

import numpy as np
import pandas as pd
import krippendorff
from irrCAC.raw import CAC

warnings.filterwarnings("ignore")


def random_table(rng):
    units = rng.randint(4, 40)
    coders = rng.randint(2, 5)
    q = rng.randint(2, 5)
    values = sorted(rng.sample([1, 2, 3, 4, 5, 7, 10], q))
    missing = rng.choice([0.0, 0.1, 0.3])
    skill = rng.random()
    table = []
    for _ in range(units):
        truth = rng.choice(values)
        row = []
        for _ in range(coders):
            if rng.random() < missing:
                row.append(None)
            else:
                row.append(truth if rng.random() < skill else rng.choice(values))
        table.append(row)
    for c in range(coders):  # every coder codes something (else Conger's kappa is undefined)
        if all(r[c] is None for r in table):
            table[0][c] = values[0]
    if all(all(v is None for v in r) for r in table):
        table[0][0] = values[0]
    return table


def write_csv(table, path):
    with open(path, "w") as f:
        f.write(",".join(f"c{i+1}" for i in range(len(table[0]))) + "\n")
        for row in table:
            f.write(",".join("" if v is None else str(v) for v in row) + "\n")


def python_values(table, level, weights):
    arr = np.array([[np.nan if v is None else float(v) for v in row] for row in table])
    out = {}
    try:
        out["krippendorff_alpha"] = float(krippendorff.alpha(reliability_data=arr.T, level_of_measurement=level))
    except Exception:
        out["krippendorff_alpha"] = None
    df = pd.DataFrame(arr, columns=[f"c{i+1}" for i in range(arr.shape[1])])
    cac = CAC(df, weights=weights, digits=15)
    coders = arr.shape[1]
    for name, method in [("fleiss_kappa", cac.fleiss), ("conger_kappa", cac.conger),
                         ("brennan_prediger", cac.bp), ("gwet", cac.gwet)]:
        est = method()["est"]
        key = name if name != "gwet" else ("gwet_ac1" if weights == "identity" else "gwet_ac2")
        out[key] = float(est["coefficient_value"])
        out[key + "_se"] = float(est["se"])
        out[key + "_ci_low"] = float(est["confidence_interval"][0])
        out[key + "_ci_high"] = float(est["confidence_interval"][1])
        if coders == 2 and name in ("fleiss_kappa", "conger_kappa"):
            other = "scott_pi" if name == "fleiss_kappa" else "cohen_kappa"
            for suffix in ("", "_se", "_ci_low", "_ci_high"):
                out[other + suffix] = out[key + suffix]
    # irrCAC's alpha weights equal 1 - delta/max(delta) for nominal (identity), interval (quadratic), ratio.
    kw = {"nominal": "identity", "interval": "quadratic", "ratio": "ratio"}.get(level)
    if kw:
        est = CAC(df, weights=kw, digits=15).krippendorff()["est"]
        out["krippendorff_alpha_se"] = float(est["se"])
    return out


def close(a, b, tol):
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) and math.isnan(a):
        return b is None
    return abs(a - b) <= tol * max(1.0, abs(a))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=".build/release/dossier")
    ap.add_argument("--tables", type=int, default=60)
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--tolerance", type=float, default=1e-9)
    ap.add_argument("--emit-swift", action="store_true")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    if args.emit_swift:
        emit_swift(rng)
        return
    levels = ["nominal", "ordinal", "interval", "ratio"]
    weights = ["identity", "linear", "quadratic"]
    failures = checks = 0
    with tempfile.TemporaryDirectory() as tmp:
        for t in range(args.tables):
            table = random_table(rng)
            path = os.path.join(tmp, f"t{t}.csv")
            write_csv(table, path)
            level, w = levels[t % 4], weights[t % 3]
            run = subprocess.run([args.binary, "agreement", path, "--level", level, "--weights", w, "--format", "json"],
                                 capture_output=True, text=True)
            if run.returncode != 0:
                print(f"table {t}: dossier failed: {run.stderr.strip()}")
                failures += 1
                continue
            ours = json.loads(run.stdout)
            for key, expected in python_values(table, level, w).items():
                checks += 1
                if not close(expected, ours.get(key), args.tolerance):
                    failures += 1
                    print(f"table {t} ({len(table)}x{len(table[0])}, {level}, {w}): {key}: python {expected} dossier {ours.get(key)}")
    print(f"{checks} comparisons, {failures} failures (tolerance {args.tolerance})")
    sys.exit(1 if failures else 0)


def emit_swift(rng):
    """Prints fixed tables with expected values for Tests/AgreementTests/CrossCheckTests.swift."""
    cases = [("nominal", "identity"), ("interval", "quadratic"), ("ordinal", "linear"), ("ratio", "identity")]
    for i, (level, w) in enumerate(cases):
        table = random_table(rng)
        exp = python_values(table, level, w)
        rows = ", ".join("[" + ", ".join("nil" if v is None else str(v) for v in r) + "]" for r in table)
        print(f"    CrossCheckCase(level: .{level}, weights: .{w}, table: [{rows}],")
        print("        expected: [" + ", ".join(f'"{k}": {repr(v)}' for k, v in sorted(exp.items()) if v is not None) + "]),")


if __name__ == "__main__":
    main()
