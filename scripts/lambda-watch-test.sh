#!/usr/bin/env bash
# Run the Lambda binary under cargo-lambda's Runtime API emulator and invoke it with
# a sample event, against the sandbox and the DynamoDB endpoint in the environment.
# The sandbox, the demo link and the Lambda (SKILL_CLOCK_START) share one pinned "now",
# so the answer is known to the minute.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
: "${AWS_ENDPOINT_URL_DYNAMODB:?start moto first (scripts/test.sh does)}"
NOW=2026-11-25T13:00:00Z # 08:00 in New York, the demo user's zone
TARGET=$(target_dir)
LOGS=$TARGET/test-logs
mkdir -p "$LOGS"

cargo build --quiet --bin withings-alexa --bin skill
BIN=$TARGET/debug/withings-alexa
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

start_sandbox "$BIN" "$LOGS/watch-sandbox.log" --now "$NOW"
PIDS+=("$SANDBOX_PID")
export TABLE_NAME="watch-$$"
"$BIN" create-table
"$BIN" seed-demo --now "$NOW"

PORT=$(free_port)
cargo lambda watch --invoke-address 127.0.0.1 --invoke-port "$PORT" --ignore-changes \
  --env-var "SKILL_ID=amzn1.ask.skill.7c2a4b1e-5f3d-4e8a-9b6c-0d1e2f3a4b5c" \
  --env-var "TABLE_NAME=$TABLE_NAME" \
  --env-var "WITHINGS_CLIENT_ID=sandbox-client" \
  --env-var "WITHINGS_CLIENT_SECRET=sandbox-secret" \
  --env-var "WITHINGS_API_URL=$SANDBOX_URL" \
  --env-var "ALEXA_API_URL=$SANDBOX_URL" \
  --env-var "AWS_ENDPOINT_URL_DYNAMODB=$AWS_ENDPOINT_URL_DYNAMODB" \
  --env-var "SKILL_CLOCK_START=$NOW" \
  >"$LOGS/cargo-lambda-watch.log" 2>&1 &
PIDS+=("$!")
wait_http "http://127.0.0.1:$PORT/"

OUT="$LOGS/watch-sleep-last-night.json"
cargo lambda invoke skill --invoke-address 127.0.0.1 --invoke-port "$PORT" \
  --data-file events/sleep-last-night.json >"$OUT"
cat "$OUT"; echo
python3 - "$OUT" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
ssml = r["response"]["outputSpeech"]["ssml"]
assert r["version"] == "1.0", r
pinned = "<speak>Last night you slept 7 hours 48 minutes, with 1 hour 52 minutes of deep sleep.</speak>"
assert ssml == pinned, ssml
print("OK: the Lambda answered under cargo lambda watch, on the pinned clock:", ssml)
PY

# Logs piped to a file (as CloudWatch gets them) carry the skill's own lines and no colour codes.
grep -q 'routing' "$LOGS/cargo-lambda-watch.log" || { echo "FAIL: the skill logged nothing"; exit 1; }
if grep -q $'\e\[' "$LOGS/cargo-lambda-watch.log"; then
  echo "FAIL: colour codes in the Lambda's logs:"; grep -m3 $'\e\[' "$LOGS/cargo-lambda-watch.log" | cat -v
  exit 1
fi
echo "OK: the Lambda's logs are plain text"
