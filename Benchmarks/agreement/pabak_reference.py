#!/usr/bin/env python3
"""Independent reference for the report's prevalence index, bias index, PABAK and Cohen's kappa
(Byrt, Bishop & Carlin 1993) on binary criteria, in plain Python from the coders' raw values.

Kappa is computed from the raw label lists the textbook way (p_o and p_e from the two coders'
marginals), PABAK as 2 p_o - 1, PI = (a - d)/n, BI = (b - c)/n; the script also checks Byrt et
al.'s identity kappa = (PABAK - PI^2 + BI^2) / (1 - PI^2 + BI^2). The Swift test
(Tests/ReportsTests/PABAKReportTests.swift) holds these tables and the printed values.

  python3 Benchmarks/agreement/pabak_reference.py
"""
import json

# Units 1-10 of the report fixture (Tests/ReportsTests/ReportFixtures.swift): criteria each coder tagged.
ANN = {1: {"WIR.volunteered", "WIR.link", "CRC.recruited"}, 2: {"WIR.volunteered", "WIR.link", "CRC.recruited"},
       3: {"WIR.volunteered", "CRC.recruited"}, 4: {"CRC.recruited"}, 5: {"CRC.recruited"}}
BOB = {1: {"WIR.volunteered", "WIR.link", "CRC.recruited"}, 2: {"WIR.volunteered", "CRC.recruited"},
       3: {"CRC.recruited"}, 4: {"CRC.recruited"}, 5: {"CRC.recruited"}}
CRITERIA = ["WIR.volunteered", "WIR.link", "CRC.recruited", "OPP.threat"]

# The kappa paradox: 100 units, the coders agree on 96, the criterion is rare (2 and 4 tags).
RARE_FIRST = [1, 1] + [0] * 98
RARE_SECOND = [1, 0, 1, 1, 1] + [0] * 95


def indices(x, y):
    n = len(x)
    a = sum(1 for p, q in zip(x, y) if p and q)
    b = sum(1 for p, q in zip(x, y) if p and not q)
    c = sum(1 for p, q in zip(x, y) if not p and q)
    d = n - a - b - c
    po = sum(1 for p, q in zip(x, y) if p == q) / n
    p1, p2 = sum(x) / n, sum(y) / n
    pe = p1 * p2 + (1 - p1) * (1 - p2)
    kappa = (po - pe) / (1 - pe) if pe < 1 else None
    pabak, pi, bi = 2 * po - 1, (a - d) / n, (b - c) / n
    if kappa is not None:
        byrt = (pabak - pi ** 2 + bi ** 2) / (1 - pi ** 2 + bi ** 2)
        assert abs(byrt - kappa) < 1e-12, (kappa, byrt)
    return {"a": a, "b": b, "c": c, "d": d, "n": n, "p_o": po, "kappa": kappa, "pabak": pabak,
            "prevalence_index": pi, "bias_index": bi}


def main():
    out = {}
    for crit in CRITERIA:
        x = [1 if crit in ANN.get(u, set()) else 0 for u in range(1, 11)]
        y = [1 if crit in BOB.get(u, set()) else 0 for u in range(1, 11)]
        out[crit] = indices(x, y)
    out["rare"] = indices(RARE_FIRST, RARE_SECOND)
    print(json.dumps(out, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
