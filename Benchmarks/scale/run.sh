#!/usr/bin/env bash
# Does any command slow down as the project grows? Imports a corpus (default: the 95 FRUS volumes
# of ../shared/corpus/frus/series, unpacked into a temporary folder), then builds one blind
# reliability round per size in SIZES (codings: 2 coders x units x K criteria, default
# 10000 40000 200000) and times every command at each size, printing the growth factor from the
# smallest to the largest size next to the growth of the data. A command whose factor is near 1
# does not grow with the project; one that follows the data grows linearly; more than that is
# superlinear and shows here as a number.
#
# Setup that is not being measured (which passages each round assigns) is done with the sqlite3
# shell for speed; every timed step is a `dossier` command as a user runs it.
# Usage: Benchmarks/scale/run.sh [FOLDER] [path/to/dossier]
#   SIZES="1000 4000" K=5 Benchmarks/scale/run.sh /tmp/two-volumes     # a quick run while developing
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
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
if [ -z "$FOLDER" ]; then
    UNPACK=../shared/corpus/frus/series/unpack
    [ -x "$UNPACK" ] || { echo "benchmark: $UNPACK not found (needs ../shared beside the repo)"; exit 1; }
    FOLDER="$WORK/series"; mkdir -p "$FOLDER"; "$UNPACK" "$FOLDER" >/dev/null
fi
DB="$WORK/p.sqlite"
export DOSSIER_DB="$DB"
echo "Corpus: $FOLDER; sizes: $SIZES codings; load average: $(cut -d' ' -f1-3 /proc/loadavg)"

declare -A T
timed() {  # timed NAME SIZE command...: wall seconds of one run, kept in T[NAME,SIZE]
    local name=$1 size=$2; shift 2
    local t0 t1
    t0=$(date +%s.%N)
    if ! "$@" >"$WORK/out" 2>"$WORK/err" </dev/null; then
        echo "benchmark: '$*' failed: $(head -c 400 "$WORK/err")" >&2; exit 1
    fi
    t1=$(date +%s.%N)
    T[$name,$size]=$(echo "$t1 - $t0" | bc -l)
}
timed_stdin() {  # as timed, with standard input from a file
    local name=$1 size=$2 input=$3; shift 3
    local t0 t1
    t0=$(date +%s.%N)
    "$@" <"$input" >"$WORK/out" 2>"$WORK/err" || { echo "benchmark: '$*' failed: $(head -c 400 "$WORK/err")" >&2; exit 1; }
    t1=$(date +%s.%N)
    T[$name,$size]=$(echo "$t1 - $t0" | bc -l)
}

