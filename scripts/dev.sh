#!/usr/bin/env bash
# The local loop: the Withings sandbox, moto and `cargo lambda watch`, started and stopped together.
#
#   scripts/dev.sh up        start all three (tools installed on first use), create the table and demo link
#   scripts/dev.sh status    what runs, where, with which PID
#   scripts/dev.sh invoke events/sleep-last-night.json     ask the skill under cargo lambda watch
#   scripts/dev.sh down      stop what `up` started (by the PIDs it recorded, nothing else)
#   eval "$(scripts/dev.sh env)"   put the tools (moto, cargo lambda, sam, cfn-lint) on PATH in this
#                            shell, plus the AWS variables that reach moto while the loop is up
#
# Ports: DEV_SANDBOX_PORT (8080), DEV_MOTO_PORT (5000), DEV_WATCH_PORT (9000). Logs and state in
# <cargo target dir>/dev/. The tools live in the virtualenv scripts/test.sh uses (scripts/lib.sh).
# A fixed "now" for demos: DEV_NOW=2026-11-25T13:00:00Z scripts/dev.sh up starts the sandbox's clock
# (sandbox --now), the demo link (seed-demo --now) and the skill Lambda's (SKILL_CLOCK_START) there.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

SANDBOX_PORT=${DEV_SANDBOX_PORT:-8080}
MOTO_PORT=${DEV_MOTO_PORT:-5000}
WATCH_PORT=${DEV_WATCH_PORT:-9000}
NOW=${DEV_NOW:-}
SKILL_ID=amzn1.ask.skill.7c2a4b1e-5f3d-4e8a-9b6c-0d1e2f3a4b5c
TABLE=links

dev_dir() { echo "$(target_dir)/dev"; }
state_file() { echo "$(dev_dir)/state"; }

# state: one line per service: name pid url log
alive() { kill -0 "$1" 2>/dev/null; }
port_free() {
  python3 -c 'import socket,sys; s=socket.socket(); s.bind(("127.0.0.1",int(sys.argv[1])))' "$1" 2>/dev/null
}

# Start a command in a process group of its own (so `down` can stop its children too) and record it.
launch() { # name url log command...
  local name=$1 url=$2 log=$3
  shift 3
  setsid "$@" >"$log" 2>&1 </dev/null &
  echo "$name $! $url $log" >>"$(state_file)"
}

stop_group() { # pid
  local pid=$1
  alive "$pid" || return 0
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 50); do alive "$pid" || return 0; sleep 0.1; done
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
}

aws_env() { # the variables that point the AWS SDK (Rust and Python) at the loop's moto
  echo "export AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:$MOTO_PORT AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1"
  echo "export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_EC2_METADATA_DISABLED=true TABLE_NAME=$TABLE"
}

