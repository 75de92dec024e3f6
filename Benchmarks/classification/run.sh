#!/usr/bin/env bash
# Classification coverage over the whole FRUS series (95 volumes) plus every FRUS file in the corpus:
# the share of documents whose source note has a classification word but no parsed classification
# (expected: 0). `swift test` reads all 95 too (decompressing one volume at a time); this script
# unpacks them once into a folder (or takes one) and runs only that test, for repeated runs.
# Usage: Benchmarks/classification/run.sh [SERIES_DIR]
#   SERIES_DIR: a folder holding the unpacked *.xml volumes; without it the series is unpacked into a
#   temporary folder with ../shared/corpus/frus/series/unpack (needs xz).
# Set DOSSIER_CLASSIFICATION_DUMP=FILE to write every parsed source note (TSV) for review.
set -euo pipefail
cd "$(dirname "$0")/../.."
CORPUS=${DOSSIER_CORPUS:-$(cd .. && pwd)/shared/corpus}
[ -d "$CORPUS/frus" ] || CORPUS=$(cd ../.. && pwd)/shared/corpus
[ -d "$CORPUS/frus" ] || { echo "classification: no shared corpus found (set DOSSIER_CORPUS)"; exit 1; }
SERIES=${1:-}
if [ -z "$SERIES" ]; then
    SERIES=$(mktemp -d)
    trap 'rm -rf "$SERIES"' EXIT
    "$CORPUS/frus/series/unpack" "$SERIES"
fi
DOSSIER_CORPUS="$CORPUS" DOSSIER_FRUS_SERIES="$SERIES" \
    swift test --filter ClassificationCoverage 2>&1 | grep -E "classification coverage|✔|✘|↳ [0-9]+ of"