t0=$(date +%s.%N)
"$BIN" import --no-progress "$FOLDER" >/dev/null
t1=$(date +%s.%N)
echo "import: $(echo "$t1 - $t0" | bc -l | xargs printf '%.1f') s, $(sqlite3 "$DB" 'select count(*) from document where is_current = 1') documents, $(sqlite3 "$DB" 'select count(*) from passage') passages"
"$BIN" codebook load Codebooks/buying-allies.yaml >/dev/null
"$BIN" register load Imports/register/buying-allies.yaml >/dev/null
"$BIN" coder add kim --role lead >/dev/null
"$BIN" coder add c1 --as kim >/dev/null
"$BIN" coder add c2 --as kim >/dev/null
"$BIN" coder add c3 --as kim >/dev/null
CRITERIA=$(sqlite3 "$DB" "select criterion_id from codebook_criterion order by position limit $K" | tr '\n' ' ')
FIRST=""
for N in $SIZES; do
    [ -z "$FIRST" ] && FIRST=$N
    LAST=$N
    UNITS=$(( N / (2 * K) ))
    R="scale-$N"
    "$BIN" round create "$R" --purpose reliability --as kim >/dev/null
    RID=$(sqlite3 "$DB" "select id from coding_round where name = '$R'")
    # Units: UNITS passages of current documents, spread over the corpus, assigned to c1 and c2.
    sqlite3 "$DB" "
        INSERT INTO assignment (round_id, coder, passage_id, case_id, position)
        SELECT $RID, c.handle, p.id, '$CASE', p.rn FROM
          (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM passage
           WHERE document_id IN (SELECT id FROM document WHERE is_current = 1) AND kind = 'body'
             AND id % 7 = $N % 7) p,
          (SELECT 'c1' AS handle UNION ALL SELECT 'c2') c
        WHERE p.rn <= $UNITS;"
    # Every unit coded by both coders: K criteria each, marked done, except c1's last 20 units,
    # left open for the session.
    {
        echo "coder,round,passage,case,criterion,done"
        for c in $CRITERIA; do
            sqlite3 -csv "$DB" "select coder, '$R', passage_id, case_id, '$c', case when coder = 'c1' and position > $UNITS - 20 then 'no' else 'yes' end
                                from assignment where round_id = $RID order by position"
        done
    } > "$WORK/codings-$N.csv"
    timed "code import ($N rows)" "$N" "$BIN" code import "$WORK/codings-$N.csv"
    OPEN=$(sqlite3 "$DB" "select passage_id from assignment a where round_id = $RID and coder = 'c1' and position = $UNITS")
    timed "code add" "$N" "$BIN" code add --as c1 --round "$R" --passage "$OPEN" --case "$CASE" --criterion OPP.quid_pro_quo
    printf 'q\n' > "$WORK/quit"
    timed_stdin "code session (start, first unit, quit)" "$N" "$WORK/quit" "$BIN" code session --as c1 --round "$R"
    timed "code list (own codings)" "$N" "$BIN" code list --as c1 --round "$R" --format csv
    timed "search" "$N" "$BIN" search --format csv 'allies OR "third country"'
    timed "mentions --actor USA" "$N" "$BIN" mentions --actor USA --format csv
    "$BIN" round create "probe-$N" --purpose pilot --as kim >/dev/null
    timed "assign (query, 10% sample)" "$N" "$BIN" assign --as kim --round "probe-$N" --coders c3 --case "$CASE" --query 'troops OR aid OR forces' --sample 0.1 --seed 1
    "$BIN" round close "$R" --as kim --force --reason "benchmark" >/dev/null
    timed "reconcile" "$N" "$BIN" reconcile --as kim --round "$R" --format csv --bootstrap 200
    timed "classify" "$N" "$BIN" classify --as kim --round "$R" --format csv
    timed "report (html)" "$N" "$BIN" report --as kim --round "$R" -o "$WORK/report-$N.html" --bootstrap 200
    timed "check" "$N" "$BIN" check
    echo "size $N done: $(sqlite3 "$DB" "select count(*) from coding where round_id = $RID") codings in the round, $(sqlite3 "$DB" 'select count(*) from coding') in the project"
done

echo
printf "%-42s" "command"
for N in $SIZES; do printf "%12s" "$N"; done
printf "%10s\n" "growth"
for name in "code import ($FIRST rows)" "code add" "code session (start, first unit, quit)" "code list (own codings)" "search" \
            "mentions --actor USA" "assign (query, 10% sample)" "reconcile" "classify" "report (html)" "check"; do
    printf "%-42s" "$name"
    for N in $SIZES; do
        key="$name,$N"
        [[ "$name" == code\ import* ]] && key="code import ($N rows),$N"
        printf "%11.3fs" "${T[$key]}"
    done
    lastkey="$name,$LAST"; firstkey="$name,$FIRST"
    [[ "$name" == code\ import* ]] && { lastkey="code import ($LAST rows),$LAST"; firstkey="code import ($FIRST rows),$FIRST"; }
    printf "%9.1fx\n" "$(echo "${T[$lastkey]} / ${T[$firstkey]}" | bc -l)"
done
echo "data growth from $FIRST to $LAST codings: $(echo "$LAST / $FIRST" | bc -l | xargs printf '%.0f')x (linear commands follow it; constant ones stay near 1x)"
echo "database: $(du -cb "$DB"* | tail -1 | cut -f1 | xargs -I{} echo "{} / 1000000" | bc) MB"
