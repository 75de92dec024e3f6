#!/usr/bin/env bash
# What does reading codings through the `coding`, `unit_done` and `audit_event` views cost? (Since
# migration i13-staged-coding-import they are views that leave out rows of unpublished `code import`
# batches; before, they were tables.) Builds one project with N codings (default 200,000: 2 coders
# x units x K criteria, every unit finished, one closed reliability round) with the BEFORE binary,
# copies it, lets the AFTER binary migrate the copy (timed: the migration itself), then times the
# commands that read every coding of a round on each copy with its own binary, best of RUNS, and
# prints the ratios. Both sides run in the same run under the same machine load.
#
# Usage: Benchmarks/scale/coding-view.sh BEFORE_BINARY AFTER_BINARY [VOLUME.xml]
#   N=20000 RUNS=1 Benchmarks/scale/coding-view.sh /tmp/dossier-main .build/release/dossier
# BEFORE is a release build from before the migration (e.g. `git worktree add /tmp/b c3c86b2` and
# `swift build -c release --product dossier` there); AFTER a build that has it.
set -euo pipefail
cd "$(dirname "$0")/../.."
BEFORE=${1:?give the binary from before the change}
AFTER=${2:?give the binary with the change}
DATA=${3:-../shared/corpus/frus/whole/throughput/frus1969-76ve04.xml}
[ -e "$DATA" ] || { echo "benchmark: $DATA not found (needs ../shared beside the repo, or give a volume)"; exit 1; }
N=${N:-200000}
RUNS=${RUNS:-3}
CASE=${CASE:-KOREA-1950/COL}
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "benchmark: needs GNU time (/usr/bin/time, Debian package time)"; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
load() { cut -d' ' -f1-3 /proc/loadavg; }
DB="$WORK/before.sqlite"
echo "Data: $DATA; codings: $N; runs: $RUNS (best); load average: $(load)"

B() { "$BEFORE" "$@" --db "$DB"; }
B import --no-progress "$DATA" >/dev/null
B codebook load Codebooks/buying-allies.yaml >/dev/null
B register load Imports/register/buying-allies.yaml >/dev/null
B coder add kim --role lead >/dev/null
for c in c1 c2; do B coder add "$c" --as kim >/dev/null; done
PASSAGES=$(sqlite3 "$DB" "select count(*) from passage p join document d on d.id = p.document_id where d.is_current = 1")
K=$(( (N + 2 * PASSAGES - 1) / (2 * PASSAGES) ))
UNITS=$(( N / (2 * K) ))
CRITERIA=$(sqlite3 "$DB" "select criterion_id from codebook_criterion where criterion_id in (
    select criterion_id from codebook_criterion group by criterion_id having count(*) = 1)
    and criterion_id not like 'PIV.%' order by position limit $K" | tr '\n' ' ')
(( $(echo "$CRITERIA" | wc -w) == K )) || { echo "benchmark: not $K criteria for $N codings; give a larger volume"; exit 1; }
B round create big --purpose reliability --as kim >/dev/null
RID=$(sqlite3 "$DB" "select id from coding_round where name = 'big'")
sqlite3 "$DB" "
    INSERT INTO assignment (round_id, coder, passage_id, case_id, position)
    SELECT $RID, c.handle, p.id, '$CASE', p.rn FROM
      (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM passage
       WHERE document_id IN (SELECT id FROM document WHERE is_current = 1)) p,
      (SELECT 'c1' AS handle UNION ALL SELECT 'c2') c
    WHERE p.rn <= $UNITS;"
{
    echo "coder,round,passage,case,criterion,done"
    for c in $CRITERIA; do
        sqlite3 -csv "$DB" "select coder, 'big', passage_id, case_id, '$c', 'yes' from assignment where round_id = $RID order by position"
    done
} > "$WORK/codings.csv"
B code import --as kim "$WORK/codings.csv" >/dev/null
B round close big --as kim >/dev/null
echo "project: $PASSAGES passages; $(sqlite3 "$DB" 'select count(*) from coding') codings, $(sqlite3 "$DB" 'select count(*) from unit_done') finished units, $(sqlite3 "$DB" 'select count(*) from audit_event') events"

