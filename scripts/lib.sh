# Shared helpers for the test scripts (sourced, not run).

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
start_sandbox() {
  local bin=$1 log=$2 port
  port=$(free_port)
  "$bin" sandbox --port "$port" >"$log" 2>&1 &
  SANDBOX_PID=$!
  SANDBOX_URL="http://127.0.0.1:$port"
  wait_http "$SANDBOX_URL/v2/sleep"
}
