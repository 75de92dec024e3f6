#!/usr/bin/env bash
# Checks that two dossier builds store the same thing: imports the same files with each into a
# fresh project and compares dumps of every document, passage, link, glossary entry and batch
# (all columns, in id order, with each value's SQLite storage class), the full-text index
# (integrity check and the results of a few queries with their ranks) and a re-import (nothing
# new). Exits non-zero and shows the first differences when anything differs. Used before and after
# changes to the import's write path; the import timestamps (import_batch started_at/finished_at)
# are left out, as they differ from run to run.
# Usage: Benchmarks/ingest/compare_stores.sh OLD_DOSSIER NEW_DOSSIER [FILE_OR_FOLDER...]
#   (default files: Imports/transcripts and ../shared/corpus/frus/whole/throughput)
set -euo pipefail
cd "$(dirname "$0")/../.."
OLD=$1; NEW=$2; shift 2
FILES=("$@")
[ ${#FILES[@]} -gt 0 ] || FILES=(Imports/transcripts ../shared/corpus/frus/whole/throughput)
command -v sqlite3 >/dev/null || { echo "compare: install sqlite3"; exit 1; }
WORK=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT

# Every column of a table, each value with its storage class, in id order.
dump_table() {  # db table order
    local cols
    cols=$(sqlite3 "$1" "SELECT group_concat('typeof(' || name || ') || '':'' || quote(' || name || ')', ' || char(9) || ') FROM pragma_table_info('$2') WHERE name NOT IN ('started_at', 'finished_at')")
    echo "== $2"
    sqlite3 "$1" "SELECT $cols FROM $2 ORDER BY $3"
}
dump() {  # db
    for t in document passage passage_link glossary_entry import_batch; do
        case $t in glossary_entry) order="volume_id, kind, ref" ;; *) order="rowid" ;; esac
        dump_table "$1" "$t" "$order"
    done
    echo "== fts integrity"
    sqlite3 "$1" "INSERT INTO passage_fts(passage_fts, rank) VALUES ('integrity-check', 1); SELECT 'ok';"
    for q in 'allies' '"third country"' 'shah OR iran' 'oil NOT gulf' 'secret*'; do
        echo "== fts $q"
        sqlite3 "$1" "SELECT rowid, round(bm25(passage_fts), 6) FROM passage_fts WHERE passage_fts MATCH '$(echo "$q" | sed "s/'/''/g")' ORDER BY bm25(passage_fts), rowid"
    done
}
for side in OLD NEW; do
    bin=${!side}
    "$bin" import --db "$WORK/$side.sqlite" --no-progress "${FILES[@]}" >/dev/null
    # Importing again stores nothing new.
    "$bin" import --db "$WORK/$side.sqlite" --no-progress "${FILES[@]}" --output csv > "$WORK/$side.again.csv"
    dump "$WORK/$side.sqlite" > "$WORK/$side.dump"
    cut -d, -f2 "$WORK/$side.again.csv" | tail -n +2 | sort | uniq -c > "$WORK/$side.again"
done
status=0
if cmp -s "$WORK/OLD.dump" "$WORK/NEW.dump"; then
    echo "same: $(grep -c . "$WORK/NEW.dump") dump lines ($(grep -c '^== ' "$WORK/NEW.dump") sections) from ${FILES[*]}"
else
    echo "DIFFERENT stores:"; diff "$WORK/OLD.dump" "$WORK/NEW.dump" | head -20; status=1
fi
if cmp -s "$WORK/OLD.again" "$WORK/NEW.again"; then
    echo "same re-import statuses: $(tr -s ' ' < "$WORK/NEW.again" | paste -sd ';')"
else
    echo "DIFFERENT re-import statuses:"; diff "$WORK/OLD.again" "$WORK/NEW.again"; status=1
fi
exit $status
