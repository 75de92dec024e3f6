#!/usr/bin/env python3
"""Times the bootstrap of alpha over units: `dossier agreement --bootstrap N` against the vectorised
numpy implementation of the same method in unit_bootstrap.py (units grouped by pattern of values,
resampled with numpy's generator, alpha recomputed in full per replicate), on the same CSV, one after
the other, and prints wall times, the ratios and each process's peak memory (max RSS from wait4).

  python3 bootstrap_bench.py path/to/dossier data.csv [replicates]

Two ratios: end to end (process start to exit, CSV reading included) and bootstrap only (dossier's
bootstrap run minus its alpha-only run, against numpy's own timing of its bootstrap loop).
"""
import json, os, subprocess, sys, time

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
    return wall, usage.ru_maxrss / 1024, out, usage.ru_utime + usage.ru_stime


def main():
    binary, path = sys.argv[1], sys.argv[2]
    replicates = sys.argv[3] if len(sys.argv) > 3 else "2000"
    base = [binary, "agreement", path, "--coefficients", "alpha", "--format", "json"]
    alpha_only, _, _, alpha_cpu = run(base)
    boot, boot_rss, out, boot_cpu = run(base + ["--bootstrap", replicates, "--seed", "1"])
    ours = json.loads(out)
    numpy_wall, numpy_rss, out, numpy_cpu = run([sys.executable, os.path.join(HERE, "unit_bootstrap.py"), "--csv", path,
                                                 "--replicates", replicates, "--seed", "1"])
    theirs = json.loads(out)
    print("%-44s %8s %8s %10s" % ("", "wall s", "CPU s", "peak MB"))
    print("%-44s %8.3f %8.3f" % ("dossier alpha only", alpha_only, alpha_cpu))
    print("%-44s %8.3f %8.3f %10.1f" % ("dossier alpha + %s unit-bootstrap replicates" % replicates, boot, boot_cpu, boot_rss))
    print("%-44s %8.3f %8.3f %10.1f" % ("numpy, same method (pandas read included)", numpy_wall, numpy_cpu, numpy_rss))
    print("%-44s %8.3f" % ("  of which numpy's bootstrap loop (wall)", theirs["bootstrap_seconds"]))
    print("ratio end to end: dossier %.1fx faster (wall), %.1fx (CPU)" % (numpy_wall / boot, numpy_cpu / boot_cpu))
    print("ratio bootstrap only (wall): dossier %.1fx faster" % (theirs["bootstrap_seconds"] / max(boot - alpha_only, 1e-6)))
    print("(CPU time is the fairer figure on a loaded machine: wall time includes waiting for a core.)")
    print("intervals: dossier [%.4f, %.4f], numpy [%.4f, %.4f] (different generators, same method)" % (
        ours["alpha_ci_low"], ours["alpha_ci_high"], theirs["ci_low"], theirs["ci_high"]))


if __name__ == "__main__":
    main()
