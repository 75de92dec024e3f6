#!/usr/bin/env python3
"""Independent reference for Krippendorff's alpha on set-valued codings with the MASI distance.

MASI as NLTK's nltk.metrics.distance.masi_distance defines it (reimplemented here: NLTK need not be
installed), with the empty set a value (distance 0 to itself, 1 to any non-empty set). Alpha from its
pairwise definition, without a coincidence matrix:
  D_o = 1/n * sum_u 1/(m_u - 1) * sum_{i != j in u} d(v_i, v_j)
  D_e = 1/(n (n - 1)) * sum_{i != j over all pairable values} d(v_i, v_j)
  alpha = 1 - D_o / D_e
  python3 masi_alpha.py --emit-fixtures Tests/AgreementTests/Fixtures/masi_alpha.json
"""
import argparse, json, random


def masi(a, b):
    a, b = set(a), set(b)
    inter, union = len(a & b), len(a | b)
    if union == 0:
        return 0.0
    if len(a) == len(b) == inter:
        m = 1.0
    elif inter == min(len(a), len(b)):
        m = 0.67
    elif inter > 0:
        m = 0.33
    else:
        m = 0.0
    return 1 - inter / union * m


def alpha(units):
    pairable = [[v for v in row if v is not None] for row in units]
    pairable = [vals for vals in pairable if len(vals) >= 2]
    values = [v for vals in pairable for v in vals]
    n = len(values)
    if len(pairable) < 2:
        return None
    do = sum(sum(masi(vals[i], vals[j]) for i in range(len(vals)) for j in range(len(vals)) if i != j) / (len(vals) - 1)
             for vals in pairable) / n
    de = sum(masi(values[i], values[j]) for i in range(n) for j in range(n) if i != j) / (n * (n - 1))
    return None if de == 0 else 1 - do / de


def random_units(rng, units, coders, labels, p_missing):
    out = []
    for _ in range(units):
        truth = set(rng.sample(labels, rng.randint(0, 2)))
        row = []
        for _ in range(coders):
            if rng.random() < p_missing:
                row.append(None)
                continue
            s = set(truth)
            if rng.random() < 0.3:
                s ^= {rng.choice(labels)}
            row.append(s)
        out.append(row)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--emit-fixtures", required=True)
    args = ap.parse_args()
    rng = random.Random(11)
    labels = ["CRC", "OPP", "WIR", "MIX"]
    cases = [
        ("payments: subsidy and side deal", [[{"subsidy", "side_deal"}, {"subsidy"}], [{"subsidy"}, {"subsidy"}],
                                             [{"side_deal"}, {"side_deal", "insurance"}], [set(), set()],
                                             [{"insurance"}, {"subsidy"}], [{"subsidy", "side_deal"}, {"subsidy", "side_deal"}]]),
        ("2 coders x 30", random_units(rng, 30, 2, labels, 0.0)),
        ("3 coders x 40, missing", random_units(rng, 40, 3, labels, 0.15)),
        ("4 coders x 25, missing", random_units(rng, 25, 4, labels, 0.25)),
    ]
    fixtures = []
    for name, units in cases:
        fixtures.append({"name": name, "units": [[None if v is None else sorted(v) for v in row] for row in units],
                         "alpha": alpha(units)})
    pairs = [(["a", "b"], ["a", "b"]), (["a"], ["a", "b"]), (["a", "c"], ["a", "b"]), (["a"], ["b"]), ([], ["a"]), ([], [])]
    doc = {"generator": "Benchmarks/agreement/masi_alpha.py --emit-fixtures", "fixtures": fixtures,
           "distances": [{"a": a, "b": b, "distance": masi(a, b)} for a, b in pairs]}
    with open(args.emit_fixtures, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    for x in fixtures:
        print(x["name"], x["alpha"])


if __name__ == "__main__":
    main()
