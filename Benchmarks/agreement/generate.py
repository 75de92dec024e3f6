#!/usr/bin/env python3
"""Seeded generator of reliability tables for the agreement benchmark.

Writes a units-by-coders CSV (header c1..cm, one row per unit, empty cell = missing) with `--categories`
categories 1..q, ~`--missing` share of missing cells, and coders who agree with a latent true value
with probability `--accuracy` (else pick a random category).

  python3 generate.py --units 1000000 --coders 5 --seed 2 --out 5x1M.csv
"""
import argparse
import numpy as np

ap = argparse.ArgumentParser()
ap.add_argument("--units", type=int, required=True)
ap.add_argument("--coders", type=int, required=True)
ap.add_argument("--categories", type=int, default=4)
ap.add_argument("--missing", type=float, default=0.10)
ap.add_argument("--accuracy", type=float, default=0.7)
ap.add_argument("--seed", type=int, default=1)
ap.add_argument("--out", required=True)
a = ap.parse_args()

rng = np.random.default_rng(a.seed)
truth = rng.integers(1, a.categories + 1, size=(a.units, 1))
noise = rng.integers(1, a.categories + 1, size=(a.units, a.coders))
values = np.where(rng.random((a.units, a.coders)) < a.accuracy, truth, noise)
missing = rng.random((a.units, a.coders)) < a.missing
digits = np.char.mod("%d", values)
digits[missing] = ""
with open(a.out, "w") as f:
    f.write(",".join(f"c{i + 1}" for i in range(a.coders)) + "\n")
    chunk = 200_000
    for s in range(0, a.units, chunk):
        rows = digits[s:s + chunk]
        f.write("\n".join(",".join(r) for r in rows.tolist()) + "\n")
