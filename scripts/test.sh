#!/usr/bin/env bash
# The one test command (npm test): see scripts/test.ts.
set -euo pipefail
cd "$(dirname "$0")/.."
exec node --import tsx scripts/test.ts "$@"
