#!/usr/bin/env bash
# Does any command slow down as the project grows? Imports a corpus (default: the 95 FRUS volumes
# of ../shared/corpus/frus/series, unpacked into a temporary folder; VOLUMES=N takes the first N
# of them by name for a quicker run, hard-linked or copied), then builds one blind reliability round per size in SIZES
# (codings: 2 coders x units x K criteria, default 10000 40000 200000, each round added to the
# same project, so the project holds them all at the last size) and times every command at each
# size, printing the growth factor from the smallest to the largest size and the growth exponent
# (log time growth / log data growth: about 0 for a command that does not grow with the project,
# 1 for one that follows the data, more than 1 for a superlinear one).
#
# Per-unit figures of the coding session come from its line mode (the same model and unit read
# as the full-screen mode): the session is run once with `q` alone (start-up) and once visiting
# M units spread over the coder's queue with `g N` (each read and shown) or coding the last
# open units (`1`, Enter: tag criterion 1 and finish); per unit = (run - start-up) / units.
#
# Setup that is not being measured (which passages each round assigns, the CSV of codings) is done
# with the sqlite3 shell; every timed step is a `dossier` command as a user runs it. Each timed
# step also records its peak resident memory (GNU time).
#
# Usage: Benchmarks/scale/run.sh [FOLDER] [path/to/dossier]
#   VOLUMES=10 SIZES="1000 4000" K=5 Benchmarks/scale/run.sh        # a quick run while developing
#   PROJECT=/tmp/series.sqlite Benchmarks/scale/run.sh              # reuse an imported corpus:
#     the first run imports and saves a copy there (sqlite3 .backup), later runs start from the
#     copy and skip the (then unmeasured) import.
set -euo pipefail
cd "$(dirname "$0")/../.."
FOLDER=${1:-}
BIN=${2:-}
if [ -z "$BIN" ]; then
    swift build -c release --product dossier >/dev/null
    BIN=$PWD/.build/release/dossier
fi
SIZES=${SIZES:-"10000 40000 200000"}
K=${K:-5}
CASE=${CASE:-KOREA-1950/COL}
M=${M:-100}
WORK=$(mktemp -d)
if [ -n "${KEEP:-}" ]; then echo "keeping $WORK"; else trap 'rm -rf "$WORK"' EXIT; fi
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "benchmark: needs GNU time (/usr/bin/time, Debian package time)"; exit 1; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

DB="$WORK/p.sqlite"
export DOSSIER_DB="$DB"
if [ -n "${PROJECT:-}" ] && [ -s "$PROJECT" ]; then
    cp "$PROJECT" "$DB"
    echo "Corpus: imported project $PROJECT (import not timed); sizes: $SIZES codings; load average: $(load)"
else
    if [ -z "$FOLDER" ]; then
        UNPACK=../shared/corpus/frus/series/unpack
        [ -x "$UNPACK" ] || { echo "benchmark: $UNPACK not found (needs ../shared beside the repo)"; exit 1; }
        FOLDER="$WORK/series"; mkdir -p "$FOLDER"; "$UNPACK" "$FOLDER" >/dev/null
    fi
    if [ -n "${VOLUMES:-}" ]; then
        mkdir -p "$WORK/subset"
        find "$FOLDER" -maxdepth 1 -name '*.xml' | sort | head -n "$VOLUMES" | while read -r f; do ln "$f" "$WORK/subset/" 2>/dev/null || cp "$f" "$WORK/subset/"; done
        FOLDER="$WORK/subset"
    fi
    echo "Corpus: $FOLDER ($(find -L "$FOLDER" -maxdepth 1 -name '*.xml' | wc -l) files, $(du -cLb "$FOLDER"/*.xml | tail -1 | cut -f1 | xargs -I{} echo "{} / 1000000" | bc) MB); sizes: $SIZES codings; load average: $(load)"
    t0=$(date +%s.%N)
    "$BIN" import --no-progress "$FOLDER" >/dev/null
    t1=$(date +%s.%N)
    echo "import: $(echo "$t1 - $t0" | bc -l | xargs printf '%.1f') s (load average $(load))"
    if [ -n "${PROJECT:-}" ]; then sqlite3 "$DB" ".backup '$PROJECT'"; echo "saved the imported project as $PROJECT"; fi
