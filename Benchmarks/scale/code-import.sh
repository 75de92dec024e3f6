#!/usr/bin/env bash
# `dossier code import` at scale: times a generated N-row coding CSV (default 100,000 rows) into a
# project built from one FRUS volume, times a coder's `code add` issued while that import runs (how
# long the coder waits for the write lock), times the re-import (nothing to add), and compares with
# the floor a user would otherwise have: the sqlite3 shell loading the same CSV into a table
# (`.import`), printing the ratio. Both sides run in the same run under the same machine load.
#
# Usage: Benchmarks/scale/code-import.sh [VOLUME.xml|FOLDER] [path/to/dossier]
#   ROWS=20000 Benchmarks/scale/code-import.sh          # a quick run while developing
# Default volume: ../shared/corpus/frus/whole/throughput/frus1969-76ve04.xml (4 MB).
# Setup that is not measured (which passages the round assigns) is done with the sqlite3 shell.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${1:-../shared/corpus/frus/whole/throughput/frus1969-76ve04.xml}
BIN=${2:-}
if [ -z "$BIN" ]; then
    swift build -c release --product dossier >/dev/null
    BIN=$PWD/.build/release/dossier
fi
[ -e "$DATA" ] || { echo "benchmark: $DATA not found (needs ../shared beside the repo, or give a volume)"; exit 1; }
ROWS=${ROWS:-100000}
CASE=${CASE:-KOREA-1950/COL}
WORK=$(mktemp -d)
# KEEP=1 keeps the folder (and a copy of the project before the import, p0.sqlite) for profiling.
if [ -n "${KEEP:-}" ]; then echo "keeping $WORK"; else trap 'rm -rf "$WORK"' EXIT; fi
DB="$WORK/p.sqlite"
export DOSSIER_DB="$DB"
now() { date +%s.%N; }
echo "Data: $DATA; rows: $ROWS; load average: $(cut -d' ' -f1-3 /proc/loadavg)"

"$BIN" import --no-progress "$DATA" >/dev/null
"$BIN" codebook load Codebooks/buying-allies.yaml >/dev/null
"$BIN" register load Imports/register/buying-allies.yaml >/dev/null
"$BIN" coder add kim --role lead >/dev/null
for c in c1 c2 c3; do "$BIN" coder add "$c" --as kim >/dev/null; done
PASSAGES=$(sqlite3 "$DB" "select count(*) from passage p join document d on d.id = p.document_id where d.is_current = 1")
# Pivotal-state criteria (PIV.*) code actors in operations, not the recipient case used here.
NCRIT=$(sqlite3 "$DB" "select count(*) from codebook_criterion where criterion_id not like 'PIV.%'")
# Units: passages x 2 coders x K criteria >= ROWS, with as few criteria as the passages allow.
K=$(( (ROWS + 2 * PASSAGES - 1) / (2 * PASSAGES) ))
(( K <= NCRIT )) || { echo "benchmark: $PASSAGES passages x 2 coders x $NCRIT criteria < $ROWS rows; give a larger volume"; exit 1; }
UNITS=$(( (ROWS + 2 * K - 1) / (2 * K) ))
CRITERIA=$(sqlite3 "$DB" "select criterion_id from codebook_criterion where criterion_id in (
    select criterion_id from codebook_criterion group by criterion_id having count(*) = 1)
    and criterion_id not like 'PIV.%' order by position limit $K" | tr '\n' ' ')
"$BIN" round create big --purpose reliability --as kim >/dev/null
RID=$(sqlite3 "$DB" "select id from coding_round where name = 'big'")
sqlite3 "$DB" "
    INSERT INTO assignment (round_id, coder, passage_id, case_id, position)
    SELECT $RID, c.handle, p.id, '$CASE', p.rn FROM
      (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM passage
       WHERE document_id IN (SELECT id FROM document WHERE is_current = 1)) p,
      (SELECT 'c1' AS handle UNION ALL SELECT 'c2') c
    WHERE p.rn <= $UNITS;"
# A second round (production, no assignments: anyone codes any unit) where c3 codes while the big file imports.
"$BIN" round create side --purpose production --as kim >/dev/null
SIDES=$(sqlite3 "$DB" "select id from passage order by id desc limit 200" | tr '\n' ' ')
SIDE=${SIDES%% *}
CSV="$WORK/codings.csv"
{
    echo "coder,round,passage,case,criterion,done"
    for c in $CRITERIA; do
        sqlite3 -csv "$DB" "select coder, 'big', passage_id, case_id, '$c', 'yes' from assignment where round_id = $RID order by position"
    done
} > "$WORK/all.csv"
head -n $(( ROWS + 1 )) "$WORK/all.csv" > "$CSV"
echo "project: $PASSAGES passages; CSV: $(( $(wc -l < "$CSV") - 1 )) rows ($UNITS units x 2 coders x $K criteria), $(du -k "$CSV" | cut -f1) KB"

