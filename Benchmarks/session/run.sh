#!/usr/bin/env bash
# Keystroke-to-screen latency of the full-screen coder on a 2,000-unit queue from a real FRUS volume
# (../shared/corpus/frus/whole/throughput/, 330 documents, 9,141 passages), measured on a
# pseudo-terminal with the release binary; compared in the same run with the line mode's time for
# the same move. Prints medians, 95th percentiles and ratios to the 16 ms budget; times nothing in tests.
# Usage: Benchmarks/session/run.sh [path/to/dossier] [REPEATS] [COLUMNSxROWS]
# Needs: python3, sqlite3.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${1:-}
if [ -z "$BIN" ]; then
    swift build -c release --product dossier >/dev/null
    BIN=.build/release/dossier
fi
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
REPEATS=${2:-100}
SIZE=${3:-80x24}
VOLUME=${VOLUME:-../shared/corpus/frus/whole/throughput/frus1969-76ve04.xml}
[ -f "$VOLUME" ] || VOLUME=../../shared/corpus/frus/whole/throughput/frus1969-76ve04.xml
[ -f "$VOLUME" ] || { echo "benchmark: the FRUS throughput volume was not found (needs ../shared beside the repo)"; exit 1; }
command -v sqlite3 >/dev/null || { echo "benchmark: install sqlite3"; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DB=$WORK/p.sqlite
"$BIN" import --db "$DB" "$VOLUME" >/dev/null
"$BIN" codebook load --db "$DB" Codebooks/buying-allies.yaml >/dev/null
"$BIN" register load --db "$DB" Imports/register/buying-allies.yaml >/dev/null
"$BIN" coder add --db "$DB" ana >/dev/null
"$BIN" coder add --db "$DB" ben >/dev/null
"$BIN" round create --db "$DB" bench --purpose reliability >/dev/null
# Whole documents, in order, until their archival passages (what assign offers) reach 2,000:
# a queue of about 2,000 units for each coder.
DOCS=$(sqlite3 "$DB" "SELECT group_concat(id) FROM (
          SELECT d.id, SUM(SUM(p.kind = 'body')) OVER (ORDER BY d.id) - SUM(p.kind = 'body') AS before
          FROM document d JOIN passage p ON p.document_id = d.id GROUP BY d.id) WHERE before < 2000")
"$BIN" assign --db "$DB" --round bench --coders ana,ben --case VIETNAM-1964/KOR --documents "$DOCS"
echo "binary: $BIN"
python3 Benchmarks/session/latency.py "$BIN" "$DB" bench ana "$REPEATS" "$SIZE"
echo "(machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