fi
echo "$(sqlite3 "$DB" 'select count(*) from document where is_current = 1') documents, $(sqlite3 "$DB" 'select count(*) from passage') passages, $(sqlite3 "$DB" 'select count(*) from glossary_entry') glossary entries, $(sqlite3 "$DB" 'select count(*) from passage_link') links"

declare -A T C R
timed() {  # timed NAME SIZE INPUT command...: wall and CPU seconds and peak RSS of one run, in T/C/R[NAME,SIZE]
    local name=$1 size=$2 input=$3; shift 3
    if ! "$TIME" -f '%e %U %S %M' -o "$WORK/time" "$@" <"$input" >"$WORK/out" 2>"$WORK/err"; then
        echo "benchmark: '$*' failed: $(head -c 400 "$WORK/err")" >&2; exit 1
    fi
    read -r secs user sys kb <"$WORK/time"
    T[$name,$size]=$secs
    C[$name,$size]=$(echo "$user + $sys" | bc -l)
    R[$name,$size]=$kb
}

"$BIN" codebook load Codebooks/buying-allies.yaml >/dev/null
"$BIN" register load Imports/register/buying-allies.yaml >/dev/null
"$BIN" coder add kim --role lead >/dev/null
for c in c1 c2 c3; do "$BIN" coder add "$c" --as kim >/dev/null; done
CRITERIA=$(sqlite3 "$DB" "select criterion_id from codebook_criterion where criterion_id not like 'PIV.%' order by position limit $K" | tr '\n' ' ')
FIRST=""
for N in $SIZES; do
    [ -z "$FIRST" ] && FIRST=$N
    LAST=$N
    UNITS=$(( N / (2 * K) ))
    R_="scale-$N"
    "$BIN" round create "$R_" --purpose reliability --as kim >/dev/null
    RID=$(sqlite3 "$DB" "select id from coding_round where name = '$R_'")
    # Units: UNITS body passages of current documents, spread over the corpus, assigned to c1 and c2.
    sqlite3 "$DB" "
        INSERT INTO assignment (round_id, coder, passage_id, case_id, position)
        SELECT $RID, c.handle, p.id, '$CASE', p.rn FROM
          (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM passage
           WHERE document_id IN (SELECT id FROM document WHERE is_current = 1) AND kind = 'body'
             AND id % 7 = $N % 7) p,
          (SELECT 'c1' AS handle UNION ALL SELECT 'c2') c
        WHERE p.rn <= $UNITS;"
    GOT=$(sqlite3 "$DB" "select count(*) from assignment where round_id = $RID and coder = 'c1'")
    (( GOT == UNITS )) || { echo "benchmark: the corpus has only $GOT body passages for $UNITS units; use fewer codings or more volumes"; exit 1; }
    # Every unit coded by both coders: K criteria each, marked done, except c1's last 20 units,
    # left open for the session.
    {
        echo "coder,round,passage,case,criterion,done"
        for c in $CRITERIA; do
            sqlite3 -csv "$DB" "select coder, '$R_', passage_id, case_id, '$c', case when coder = 'c1' and position > $UNITS - 20 then 'no' else 'yes' end
                                from assignment where round_id = $RID order by position"
        done
    } > "$WORK/codings-$N.csv"
    timed "code import (rows = codings)" "$N" /dev/null "$BIN" code import --as kim "$WORK/codings-$N.csv"
    OPEN=$(sqlite3 "$DB" "select passage_id from assignment a where round_id = $RID and coder = 'c1' and position = $UNITS")
    timed "code add" "$N" /dev/null "$BIN" code add --as c1 --round "$R_" --passage "$OPEN" --case "$CASE" --criterion OPP.quid_pro_quo
    printf 'q\n' > "$WORK/quit"
    timed "code session: start-up (q)" "$N" "$WORK/quit" "$BIN" code session --as c1 --round "$R_"
    # M units spread over the whole queue, each read and shown.
    { for i in $(seq 1 "$M"); do echo "g $(( (i * UNITS) / M ))"; done; echo q; } > "$WORK/visit"
    timed "session: visit $M units" "$N" "$WORK/visit" "$BIN" code session --as c1 --round "$R_"
    # The 19 units left open (the 20th has the code add above): tag criterion 1, finish.
    { echo "g $(( UNITS - 19 ))"; for i in $(seq 1 19); do printf '1\n\n'; done; echo q; } > "$WORK/code"
    timed "session: code 19 units" "$N" "$WORK/code" "$BIN" code session --as c1 --round "$R_"
    timed "code list (own codings)" "$N" /dev/null "$BIN" code list --as c1 --round "$R_" --format csv
    timed "search" "$N" /dev/null "$BIN" search --format csv 'allies OR "third country"'
    timed "mentions --actor USA" "$N" /dev/null "$BIN" mentions --actor USA --format csv
    timed "documents --text" "$N" /dev/null "$BIN" documents --text 'aid' --format csv
    "$BIN" round create "probe-$N" --purpose pilot --as kim >/dev/null
    timed "assign (query, 10% sample)" "$N" /dev/null "$BIN" assign --as kim --round "probe-$N" --coders c3 --case "$CASE" --fts --query 'troops OR aid OR forces' --sample 0.1 --seed 1
    "$BIN" round create "probe-m-$N" --purpose pilot --as kim >/dev/null
    timed "assign (by mentions, any date)" "$N" /dev/null "$BIN" assign --as kim --round "probe-m-$N" --coders c3 --case "$CASE" --any-date
    "$BIN" round close "$R_" --as kim --force --reason "benchmark" >/dev/null
    timed "reconcile" "$N" /dev/null "$BIN" reconcile --as kim --round "$R_" --format csv --bootstrap 200
    timed "classify" "$N" /dev/null "$BIN" classify --as kim --round "$R_" --format csv
    timed "report (html)" "$N" /dev/null "$BIN" report --as kim --round "$R_" -o "$WORK/report-$N.html" --bootstrap 200
    HTML[$N]=$(stat -c %s "$WORK/report-$N.html")
    timed "check" "$N" /dev/null "$BIN" check
    echo "size $N done: $(sqlite3 "$DB" "select count(*) from coding where round_id = $RID") codings in the round, $(sqlite3 "$DB" 'select count(*) from coding') in the project; HTML report $(( HTML[$N] / 1000 )) kB; load average $(load)"
