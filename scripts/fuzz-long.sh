#!/usr/bin/env bash
# The long fuzz run, outside CI: the property tests of the test command with
# FUZZ_SCALE times as many cases (default 50: about 6.5 million), in release
# mode for speed. A failure is saved under tests/proptest-regressions/ and
# replayed first by every later run, CI's included: commit that file, then fix
# the bug and add a plain test for it beside the property.
#   scripts/fuzz-long.sh            # FUZZ_SCALE=50
#   FUZZ_SCALE=200 scripts/fuzz-long.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export FUZZ_SCALE=${FUZZ_SCALE:-50}
echo "fuzzing with FUZZ_SCALE=$FUZZ_SCALE"
# Debug assertions stay on, so arithmetic overflow still fails a case.
CARGO_PROFILE_RELEASE_DEBUG_ASSERTIONS=true CARGO_PROFILE_RELEASE_OVERFLOW_CHECKS=true \
  cargo test --release --test fuzz_envelopes --test fuzz_dates --test fuzz_bodies -- --test-threads 2