[ -n "${KEEP:-}" ] && sqlite3 "$DB" ".backup $WORK/p0.sqlite"
# The import, and a coder's `code add` issued every half second while it runs (each on another
# passage of the side round): the longest wait is what a coder feels.
# Beside them, a probe takes the write lock every 20 ms: its longest wait bounds the import's
# longest write transaction from below.
python3 Benchmarks/ingest/write_probe.py "$DB" "$WORK/probe.out" &
PROBE=$!
t0=$(now)
"$BIN" code import "$CSV" --as kim >"$WORK/import.out" 2>"$WORK/import.err" &
IMPORT=$!
ADDS=0; FAILED=0; MAXADD=0; DURING=0
for P in $SIDES; do
    sleep 0.5
    kill -0 $IMPORT 2>/dev/null || break
    a0=$(now)
    if ! "$BIN" code add --as c3 --round side --passage "$P" --case "$CASE" --criterion WIR.link >"$WORK/add.out" 2>"$WORK/add.err"; then
        FAILED=$(( FAILED + 1 )); echo "code add failed: $(head -c 300 "$WORK/add.err")" >&2
    fi
    a1=$(now)
    ADDS=$(( ADDS + 1 ))
    kill -0 $IMPORT 2>/dev/null && DURING=$(( DURING + 1 ))
    MAXADD=$(echo "if ($a1 - $a0 > $MAXADD) $a1 - $a0 else $MAXADD" | bc -l)
done
wait $IMPORT || { echo "benchmark: code import failed: $(head -c 400 "$WORK/import.err")"; exit 1; }
t1=$(now)
kill -TERM $PROBE; wait $PROBE || true
read -r PROBES PROBE_MAX PROBE_P99 < "$WORK/probe.out"
IMPORT_S=$(echo "$t1 - $t0" | bc -l)
t0=$(now); "$BIN" code import "$CSV" --as kim >"$WORK/again.out" 2>&1; t1=$(now)
AGAIN_S=$(echo "$t1 - $t0" | bc -l)
t0=$(now); "$BIN" code add --as c3 --round side --passage "$SIDE" --case "$CASE" --criterion WIR.volunteered >/dev/null; t1=$(now)
IDLE_ADD_S=$(echo "$t1 - $t0" | bc -l)

# The floor: the sqlite3 shell loading the same CSV into a table of the same columns, one transaction.
FLOOR_DB="$WORK/floor.sqlite"
t0=$(now)
sqlite3 "$FLOOR_DB" <<SQL
CREATE TABLE coding_csv (coder TEXT, round TEXT, passage INTEGER, "case" TEXT, criterion TEXT, done TEXT);
BEGIN;
.import --csv --skip 1 $CSV coding_csv
COMMIT;
SQL
t1=$(now)
FLOOR_S=$(echo "$t1 - $t0" | bc -l)

printf '%-52s %10.3f s   %s\n' "code import ($ROWS rows)" "$IMPORT_S" "$(head -1 "$WORK/import.out")"
printf '%-52s %10.3f ms\n' "per row" "$(echo "$IMPORT_S / $ROWS * 1000" | bc -l)"
printf '%-52s %10.3f s   %s\n' "longest wait of a coder's code add during the import" "$MAXADD" "($ADDS issued every 0.5 s, $DURING returned while the import still ran, $FAILED failed)"
printf '%-52s %10.1f ms  %s\n' "longest wait for the write lock (probe every 20 ms)" "$PROBE_MAX" "(99th percentile $PROBE_P99 ms, $PROBES probes)"
printf '%-52s %10.3f s\n' "the same code add with the project idle" "$IDLE_ADD_S"
printf '%-52s %10.3f s   %s\n' "re-import of the same file (adds nothing)" "$AGAIN_S" "$(head -1 "$WORK/again.out")"
printf '%-52s %10.3f s\n' "floor: sqlite3 .import of the same CSV" "$FLOOR_S"
printf '%-52s %10.1fx\n' "code import / floor" "$(echo "$IMPORT_S / $FLOOR_S" | bc -l)"
echo "codings in the project: $(sqlite3 "$DB" 'select count(*) from coding'); load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