done

NAMES=("code import (rows = codings)" "code add" "code session: start-up (q)" "session: visit $M units" "session: code 19 units"
       "code list (own codings)" "search" "mentions --actor USA" "documents --text" "assign (query, 10% sample)"
       "assign (by mentions, any date)" "reconcile" "classify" "report (html)" "check")
table() {  # table TITLE ARRAY: one row per command, one column per size, growth and exponent
    local -n A=$2
    echo
    printf "%-34s" "$1"
    for N in $SIZES; do printf "%10s" "$N"; done
    printf "%9s%10s%12s\n" "growth" "exponent" "peak MB"
    for name in "${NAMES[@]}"; do
        printf "%-34s" "$name"
        for N in $SIZES; do printf "%10.3f" "${A[$name,$N]}"; done
        a=${A[$name,$FIRST]}; b=${A[$name,$LAST]}
        # Times under 0.01 s are at the clock's resolution: no exponent.
        if [ "$FIRST" != "$LAST" ] && (( $(echo "$a >= 0.01" | bc -l) )); then
            printf "%8.1fx%10.2f" "$(echo "$b / $a" | bc -l)" "$(echo "l($b / $a) / l($LAST / $FIRST)" | bc -l)"
        else
            printf "%9s%10s" "-" "-"
        fi
        printf "%12d\n" "$(( ${R[$name,$LAST]} / 1024 ))"
    done
}
table "wall seconds at N codings" T
table "CPU seconds (user + sys)" C
perunit() {  # perunit ARRAY RUN UNITS SIZE: milliseconds per unit of a session run beyond its start-up
    local -n A=$1
    echo "(${A[$2,$4]} - ${A[code session: start-up (q),$4]}) * 1000 / $3" | bc -l | xargs printf '%.1f'
}
echo
for N in $SIZES; do
    echo "session at $N codings: start-up $(printf '%.3f' "${T[code session: start-up (q),$N]}") s wall; per unit visited $(perunit T "session: visit $M units" "$M" "$N") ms wall, $(perunit C "session: visit $M units" "$M" "$N") ms CPU; per unit coded $(perunit T "session: code 19 units" 19 "$N") ms wall, $(perunit C "session: code 19 units" 19 "$N") ms CPU; HTML report $(( HTML[$N] / 1000 )) kB"
done
echo "data growth from $FIRST to $LAST codings: $(echo "$LAST / $FIRST" | bc -l | xargs printf '%.0f')x (linear commands follow it; constant ones stay near 1x)"
echo "database: $(du -cb "$DB"* | tail -1 | cut -f1 | xargs -I{} echo "{} / 1000000" | bc) MB; load average at the end: $(load)"
