#!/usr/bin/env bash
# Run the Lambda binary under cargo-lambda's Runtime API emulator and invoke it with
# a sample event, against the sandbox and the DynamoDB endpoint in the environment.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
: "${AWS_ENDPOINT_URL_DYNAMODB:?start moto first (scripts/test.sh does)}"
TARGET=$(target_dir)
LOGS=$TARGET/test-logs
mkdir -p "$LOGS"

cargo build --quiet --bin withings-alexa --bin skill
BIN=$TARGET/debug/withings-alexa
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

start_sandbox "$BIN" "$LOGS/watch-sandbox.log"
PIDS+=("$SANDBOX_PID")
export TABLE_NAME="watch-$$"
"$BIN" create-table
"$BIN" seed-demo

PORT=$(free_port)
cargo lambda watch --invoke-address 127.0.0.1 --invoke-port "$PORT" --ignore-changes \
  --env-var "SKILL_ID=amzn1.ask.skill.7c2a4b1e-5f3d-4e8a-9b6c-0d1e2f3a4b5c" \
  --env-var "TABLE_NAME=$TABLE_NAME" \
  --env-var "WITHINGS_CLIENT_ID=sandbox-client" \
  --env-var "WITHINGS_CLIENT_SECRET=sandbox-secret" \
  --env-var "WITHINGS_API_URL=$SANDBOX_URL" \
  --env-var "ALEXA_API_URL=$SANDBOX_URL" \
  --env-var "AWS_ENDPOINT_URL_DYNAMODB=$AWS_ENDPOINT_URL_DYNAMODB" \
  >"$LOGS/cargo-lambda-watch.log" 2>&1 &
PIDS+=("$!")
wait_http "http://127.0.0.1:$PORT/"

OUT="$LOGS/watch-sleep-last-night.json"
cargo lambda invoke skill --invoke-address 127.0.0.1 --invoke-port "$PORT" \
  --data-file events/sleep-last-night.json >"$OUT"
cat "$OUT"; echo
python3 - "$OUT" <<'PY'
import json, re, sys
r = json.load(open(sys.argv[1]))
ssml = r["response"]["outputSpeech"]["ssml"]
assert r["version"] == "1.0", r
assert re.search(r"slept \d+ hours?", ssml), ssml
print("OK: the Lambda answered under cargo lambda watch:", ssml)
PY
