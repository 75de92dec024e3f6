#!/usr/bin/env python3
"""Text capture of the full-screen coder, as README shows it.

Runs `dossier code session` on a pseudo-terminal of the given size, types KEYS (Python escapes
allowed: "\\r" is Enter, "\\x1b[6~" Page Down), waits for each redraw, quits, and prints the last
screen as plain text, one line per terminal row (styles dropped). The screen writes each row whole
after addressing it (ESC [ row ; 1 H), so a screen model only needs to keep the latest text per row.

Usage: capture.py DOSSIER_BINARY PROJECT.sqlite ROUND CODER KEYS [COLUMNSxROWS]
"""
import re
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from latency import spawn, read_until, frame_done  # noqa: E402

ROW = re.compile(rb"\x1b\[(\d+);1H")
CSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")


def screen(output, rows):
    lines = [""] * rows
    parts = ROW.split(output)
    # parts: text before the first address, then (row, text) pairs.
    for i in range(1, len(parts) - 1, 2):
        row = int(parts[i])
        if 1 <= row <= rows:
            lines[row - 1] = CSI.sub(b"", parts[i + 1]).decode("utf-8", "replace").rstrip("\r\n")
    return lines


def main():
    binary, db, round_name, coder, keys = sys.argv[1:6]
    columns, rows = (int(x) for x in (sys.argv[6] if len(sys.argv) > 6 else "80x24").split("x"))
    keys = keys.encode("raw_unicode_escape").decode("unicode_escape").encode("utf-8")
    proc, fd = spawn([binary, "code", "session", "--db", db, "--as", coder, "--round", round_name], columns, rows)
    done = frame_done(rows)
    output = read_until(fd, done)
    for key in re.findall(rb"\x1b\[[0-9;]*[~A-Za-z]|[\xc0-\xf7][\x80-\xbf]+|.", keys, re.S):
        mark = len(output)
        os.write(fd, key)
        output = read_until(fd, lambda b: done(b[mark:]), output)
    last = screen(output, rows)
    os.write(fd, b"q")
    proc.wait()
    os.close(fd)
    print("\n".join(line.rstrip() for line in last))


if __name__ == "__main__":
    main()