cmd_up() {
  if [ -s "$(state_file)" ]; then
    local running=0 name pid rest
    while read -r name pid rest; do alive "$pid" && running=1; done <"$(state_file)"
    if [ "$running" = 1 ]; then
      echo "already up (scripts/dev.sh status; scripts/dev.sh down first to restart)"
      return 0
    fi
    rm -f "$(state_file)"
  fi
  for p in "$SANDBOX_PORT" "$MOTO_PORT" "$WATCH_PORT"; do
    port_free "$p" || { echo "port $p is taken: set DEV_SANDBOX_PORT, DEV_MOTO_PORT or DEV_WATCH_PORT" >&2; exit 1; }
  done
  echo "==> tools (cached virtualenv)"
  ensure_tools
  echo "==> building the runner and the Lambda binaries"
  cargo build --quiet --bin withings-alexa --bin skill --bin link
  local bin dir
  bin=$(target_dir)/debug/withings-alexa
  dir=$(dev_dir)
  mkdir -p "$dir"
  : >"$(state_file)"
  # If anything below fails, stop what already started.
  trap 'echo "start failed; stopping what started" >&2; cmd_down >/dev/null' ERR

  local sandbox=http://127.0.0.1:$SANDBOX_PORT moto=http://127.0.0.1:$MOTO_PORT
  # With DEV_NOW, one pinned start for the sandbox, the demo link and the skill Lambda.
  local now_args=() clock_env=()
  if [ -n "$NOW" ]; then
    now_args=(--now "$NOW")
    clock_env=(--env-var "SKILL_CLOCK_START=$NOW")
  fi
  echo "==> Withings sandbox on $sandbox${NOW:+, its clock starting at $NOW}"
  launch sandbox "$sandbox" "$dir/sandbox.log" "$bin" sandbox --port "$SANDBOX_PORT" "${now_args[@]}"
  echo "==> moto on $moto"
  moto_cmd "$MOTO_PORT"
  launch moto "$moto" "$dir/moto.log" "${MOTO_CMD[@]}"
  wait_http "$sandbox/v2/sleep"
  wait_http "$moto/moto-api/"
  eval "$(aws_env)"
  "$bin" create-table
  "$bin" seed-demo "${now_args[@]}"

  echo "==> cargo lambda watch on http://127.0.0.1:$WATCH_PORT (skill, and the link bridge's function URL)"
  launch watch "http://127.0.0.1:$WATCH_PORT" "$dir/cargo-lambda-watch.log" \
    cargo lambda watch --invoke-address 127.0.0.1 --invoke-port "$WATCH_PORT" \
    --env-var "SKILL_ID=$SKILL_ID" --env-var "TABLE_NAME=$TABLE" \
    --env-var WITHINGS_CLIENT_ID=sandbox-client --env-var WITHINGS_CLIENT_SECRET=sandbox-secret \
    --env-var "WITHINGS_API_URL=$sandbox" --env-var "ALEXA_API_URL=$sandbox" \
    --env-var "WITHINGS_AUTHORIZE_URL=$sandbox/oauth2_user/authorize2" \
    --env-var ALEXA_CLIENT_ID=alexa-skill --env-var ALEXA_CLIENT_SECRET=local-alexa-secret \
    --env-var "PUBLIC_BASE_URL=http://127.0.0.1:$WATCH_PORT/lambda-url/link" \
    --env-var ALEXA_VENDOR_ID=M1372REJTJ5N4Z --env-var PRIVACY_CONTACT=privacy@localhost.test \
    --env-var "AWS_ENDPOINT_URL_DYNAMODB=$moto" --env-var AWS_REGION=us-east-1 \
    --env-var AWS_ACCESS_KEY_ID=test --env-var AWS_SECRET_ACCESS_KEY=test "${clock_env[@]}"
  wait_http "http://127.0.0.1:$WATCH_PORT/"
  trap - ERR
  echo
  cmd_status
  cat <<EOF

Ask the skill:      scripts/dev.sh invoke events/sleep-last-night.json
The runner on moto: eval "\$(scripts/dev.sh env)"; cargo run -- invoke events/weight.json
  (add --withings-url $sandbox to use this sandbox, and follow its clock)
The link bridge:    http://127.0.0.1:$WATCH_PORT/lambda-url/link/authorize?... (client alexa-skill, secret local-alexa-secret)
Stop:               scripts/dev.sh down
EOF
}

cmd_status() {
  if [ ! -s "$(state_file)" ]; then
    echo "down"
    return 0
  fi
  local name pid url log
  printf '%-8s %-8s %-7s %-40s %s\n' SERVICE PID STATE URL LOG
  while read -r name pid url log; do
    printf '%-8s %-8s %-7s %-40s %s\n' "$name" "$pid" "$(alive "$pid" && echo up || echo gone)" "$url" "$log"
  done <"$(state_file)"
}

cmd_down() {
  if [ ! -s "$(state_file)" ]; then
    echo "nothing to stop"
    return 0
  fi
  local name pid rest
  # Reverse order: the watcher first, then moto and the sandbox.
  tac "$(state_file)" | while read -r name pid rest; do
    stop_group "$pid"
    echo "stopped $name ($pid)"
  done
  rm -f "$(state_file)"
}

cmd_invoke() {
  local event=${1:?usage: scripts/dev.sh invoke events/<name>.json}
  ensure_tools
  cargo lambda invoke skill --invoke-address 127.0.0.1 --invoke-port "$WATCH_PORT" --data-file "$event"
  echo
}

cmd_env() {
  ensure_tools >&2
  echo "export PATH=\"$VENV/bin:\$PATH\" SAM_CLI_TELEMETRY=0"
  if [ -s "$(state_file)" ]; then aws_env; fi
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  invoke) shift; cmd_invoke "$@" ;;
  env) cmd_env ;;
  *) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
