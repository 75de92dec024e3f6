#!/usr/bin/env python3
"""Keystroke-to-screen latency of `dossier code session` on a pseudo-terminal.

Drives the real binary as a terminal would: writes one key to the pty and times until the whole
redrawn screen has come back (the last row's bytes and its closing reset). Three kinds of key:

  PgDn/PgUp  scroll: the screen is redrawn from data already in memory;
  n / b      next / previous unit: the unit is read from the project, then drawn;
  2 then 4   toggle criterion 24: a coding and its audit event are written, then drawn.

For comparison, the same move (`n`) in the line-by-line mode (--plain), which is what a coder
used before the full screen: the time until the next unit's text and the prompt have come back.

Usage: latency.py DOSSIER_BINARY PROJECT.sqlite ROUND CODER [REPEATS] [COLUMNSxROWS]
"""
import fcntl
import os
import select
import statistics
import struct
import subprocess
import sys
import termios
import time


def spawn(args, columns, rows):
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    env = dict(os.environ, TERM="xterm-256color")
    env.pop("DOSSIER_DB", None)
    proc = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    return proc, master


def read_until(fd, done, buffer=b""):
    while not done(buffer):
        ready, _, _ = select.select([fd], [], [], 30)
        if not ready:
            raise SystemExit("no answer from the session within 30 s; last bytes: %r" % buffer[-300:])
        buffer += os.read(fd, 65536)
    return buffer


def frame_done(rows):
    last_row = ("\x1b[%d;1H" % rows).encode()

    def done(buffer):
        i = buffer.rfind(last_row)
        return i >= 0 and buffer.find(b"\x1b[0m", i) >= 0
    return done


def timed(fd, key, done):
    start = time.perf_counter()
    os.write(fd, key)
    read_until(fd, done)
    return (time.perf_counter() - start) * 1000


def summary(name, samples):
    samples = sorted(samples)
    p95 = samples[int(len(samples) * 0.95) - 1]
    print("  %-34s median %6.2f ms   p95 %6.2f ms   max %6.2f ms   (%d keys)"
          % (name, statistics.median(samples), p95, samples[-1], len(samples)))
    return statistics.median(samples)


def main():
    binary, db, round_name, coder = sys.argv[1:5]
    repeats = int(sys.argv[5]) if len(sys.argv) > 5 else 100
    columns, rows = (int(x) for x in (sys.argv[6] if len(sys.argv) > 6 else "80x24").split("x"))
    args = [binary, "code", "session", "--db", db, "--as", coder, "--round", round_name]
    done = frame_done(rows)

    proc, fd = spawn(args, columns, rows)
    read_until(fd, done)
    scroll, move, tag = [], [], []
    for i in range(repeats):
        scroll.append(timed(fd, b"\x1b[6~" if i % 2 == 0 else b"\x1b[5~", done))
    for i in range(repeats):
        move.append(timed(fd, b"n" if i % 2 == 0 else b"b", done))
    for i in range(repeats):
        timed(fd, b"2", done)
        tag.append(timed(fd, b"4", done))
    os.write(fd, b"q")
    proc.wait()
    os.close(fd)

    plain, fd = spawn(args + ["--plain"], columns, rows)
    prompt = lambda b: b.rstrip().endswith(b">")
    read_until(fd, prompt)
    line = []
    for i in range(repeats):
        line.append(timed(fd, b"n\n" if i % 2 == 0 else b"b\n", prompt))
    os.write(fd, b"q\n")
    plain.wait()
    os.close(fd)

    print("Keystroke to complete screen, %dx%d (target: under 16 ms per redraw):" % (columns, rows))
    s = summary("scroll (PgDn/PgUp): redraw only", scroll)
    m = summary("next/previous unit (n/b)", move)
    t = summary("toggle criterion 24 (write + log)", tag)
    p = summary("line mode, next/previous unit", line)
    print("Ratios: scroll %.2f, move %.2f, toggle %.2f of the 16 ms budget; full-screen move / line-mode move %.2f"
          % (s / 16, m / 16, t / 16, m / p))
    # The toggles were even in number: every tag was untagged again, so the project is as before
    # apart from the retractions the audit log keeps.


if __name__ == "__main__":
    main()
