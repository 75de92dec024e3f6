#!/usr/bin/env bash
# Import throughput and search latency, compared in one run with the tools a user would otherwise
# reach for on the same input:
#   - import of the 4 MB FRUS volume (../shared/corpus/frus/whole/throughput/) by `dossier import`
#     (release build: parse, segment, hash, store with FTS5) vs two floors:
#       parse floor:   `xmllint --stream --noout` (libxml2 reading the file, nothing else);
#       storage floor: the `sqlite3` shell loading the same passages (dossier's own passage table
#                      schema and indexes) and building the same FTS5 index, in one transaction;
#     and the ratio import / (parse floor + storage floor);
#   - the same import into a project that already exists (made empty by `dossier init`, copied
#     before each run, not timed): the first figure includes creating the project file (its schema
#     migrations), which a user pays once, not at every import; both are printed, and the target
#     ratio is the first;
#   - the same full-text query by `dossier search` vs the `sqlite3` shell on the same project file.
# Usage: Benchmarks/ingest/run.sh [path/to/dossier]   (default: builds .build/release/dossier)
# Needs: xmllint (Debian libxml2-utils), sqlite3, bc.
# See also memory.sh (peak memory on a generated 500 MB volume) and series.sh (the whole series).
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${1:-}
if [ -z "$BIN" ]; then
    swift build -c release --product dossier >/dev/null
    BIN=.build/release/dossier
fi
VOLUME=${VOLUME:-../shared/corpus/frus/whole/throughput/frus1969-76ve04.xml}
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
        t0=$(now); "$@" >/dev/null 2>&1; t1=$(now)
        dt=$(echo "$t1 - $t0" | bc -l)
        best=$(echo "if ($dt < $best) $dt else $best" | bc -l)
    done
    echo "$best"
}
import_fresh() { rm -f "$WORK"/p.sqlite*; "$BIN" import --db "$WORK/p.sqlite" --no-progress "$VOLUME"; }
import_existing() { rm -f "$WORK"/e.sqlite*; cp "$WORK/empty.sqlite" "$WORK/e.sqlite"; "$BIN" import --db "$WORK/e.sqlite" --no-progress "$VOLUME"; }
"$BIN" init --db "$WORK/empty.sqlite" >/dev/null

echo "Input: $VOLUME ($SIZE bytes); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
t_dossier=$(best_of import_fresh)
t_existing=$(best_of import_existing)
t_check=$(best_of "$BIN" import --check --no-progress "$VOLUME")
t_xmllint=$(best_of xmllint --stream --noout "$VOLUME")

# The storage floor: the same passages, exported from dossier's project, loaded by the sqlite3
# shell into dossier's passage schema with the same FTS5 index, in one transaction.
docs=$(sqlite3 "$WORK/p.sqlite" "select count(*) from document")
passages=$(sqlite3 "$WORK/p.sqlite" "select count(*) from passage")
sqlite3 -csv "$WORK/p.sqlite" "select * from passage order by id" > "$WORK/passages.csv"
{
    echo "PRAGMA journal_mode=WAL;"
    # dossier's passage table and its indexes, as stored (foreign keys are off in the shell).
    sqlite3 "$WORK/p.sqlite" "SELECT sql || ';' FROM sqlite_master WHERE tbl_name = 'passage' AND type IN ('table', 'index') AND sql IS NOT NULL"
    echo "CREATE VIRTUAL TABLE passage_fts USING fts5(text, content='passage', content_rowid='id', tokenize=\"unicode61 remove_diacritics 2\");"
} > "$WORK/schema.sql"
storage_load() {
    rm -f "$WORK"/floor.sqlite*
    sqlite3 "$WORK/floor.sqlite" < "$WORK/schema.sql" >/dev/null
    sqlite3 "$WORK/floor.sqlite" <<SQL
BEGIN;
.import --csv $WORK/passages.csv passage
INSERT INTO passage_fts(rowid, text) SELECT id, text FROM passage;
COMMIT;
SQL
}
t_storage=$(best_of storage_load)
[ "$(sqlite3 "$WORK/floor.sqlite" "select count(*) from passage")" = "$passages" ] || { echo "benchmark: storage floor loaded a different passage count"; exit 1; }

peak=$( { /usr/bin/time -f "%M" "$BIN" import --db "$WORK/q.sqlite" --no-progress "$VOLUME" >/dev/null; } 2>&1 | tail -1 )
floors=$(echo "$t_xmllint + $t_storage" | bc -l)
printf "import  dossier import         %6.3f s  %6.1f MB/s  (%s documents, %s passages, peak RSS %s KB)\n" \
    "$t_dossier" "$(echo "$SIZE / 1000000 / $t_dossier" | bc -l)" "$docs" "$passages" "$peak"
printf "        into an existing project %6.3f s  (the same import into a project made beforehand by dossier init)\n" "$t_existing"
printf "        dossier import --check %6.3f s  %6.1f MB/s  (parse and segment only, stores nothing)\n" \
    "$t_check" "$(echo "$SIZE / 1000000 / $t_check" | bc -l)"
printf "        parse floor   xmllint --stream          %6.3f s\n" "$t_xmllint"
printf "        storage floor sqlite3 shell .import+FTS5 %6.3f s  (same passages, same schema and index, one transaction)\n" "$t_storage"
printf "        ratio import/xmllint              %.2f\n" "$(echo "$t_dossier / $t_xmllint" | bc -l)"
printf "        ratio import/(parse+storage floor) %.2f   (target: at most 1.5)\n" "$(echo "$t_dossier / $floors" | bc -l)"
printf "        the same into an existing project  %.2f\n" "$(echo "$t_existing / $floors" | bc -l)"
printf "        ratio check/xmllint               %.2f   (parsing and segmenting alone)\n" "$(echo "$t_check / $t_xmllint" | bc -l)"

QUERY='allies OR "third country"'
SQL="SELECT p.id, snippet(passage_fts, 0, '[', ']', '…', 24), bm25(passage_fts) FROM passage_fts JOIN passage p ON p.id = passage_fts.rowid JOIN document d ON d.id = p.document_id WHERE passage_fts MATCH '$(echo "$QUERY" | sed "s/'/''/g")' AND d.is_current = 1 ORDER BY bm25(passage_fts) LIMIT 20;"
t_search=$(best_of "$BIN" search --db "$WORK/p.sqlite" --format csv "$QUERY")
t_shell=$(best_of sqlite3 "$WORK/p.sqlite" "$SQL")
printf "search  dossier search       %6.3f s  (process start, open, query, render)\n" "$t_search"
printf "        sqlite3 shell        %6.3f s  (same query, same file)\n" "$t_shell"
printf "        ratio dossier/sqlite3  %.2f\n" "$(echo "$t_search / $t_shell" | bc -l)"
