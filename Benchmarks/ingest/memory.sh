#!/usr/bin/env bash
# Peak resident memory of `dossier import` on one generated FRUS-shaped TEI volume of SIZE_MB
# megabytes (default 500), next to `xmllint --stream` on the same file. Target: the import's peak
# does not grow with the file (under 100 MB for 500 MB). The volume is generated into a temporary
# folder and removed afterwards.
# Usage: SIZE_MB=500 Benchmarks/ingest/memory.sh [path/to/dossier]
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${1:-}
if [ -z "$BIN" ]; then
    swift build -c release --product dossier >/dev/null
    BIN=.build/release/dossier
fi
SIZE_MB=${SIZE_MB:-500}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
python3 Benchmarks/ingest/generate_volume.py "$WORK/volume.xml" "$SIZE_MB"
SIZE=$(stat -c %s "$WORK/volume.xml")
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
read -r peak secs < <( { /usr/bin/time -f "%M %e" "$BIN" import --db "$WORK/p.sqlite" --no-progress "$WORK/volume.xml" >/dev/null; } 2>&1 | tail -1 )
read -r xpeak xsecs < <( { /usr/bin/time -f "%M %e" xmllint --stream --noout "$WORK/volume.xml"; } 2>&1 | tail -1 )
docs=$(sqlite3 "$WORK/p.sqlite" "select count(*) from document where is_current = 1")
printf "file     %.0f MB generated TEI, %s documents imported\n" "$(echo "$SIZE / 1000000" | bc -l)" "$docs"
printf "dossier import     peak RSS %6.1f MB  %7.1f s  %5.1f MB/s\n" "$(echo "$peak / 1024" | bc -l)" "$secs" "$(echo "$SIZE / 1000000 / $secs" | bc -l)"
printf "xmllint --stream   peak RSS %6.1f MB  %7.1f s\n" "$(echo "$xpeak / 1024" | bc -l)" "$xsecs"
printf "peak RSS / file size  %.3f   (target: under 100 MB whatever the size)\n" "$(echo "$peak * 1024 / $SIZE" | bc -l)"
