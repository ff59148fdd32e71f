#!/usr/bin/env bash
# The one command that runs every test (the README's test command; .ci/run calls it).
#
# It installs what it needs into a cached virtualenv (moto, cargo-lambda, SAM CLI),
# starts moto on a free loopback port for the DynamoDB tests, and runs:
#   1. cargo fmt --check and clippy -D warnings
#   2. cargo test (unit, integration against the sandbox and moto, golden speech, OAuth 1.0 vectors)
#   3. sam validate --lint and cfn-lint on template.yaml; the deploy rehearsal (template.yaml through
#      SAM's translator into moto's CloudFormation) and the skill-package generator's tests
#   4. the Lambda binary under `cargo lambda watch` answering a sample event
#   5. `sam build` + `sam local invoke` / `start-lambda` in Docker (scripts/sam-local-test.sh)
# Set SKIP_SAM_LOCAL=1 to leave out step 5 on a laptop without Docker (never in CI).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
source scripts/lib.sh

step() { printf '\n==> %s\n' "$*"; }
PASSED=0
FAILED=0
check() { # name, command...
  local name=$1; shift
  if "$@"; then PASSED=$((PASSED + 1)); echo "PASS $name"; else FAILED=$((FAILED + 1)); echo "FAIL $name"; fi
}

step "tools (cached virtualenv)"
ensure_tools
echo "moto $("$VENV/bin/python" -c 'import moto; print(moto.__version__)'), $(cargo lambda --version), $(sam --version)"

step "moto (DynamoDB-compatible) on loopback"
LOGS=$(target_dir)/test-logs
mkdir -p "$LOGS"
MOTO_PORT=$(free_port)
moto_cmd "$MOTO_PORT"
"${MOTO_CMD[@]}" >"$LOGS/moto.log" 2>&1 &
MOTO_PID=$!
PIDS=("$MOTO_PID")
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
wait_http "http://127.0.0.1:$MOTO_PORT/moto-api/"
export AWS_ENDPOINT_URL_DYNAMODB="http://127.0.0.1:$MOTO_PORT"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true
echo "moto at $AWS_ENDPOINT_URL_DYNAMODB"

step "format and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --quiet -- -D warnings
# The client alone, without its OAuth 1.0 feature, builds clean too.
cargo clippy -p withings --all-targets --quiet -- -D warnings

step "cargo test"
# --no-fail-fast: one failing test binary must not hide the results of the others.
if cargo test --workspace --quiet --no-fail-fast 2>&1 | tee "$LOGS/cargo-test.log"; then
  CARGO_OK=true
else
  CARGO_OK=false
  echo "FAIL cargo test (the other checks still run; see the failures above)"
fi

step "template.yaml"
check "sam validate --lint" sam validate --lint --region us-east-1 --template template.yaml
check "cfn-lint" cfn-lint template.yaml
check "deploy rehearsal (SAM translator -> moto CloudFormation)" "$VENV/bin/python" scripts/deploy-rehearsal.py
check "skill package from faked stack outputs" python3 scripts/skill-package-test.py

step "Lambda binary under cargo lambda watch"
check "cargo lambda watch answers sleep-last-night" scripts/lambda-watch-test.sh

step "sam build + sam local invoke in Docker"
if [ "${SKIP_SAM_LOCAL:-}" = 1 ] && [ "${CI:-}" != true ]; then
  echo "SKIPPED: SKIP_SAM_LOCAL=1"
else
  check "sam local invoke / start-lambda" scripts/sam-local-test.sh
fi

# One closing line for the whole run: cargo's tests plus the script-level checks.
read -r CARGO_PASSED CARGO_FAILED < <(awk '/^test result:/ {p += $4; f += $6} END {print p + 0, f + 0}' "$LOGS/cargo-test.log")
echo
echo "cargo test: $CARGO_PASSED passed, $CARGO_FAILED failed$([ "$CARGO_OK" = true ] || echo " (cargo test failed)"); script checks (template, deploy rehearsal, skill package, cargo lambda watch, sam local): $PASSED passed, $FAILED failed"
echo "total: $((CARGO_PASSED + PASSED)) passed, $((CARGO_FAILED + FAILED)) failed"
[ "$FAILED" -eq 0 ] && [ "$CARGO_OK" = true ]
