#!/usr/bin/env bash
# The long fuzz run, outside CI: the property tests of the test command with
# FUZZ_SCALE times as many cases (default 20: about 2.6 million, a few minutes
# on two cores), in the test profile, so overflow checks stay on. A failure is
# saved under tests/proptest-regressions/ and replayed first by every later
# run, CI's included: commit that file, fix the bug, and add a plain test for
# it beside the property.
#   scripts/fuzz-long.sh
#   FUZZ_SCALE=200 scripts/fuzz-long.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export FUZZ_SCALE=${FUZZ_SCALE:-20}
echo "fuzzing with FUZZ_SCALE=$FUZZ_SCALE"
cargo test --test fuzz_envelopes --test fuzz_dates --test fuzz_bodies
