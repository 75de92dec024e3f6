#!/usr/bin/env python3
"""Times the bootstrap of alpha over units: `dossier agreement --bootstrap N` against vectorised numpy
implementations of the same method in unit_bootstrap.py, on the same CSV, interleaved run by run, and
prints the median wall and CPU times over the runs, the ratios and each process's peak memory (max RSS
from wait4).

  python3 bootstrap_bench.py path/to/dossier data.csv [replicates] [runs]

Two numpy programs, both grouping units by pattern of values and recomputing alpha in full per replicate:
  numpy, units drawn      every replicate draws n unit indices (rng.integers) and counts their patterns: the
                          method as written down, the reference the issue names;
  numpy, multinomial      every replicate draws the pattern counts at once (rng.multinomial, numpy's BTPE):
                          the same distribution and the same shortcut dossier takes with many units per pattern.
Ratios end to end (process start to exit, CSV reading included) and bootstrap only (dossier's bootstrap
run minus its alpha-only run, against numpy's own timing of its bootstrap loop).
"""
import json, os, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd):
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = p.stdout.read()
    p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    if status != 0:
        sys.exit("failed: %s" % " ".join(cmd))
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024, "out": out}


def main():
    binary, path = sys.argv[1], sys.argv[2]
    replicates = sys.argv[3] if len(sys.argv) > 3 else "2000"
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    base = [binary, "agreement", path, "--coefficients", "alpha", "--format", "json"]
    numpy = [sys.executable, os.path.join(HERE, "unit_bootstrap.py"), "--csv", path, "--replicates", replicates, "--seed", "1"]
    programs = {
        "alpha": base,
        "dossier": base + ["--bootstrap", replicates, "--seed", "1"],
        "numpy_units": numpy + ["--draw", "units"],
        "numpy_multinomial": numpy + ["--draw", "multinomial"],
    }
    results = {k: [] for k in programs}
    for _ in range(runs):
        for k, cmd in programs.items():
            results[k].append(run(cmd))

    def med(k, field):
        return statistics.median(r[field] for r in results[k])

    def loop(k):
        return statistics.median(json.loads(r["out"])["bootstrap_seconds"] for r in results[k])

    print("median of %d interleaved runs, %s replicates" % (runs, replicates))
    print("%-46s %8s %8s %10s" % ("", "wall s", "CPU s", "peak MB"))
    print("%-46s %8.3f %8.3f %10.1f" % ("dossier alpha only", med("alpha", "wall"), med("alpha", "cpu"), med("alpha", "rss")))
    print("%-46s %8.3f %8.3f %10.1f" % ("dossier alpha + unit bootstrap", med("dossier", "wall"), med("dossier", "cpu"),
                                          med("dossier", "rss")))
    for k, label in (("numpy_units", "numpy, units drawn (pandas read included)"),
                     ("numpy_multinomial", "numpy, multinomial (pandas read included)")):
        print("%-46s %8.3f %8.3f %10.1f" % (label, med(k, "wall"), med(k, "cpu"), med(k, "rss")))
        print("%-46s %8.3f" % ("  of which its bootstrap loop (wall)", loop(k)))
    ours_loop = max(med("dossier", "wall") - med("alpha", "wall"), 1e-3)
    for k, label in (("numpy_units", "numpy drawing units"), ("numpy_multinomial", "numpy multinomial")):
        print("ratio against %-20s end to end: dossier %.1fx faster (wall), %.1fx (CPU); bootstrap only: %.1fx" % (
            label, med(k, "wall") / med("dossier", "wall"), med(k, "cpu") / med("dossier", "cpu"), loop(k) / ours_loop))
    print("(CPU time is the fairer figure on a loaded machine: wall time includes waiting for a core.)")
    ours = json.loads(results["dossier"][-1]["out"])
    units = json.loads(results["numpy_units"][-1]["out"])
    multi = json.loads(results["numpy_multinomial"][-1]["out"])
    print("intervals: dossier [%.4f, %.4f], numpy units [%.4f, %.4f], numpy multinomial [%.4f, %.4f] "
          "(different generators, same distribution)" % (ours["alpha_ci_low"], ours["alpha_ci_high"], units["ci_low"],
                                                         units["ci_high"], multi["ci_low"], multi["ci_high"]))


if __name__ == "__main__":
    main()
