#!/usr/bin/env bash
# Import throughput and search latency, compared in one run with the tools a user would otherwise
# reach for on the same input:
#   - import of the 4 MB FRUS volume (../shared/corpus/frus/whole/throughput/) by `dossier import`
#     (release build: parse, segment, hash, store with FTS5) vs `xmllint --stream --noout` (parse only);
#   - the same full-text query by `dossier search` vs the `sqlite3` shell on the same project file.
# Usage: Benchmarks/ingest/run.sh [path/to/dossier]   (default: builds .build/release/dossier)
# Needs: xmllint (Debian libxml2-utils), sqlite3, hyperfine (optional, for repeated timings).
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${1:-}
if [ -z "$BIN" ]; then
    swift build -c release --product dossier >/dev/null
    BIN=.build/release/dossier
fi
VOLUME=../shared/corpus/frus/whole/throughput/frus1969-76ve04.xml
[ -f "$VOLUME" ] || { echo "benchmark: $VOLUME not found (needs ../shared beside the repo)"; exit 1; }
command -v xmllint >/dev/null || { echo "benchmark: install xmllint (apt-get install libxml2-utils)"; exit 1; }
command -v sqlite3 >/dev/null || { echo "benchmark: install sqlite3"; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
RUNS=${RUNS:-5}
SIZE=$(stat -c %s "$VOLUME")

now() { date +%s.%N; }
best_of() {  # best wall time of $RUNS runs of a command (seconds)
    local best=999999 t0 t1 dt
    for _ in $(seq "$RUNS"); do
        "$@" >/dev/null 2>&1 || true
        t0=$(now); "$@" >/dev/null 2>&1; t1=$(now)
        dt=$(echo "$t1 - $t0" | bc -l)
        best=$(echo "if ($dt < $best) $dt else $best" | bc -l)
    done
    echo "$best"
}
import_fresh() { rm -f "$WORK"/p.sqlite*; "$BIN" import --db "$WORK/p.sqlite" --no-progress "$VOLUME"; }

echo "Input: $VOLUME ($SIZE bytes)"
t_dossier=$(best_of import_fresh)
t_check=$(best_of "$BIN" import --check --no-progress "$VOLUME")
t_xmllint=$(best_of xmllint --stream --noout "$VOLUME")
import_fresh >/dev/null
docs=$(sqlite3 "$WORK/p.sqlite" "select count(*) from document")
passages=$(sqlite3 "$WORK/p.sqlite" "select count(*) from passage")
peak=$( { /usr/bin/time -f "%M" "$BIN" import --db "$WORK/q.sqlite" --no-progress "$VOLUME" >/dev/null; } 2>&1 | tail -1 )
printf "import  dossier import       %6.3f s  %6.1f MB/s  (%s documents, %s passages, peak RSS %s KB)\n" \
    "$t_dossier" "$(echo "$SIZE / 1000000 / $t_dossier" | bc -l)" "$docs" "$passages" "$peak"
printf "        dossier import --check %5.3f s  %6.1f MB/s  (parse and segment only, stores nothing)\n" \
    "$t_check" "$(echo "$SIZE / 1000000 / $t_check" | bc -l)"
printf "        xmllint --stream     %6.3f s  %6.1f MB/s  (parse only, stores nothing)\n" \
    "$t_xmllint" "$(echo "$SIZE / 1000000 / $t_xmllint" | bc -l)"
printf "        ratio import/xmllint   %.2f   (full import: parse, segment, hash, store, index)\n" "$(echo "$t_dossier / $t_xmllint" | bc -l)"
printf "        ratio check/xmllint    %.2f   (parsing and segmenting alone)\n" "$(echo "$t_check / $t_xmllint" | bc -l)"

QUERY='allies OR "third country"'
SQL="SELECT p.id, snippet(passage_fts, 0, '[', ']', '…', 24), bm25(passage_fts) FROM passage_fts JOIN passage p ON p.id = passage_fts.rowid JOIN document d ON d.id = p.document_id WHERE passage_fts MATCH '$(echo "$QUERY" | sed "s/'/''/g")' AND d.is_current = 1 ORDER BY bm25(passage_fts) LIMIT 20;"
t_search=$(best_of "$BIN" search --db "$WORK/p.sqlite" --format csv "$QUERY")
t_shell=$(best_of sqlite3 "$WORK/p.sqlite" "$SQL")
printf "search  dossier search       %6.3f s  (process start, open, query, render)\n" "$t_search"
printf "        sqlite3 shell        %6.3f s  (same query, same file)\n" "$t_shell"
printf "        ratio dossier/sqlite3  %.2f\n" "$(echo "$t_search / $t_shell" | bc -l)"
