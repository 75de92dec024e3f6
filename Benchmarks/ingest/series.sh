#!/usr/bin/env bash
# Whole-series import: every volume of a folder (default: the 95 FRUS volumes of
# ../shared/corpus/frus/series, unpacked into a temporary folder) imported into a fresh project by
# one `dossier import`, with documents/s, MB/s, peak resident memory and database size, next to
# the parse floor (`xmllint --stream` over the same files) and the storage floor (the `sqlite3`
# shell loading the same passages with the same FTS5 index in one transaction).
# Usage: Benchmarks/ingest/series.sh [FOLDER] [path/to/dossier]
set -euo pipefail
cd "$(dirname "$0")/../.."
FOLDER=${1:-}
BIN=${2:-}
if [ -z "$BIN" ]; then
    swift build -c release --product dossier >/dev/null
    BIN=.build/release/dossier
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
if [ -z "$FOLDER" ]; then
    UNPACK=../shared/corpus/frus/series/unpack
    [ -x "$UNPACK" ] || { echo "benchmark: $UNPACK not found (needs ../shared beside the repo)"; exit 1; }
    FOLDER="$WORK/series"; mkdir -p "$FOLDER"; "$UNPACK" "$FOLDER" >/dev/null
fi
FILES=$(find "$FOLDER" -name '*.xml' | wc -l)
BYTES=$(find "$FOLDER" -name '*.xml' -printf '%s\n' | awk '{s+=$1} END {print s}')
echo "Input: $FOLDER ($FILES files, $BYTES bytes); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
# A probe takes the write lock every 20 ms during the import (as a coder's `code add` would): its
# longest wait bounds the import's longest write transaction from below.
python3 Benchmarks/ingest/write_probe.py "$WORK/p.sqlite" "$WORK/probe.out" &
PROBE=$!
read -r peak secs cpu < <( { /usr/bin/time -f "%M %e %U %S" "$BIN" import --db "$WORK/p.sqlite" --no-progress "$FOLDER" >/dev/null; } 2>&1 | tail -1 | awk '{print $1, $2, $3 + $4}' )
kill -TERM $PROBE; wait $PROBE || true
read -r probes probe_max probe_p99 < "$WORK/probe.out"
docs=$(sqlite3 "$WORK/p.sqlite" "select count(*) from document where is_current = 1")
passages=$(sqlite3 "$WORK/p.sqlite" "select count(*) from passage")
dbsize=$(du -cb "$WORK"/p.sqlite* | tail -1 | cut -f1)

# Wall and CPU seconds (user + system) of a command; CPU time is the fairer comparison when the
# machine is shared, since both sides then wait for the processor in proportion to their threads.
timed() { /usr/bin/time -f "%e %U %S" -o "$WORK/time" "$@"; awk '{print $1, $2 + $3}' "$WORK/time"; }
read -r t_parse c_parse < <(timed sh -c "find '$FOLDER' -name '*.xml' -print0 | xargs -0 -n1 xmllint --stream --noout 2>/dev/null")
sqlite3 -csv "$WORK/p.sqlite" "select * from passage order by id" > "$WORK/passages.csv"
{
    echo "PRAGMA journal_mode=WAL;"
    # dossier's passage table and its indexes, as stored (foreign keys are off in the shell).
    sqlite3 "$WORK/p.sqlite" "SELECT sql || ';' FROM sqlite_master WHERE tbl_name = 'passage' AND type IN ('table', 'index') AND sql IS NOT NULL"
    echo "CREATE VIRTUAL TABLE passage_fts USING fts5(text, content='passage', content_rowid='id', tokenize=\"unicode61 remove_diacritics 2\");"
} > "$WORK/schema.sql"
sqlite3 "$WORK/floor.sqlite" < "$WORK/schema.sql" >/dev/null
cat > "$WORK/load.sql" <<SQL
BEGIN;
.import --csv $WORK/passages.csv passage
INSERT INTO passage_fts(rowid, text) SELECT id, text FROM passage;
COMMIT;
SQL
read -r t_store c_store < <(timed sh -c "sqlite3 '$WORK/floor.sqlite' < '$WORK/load.sql'")

printf "dossier import   %7.1f s (CPU %.1f s)  %7.0f documents/s  %5.1f MB/s  peak RSS %.0f MB\n" "$secs" "$cpu" \
    "$(echo "$docs / $secs" | bc -l)" "$(echo "$BYTES / 1000000 / $secs" | bc -l)" "$(echo "$peak / 1024" | bc -l)"
printf "                 %s documents, %s passages, database %.0f MB (%.2f x the XML)\n" "$docs" "$passages" \
    "$(echo "$dbsize / 1000000" | bc -l)" "$(echo "$dbsize / $BYTES" | bc -l)"
printf "                 longest wait for the write lock %.0f ms (99th percentile %.0f ms, %s probes every 20 ms)\n" \
    "$probe_max" "$probe_p99" "$probes"
printf "parse floor      %7.1f s (CPU %.1f s)  (xmllint --stream, every file)\n" "$t_parse" "$c_parse"
printf "storage floor    %7.1f s (CPU %.1f s)  (sqlite3 shell: same passages, same schema and FTS5 index, one transaction)\n" "$t_store" "$c_store"
printf "ratio import/(parse+storage floor)  %.2f wall, %.2f CPU   (target for the series: under 30 s wall on 2 idle cores)\n" \
    "$(echo "$secs / ($t_parse + $t_store)" | bc -l)" "$(echo "$cpu / ($c_parse + $c_store)" | bc -l)"
