#!/usr/bin/env python3
"""How long a writer waits for a project's write lock while something else runs.

Usage: write_probe.py PROJECT.sqlite [OUT]
Every 20 ms it takes SQLite's write lock (BEGIN IMMEDIATE, what every dossier write does first,
retrying every 2 ms as dossier does) and releases it at once, measuring how long it had to wait; it stops on SIGTERM or SIGINT and
prints (to OUT, default stdout) the number of probes, the longest wait and the 99th percentile
in milliseconds. The longest wait is what a coder's `code add` would feel beside the import,
and a lower bound on the import's longest write transaction.
"""
import signal
import sqlite3
import sys
import time

path = sys.argv[1]
out = open(sys.argv[2], "w") if len(sys.argv) > 2 else sys.stdout
stop = False


def finish(*_):
    global stop
    stop = True


signal.signal(signal.SIGTERM, finish)
signal.signal(signal.SIGINT, finish)
# Wait for the project to exist with its schema (never create it: mode=rw).
db = None
while not stop:
    try:
        db = sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=0, isolation_level=None)
        if db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'audit_event'").fetchone()[0]:
            break
        db.close()
    except sqlite3.Error:
        pass
    db = None
    time.sleep(0.05)
waits = []
while db is not None and not stop:
    t0 = time.perf_counter()
    # Retry every 2 ms as dossier's own writers do (ProjectDatabase's busy handler), not with
    # SQLite's default back-off to one try per 100 ms.
    while True:
        try:
            db.execute("BEGIN IMMEDIATE")
            break
        except sqlite3.OperationalError:
            time.sleep(0.002)
    t1 = time.perf_counter()
    db.execute("COMMIT")
    waits.append(t1 - t0)
    time.sleep(0.02)
waits.sort()
if waits:
    p99 = waits[min(len(waits) - 1, int(len(waits) * 0.99))]
    print(f"{len(waits)} {waits[-1] * 1000:.1f} {p99 * 1000:.1f}", file=out)
else:
    print("0 0 0", file=out)
