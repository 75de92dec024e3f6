#!/usr/bin/env python3
"""Times `dossier agreement` against Python krippendorff and irrCAC on the same CSV, end to end
(process start to exit, CSV reading included), and prints the ratios. Used by run.sh."""
import statistics, subprocess, sys, time

binary, path = sys.argv[1], sys.argv[2]
repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3

KRIPP = """
import sys, pandas as pd, krippendorff
df = pd.read_csv(sys.argv[1])
print(krippendorff.alpha(reliability_data=df.to_numpy(dtype=float).T, level_of_measurement="nominal"))
"""
IRRCAC = """
import sys, pandas as pd
from irrCAC.raw import CAC
df = pd.read_csv(sys.argv[1])
cac = CAC(df)
for f in (cac.fleiss, cac.conger, cac.bp, cac.gwet, cac.krippendorff):
    print(f()["est"]["coefficient_value"])
"""

def wall(cmd, n):
    times = []
    for _ in range(n):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return statistics.median(times)

rows = [
    ("dossier alpha only", [binary, "agreement", path, "--coefficients", "alpha", "--format", "json"], repeats),
    ("dossier all (alpha, 7 kappa-type + SEs)", [binary, "agreement", path, "--format", "json"], repeats),
    ("dossier all + 1000 bootstrap", [binary, "agreement", path, "--format", "json", "--bootstrap", "1000"], repeats),
    ("python krippendorff.alpha (+pandas read)", [sys.executable, "-c", KRIPP, path], repeats),
    ("python irrCAC 5 coefficients (+pandas read)", [sys.executable, "-c", IRRCAC, path], 1),
]
result = {}
for name, cmd, n in rows:
    result[name] = wall(cmd, n)
    print(f"  {name:45s} {result[name]:8.3f} s")
print(f"  ratio krippendorff.alpha / dossier alpha: {result[rows[3][0]] / result[rows[0][0]]:.1f}x")
print(f"  ratio irrCAC / dossier all:               {result[rows[4][0]] / result[rows[1][0]]:.1f}x")