cp "$DB" "$WORK/after.sqlite"
"$TIME" -f '%e %U %S' -o "$WORK/time" "$AFTER" round list --db "$WORK/after.sqlite" >/dev/null
read -r secs user sys <"$WORK/time"
echo "migrating the copy (i13-staged-coding-import, then round list): $secs s wall, $(echo "$user + $sys" | bc -l) s CPU"
[ "$(sqlite3 "$WORK/after.sqlite" "select type from sqlite_master where name = 'coding'")" = view ] || { echo "benchmark: the AFTER binary did not make coding a view"; exit 1; }

best() {  # best BINARY DB command...: best wall and CPU seconds of RUNS runs; output kept in $WORK/out
    local bin=$1 db=$2; shift 2
    local bw=999 bc=999
    for _ in $(seq 1 "$RUNS"); do
        "$TIME" -f '%e %U %S' -o "$WORK/time" "$bin" "$@" --db "$db" >"$WORK/out" 2>"$WORK/err" || { echo "benchmark: '$*' failed: $(head -c 300 "$WORK/err")"; exit 1; }
        read -r secs user sys <"$WORK/time"
        local cpu; cpu=$(echo "$user + $sys" | bc -l)
        (( $(echo "$secs < $bw" | bc -l) )) && bw=$secs
        (( $(echo "$cpu < $bc" | bc -l) )) && bc=$cpu
    done
    echo "$bw $bc"
}
printf "%-28s %22s %22s %14s\n" "command" "before wall / CPU s" "after wall / CPU s" "after/before CPU"
for cmd in "code list --as kim --round big --format csv" "reconcile --as kim --round big --format csv --bootstrap 200" \
           "classify --as kim --round big --format csv" "log --as kim --format csv" "check"; do
    # shellcheck disable=SC2086
    read -r bw bc <<<"$(best "$BEFORE" "$DB" $cmd)"; cp "$WORK/out" "$WORK/out-before"
    # shellcheck disable=SC2086
    read -r aw ac <<<"$(best "$AFTER" "$WORK/after.sqlite" $cmd)"
    same=$(cmp -s "$WORK/out" "$WORK/out-before" && echo "same output" || echo "OUTPUT DIFFERS")
    printf "%-28s %11s / %8s %11s / %8s %13.2fx  %s\n" "${cmd%% --*}" "$bw" "$bc" "$aw" "$ac" "$(echo "$ac / $bc" | bc -l)" "$same"
done
# The filter alone: every coding of the round read through the view and straight from the storage
# table (which a reader must never do: it includes unpublished rows), in the sqlite3 shell, best of 5.
shell() {  # shell SQL: best CPU seconds (user + sys) of 5 runs of SQL in the after copy
    for _ in 1 2 3 4 5; do
        printf ".timer on\n%s;\n" "$1" | sqlite3 "$WORK/after.sqlite" | sed -n 's/.*user \([0-9.]*\) sys \([0-9.]*\).*/\1 + \2/p' | bc -l
    done | sort -n | head -1
}
q="SELECT count(*), max(created_at), sum(length(attributes)) FROM %s WHERE round_id = $RID AND retracted_at IS NULL"
v=$(shell "$(printf "$q" coding)"); t=$(shell "$(printf "$q" coding_store)")
printf "%-28s %22s %22s %13.2fx\n" "scan of the round's codings" "table: $t" "view: $v" "$(echo "$v / $t" | bc -l)"
q="SELECT count(*) FROM %s u JOIN assignment a ON a.round_id = u.round_id AND a.coder = u.coder AND a.passage_id = u.passage_id AND a.case_id = u.case_id"
v=$(shell "$(printf "$q" unit_done)"); t=$(shell "$(printf "$q" unit_done_store)")
printf "%-28s %22s %22s %13.2fx\n" "finished units by assignment" "table: $t" "view: $v" "$(echo "$v / $t" | bc -l)"
echo "load average at the end: $(load)"
