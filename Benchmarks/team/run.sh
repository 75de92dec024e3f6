#!/usr/bin/env bash
# A lab's load on a team server: CODERS coder processes at once, each recording CODINGS codings with
# `dossier code add` in their own working copy (each command also sends the work to the
# PostgreSQL team server, as coders' commands do), against the same load on one shared SQLite
# project file (every coder's process writing to the same file). Prints median and p99 latency of
# `code add` on each side, their ratio, and checks that every coding was stored, with no error.
#
# Usage: Benchmarks/team/run.sh [SUPERUSER_URL]     (default: $DOSSIER_TEST_POSTGRES)
#        CODERS=20 CODINGS=500 by default; e.g. CODERS=4 CODINGS=50 for a quick run.
# Needs: a PostgreSQL server the URL's role may create databases and roles on (.ci/run's
# throwaway cluster works), psql, sqlite3, python3. Builds dossier in release mode (DOSSIER_BIN=path
# to use another build).
set -euo pipefail
cd "$(dirname "$0")/../.."
URL=${1:-${DOSSIER_TEST_POSTGRES:-}}
[ -n "$URL" ] || { echo "usage: $0 postgres://postgres@127.0.0.1:5432/postgres (a superuser URL)"; exit 2; }
CODERS=${CODERS:-20}
CODINGS=${CODINGS:-500}
if [ -n "${DOSSIER_BIN:-}" ]; then D=$DOSSIER_BIN; else swift build -c release --product dossier >/dev/null; D="$PWD/.build/release/dossier"; fi
work=$(mktemp -d /tmp/dossier-team-bench.XXXXXX)
suffix=$(head -c3 /dev/urandom | od -An -tx1 | tr -d ' \n')
db="bench_$suffix"
hostport=$(python3 -c "import sys,urllib.parse as u; p=u.urlparse(sys.argv[1]); print(p.hostname or '127.0.0.1', p.port or 5432, p.username or 'postgres', p.path.lstrip('/') or 'postgres')" "$URL")
read -r host port su admindb <<<"$hostport"
psqlc() { psql -X -q -A -t -v ON_ERROR_STOP=1 -h "$host" -p "$port" -U "$su" "$@"; }
coders=(); for i in $(seq -w 1 "$CODERS"); do coders+=("c${i}_$suffix"); done
cleanup() {
    psqlc -d "$admindb" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
    for c in "${coders[@]}" "lead_$suffix"; do psqlc -d "$admindb" -c "DROP ROLE IF EXISTS $c" >/dev/null 2>&1 || true; done
    [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

# One project: the sample transcripts, the codebook, a lead, the coders, one round with
# every passage assigned to every coder (a blind reliability round: the same units for all).
base="$work/base.sqlite"
lead="lead_$suffix"
$D import --no-progress --db "$base" Imports/transcripts >/dev/null
$D codebook load --db "$base" Codebooks/buying-allies.yaml >/dev/null
$D register load --db "$base" Imports/register/buying-allies.yaml >/dev/null
$D coder add "$lead" --role lead --db "$base" >/dev/null
for c in "${coders[@]}"; do $D coder add "$c" --db "$base" --as "$lead" >/dev/null; done
$D round create rel-1 --purpose reliability --db "$base" --as "$lead" >/dev/null
docs=$(sqlite3 "$base" "SELECT group_concat(id) FROM document")
$D assign --round rel-1 --coders "$(IFS=,; echo "${coders[*]}")" --case GULF-1990/EGY --documents "$docs" --include-editorial --db "$base" --as "$lead" >/dev/null 2>&1 \
    || $D assign --round rel-1 --coders "$(IFS=,; echo "${coders[*]}")" --case GULF-1990/EGY --documents "$docs" --db "$base" --as "$lead" >/dev/null
units=($(sqlite3 "$base" "SELECT DISTINCT passage_id FROM assignment"))
criteria=($(sqlite3 "$base" "SELECT criterion_id FROM codebook_criterion WHERE codebook_version_id = (SELECT max(id) FROM codebook_version)"))
need=$(( ${#units[@]} * ${#criteria[@]} ))
[ "$need" -ge "$CODINGS" ] || { echo "only $need distinct unit x criterion pairs for $CODINGS codings"; exit 1; }
single="$work/single.sqlite"
$D backup --db "$base" --as "$lead" "$single" >/dev/null

# The team: a fresh database, the lead's project published, one working copy per coder.
psqlc -d "$admindb" -c "CREATE DATABASE $db" >/dev/null
teamurl="postgres://$host:$port/$db"
$D team init --db "$base" --as "$lead" "postgres://$su@$host:$port/$db" >/dev/null
for c in "${coders[@]}"; do $D team join --db "$work/$c.sqlite" --as "$c" "$teamurl" >/dev/null; done

# One coder's load: CODINGS code adds, each timed in nanoseconds, into $2 (one latency per line).
load() {
    local coder=$1 project=$2 out=$3 n=0 u c t0 t1 errs=0
    : >"$out"
    for ((k = 0; n < CODINGS; k++)); do
        u=${units[$(( k % ${#units[@]} ))]}
        c=${criteria[$(( (k / ${#units[@]}) % ${#criteria[@]} ))]}
        t0=$(date +%s%N)
        if $D code add --db "$project" --as "$coder" --round rel-1 --passage "$u" --case GULF-1990/EGY --criterion "$c" >/dev/null 2>>"$out.err"; then
            t1=$(date +%s%N); echo $(( t1 - t0 )) >>"$out"; n=$((n + 1))
        else
            errs=$((errs + 1)); [ $errs -lt 5 ] || { echo "too many errors for $coder" >>"$out.err"; return 1; }
        fi
    done
    return 0
}
export -f load; export D CODINGS
run_side() {   # $1 = team|sqlite
    local side=$1 pids=() start end
    start=$(date +%s%N)
    for c in "${coders[@]}"; do
        if [ "$side" = team ]; then project="$work/$c.sqlite"; else project="$single"; fi
        (units=("${units[@]}"); criteria=("${criteria[@]}"); load "$c" "$project" "$work/$side.$c.lat") &
        pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p"; done
    end=$(date +%s%N)
    echo $(( (end - start) / 1000000 )) >"$work/$side.wall_ms"
}
run_side sqlite
run_side team

stored_team=$(psqlc -d "$db" -c "SELECT count(*) FROM team_coding WHERE retracted_at IS NULL")
stored_sqlite=$(sqlite3 "$single" "SELECT count(*) FROM coding WHERE retracted_at IS NULL")
errors_team=$(cat "$work"/team.*.lat.err 2>/dev/null | grep -ci "error\|not sent" || true)
errors_sqlite=$(cat "$work"/sqlite.*.lat.err 2>/dev/null | grep -ci "error" || true)
python3 - "$work" "$CODERS" "$CODINGS" "$stored_team" "$stored_sqlite" "$errors_team" "$errors_sqlite" <<'PY'
import glob, statistics, sys
work, coders, codings, st, ss, et, es = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])
def lat(side):
    xs = sorted(int(l) / 1e6 for f in glob.glob(f"{work}/{side}.*.lat") for l in open(f) if l.strip())
    return xs, statistics.median(xs), xs[min(len(xs) - 1, int(0.99 * len(xs)))]
t, tm, tp = lat("team"); s, sm, sp = lat("sqlite")
wall = lambda side: int(open(f"{work}/{side}.wall_ms").read()) / 1000
print(f"{coders} coders x {codings} codings each, all at once; `dossier code add` latency per command (process start to exit)")
print(f"  team server (working copy + send to PostgreSQL): median {tm:.1f} ms, p99 {tp:.1f} ms, {len(t)} commands in {wall('team'):.1f} s")
print(f"  one SQLite file shared by every process:        median {sm:.1f} ms, p99 {sp:.1f} ms, {len(s)} commands in {wall('sqlite'):.1f} s")
print(f"  ratio team/sqlite: median {tm/sm:.2f}x, p99 {tp/sp:.2f}x")
print(f"  stored: team server {st} codings, SQLite file {ss}; expected {coders*codings} each; errors: team {et}, sqlite {es}")
ok = st == ss == coders * codings and et == 0 and es == 0
print("  check:", "every coding stored on both sides" if ok else "MISMATCH")
sys.exit(0 if ok else 1)
PY
