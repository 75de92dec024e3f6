#!/usr/bin/env bash
# Agreement speed benchmark: dossier vs Python krippendorff and irrCAC, end to end on the same CSV.
#   Benchmarks/agreement/run.sh [path/to/dossier]
# Without a path, builds the release binary with the default .build folder.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BIN="${1:-}"
if [ -z "$BIN" ]; then
  (cd "$ROOT" && swift build -c release --product dossier)
  BIN="$ROOT/.build/release/dossier"
fi
DATA="${DATA_DIR:-${TMPDIR:-/tmp}/dossier-agreement-bench}"
mkdir -p "$DATA"
[ -f "$DATA/2x100k.csv" ] || python3 "$HERE/generate.py" --units 100000 --coders 2 --seed 1 --out "$DATA/2x100k.csv"
[ -f "$DATA/5x1M.csv" ] || python3 "$HERE/generate.py" --units 1000000 --coders 5 --seed 2 --out "$DATA/5x1M.csv"
for f in 2x100k 5x1M; do
  echo "== $f: $(du -h "$DATA/$f.csv" | cut -f1), 4 categories, ~10% missing"
  python3 "$HERE/bench.py" "$BIN" "$DATA/$f.csv" 3
done

# The bootstrap over units: 2,000 replicates on 2 coders x 100k units, against numpy (same method), median of 5.
echo "== bootstrap: 2x100k, 2000 replicates"
python3 "$HERE/bootstrap_bench.py" "$BIN" "$DATA/2x100k.csv" 2000 5
