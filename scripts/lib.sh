# Shared helpers for the test and developer scripts (sourced, not run).

# The Python-packaged tools: moto (DynamoDB, SSM, CloudFormation... on loopback), cargo-lambda with
# Zig, the SAM CLI (with samtranslator) and cfn-lint, in one cached virtualenv that scripts/test.sh
# and scripts/dev.sh share. Change this line to change a tool's version.
TOOLS_REQUIREMENTS='moto[server]==5.* cargo-lambda==1.9.* ziglang==0.17.* aws-sam-cli==1.* cfn-lint==1.*'

# Create or update that virtualenv when TOOLS_REQUIREMENTS changed, and put it first on PATH.
# Sets VENV. WITHINGS_ALEXA_VENV overrides its place (default ~/.cache/withings-alexa/venv).
ensure_tools() {
  VENV=${WITHINGS_ALEXA_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/withings-alexa/venv}
  local stamp="$VENV/.requirements"
  if [ ! -x "$VENV/bin/python" ]; then python3 -m venv "$VENV"; fi
  if [ "$(cat "$stamp" 2>/dev/null)" != "$TOOLS_REQUIREMENTS" ]; then
    # shellcheck disable=SC2086
    "$VENV/bin/pip" install --quiet --disable-pip-version-check $TOOLS_REQUIREMENTS
    echo "$TOOLS_REQUIREMENTS" >"$stamp"
  fi
  export PATH="$VENV/bin:$PATH"
  export SAM_CLI_TELEMETRY=0
}

# A free TCP port on loopback.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# Where cargo puts what it builds: honours CARGO_TARGET_DIR and .cargo/config.toml.
target_dir() {
  cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])'
}

# Wait until something answers HTTP on a URL (any status), or fail after ~30 s.
wait_http() {
  local url=$1 tries=${2:-150}
  for _ in $(seq "$tries"); do
    if curl -s -o /dev/null --noproxy '*' --max-time 1 "$url"; then return 0; fi
    sleep 0.2
  done
  echo "nothing answered at $url" >&2
  return 1
}

# Start the runner's Withings sandbox on a free port; sets SANDBOX_URL and SANDBOX_PID.
# Further arguments go to `withings-alexa sandbox` (e.g. --now 2026-11-25T13:00:00Z).
start_sandbox() {
  local bin=$1 log=$2 port
  shift 2
  port=$(free_port)
  "$bin" sandbox --port "$port" "$@" >"$log" 2>&1 &
  SANDBOX_PID=$!
  SANDBOX_URL="http://127.0.0.1:$port"
  wait_http "$SANDBOX_URL/v2/sleep"
}

# Sets MOTO_CMD to the command that runs moto on loopback, one request at a time
# (scripts/moto-server.py says why), with the Python that has moto (moto_server's own).
moto_cmd() { # port
  local py
  py=$(head -n1 "$(command -v moto_server)" | sed -n 's/^#! *//p' | awk '{print $1}')
  MOTO_CMD=("${py:-python3}" "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/moto-server.py" -H 127.0.0.1 -p "$1")
}
