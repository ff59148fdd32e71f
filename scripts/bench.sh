#!/usr/bin/env bash
# The measured figures of the skill Lambda, beside a Python peer, in one table (BENCHMARKS.md
# holds a copy and says how to read it). Builds release, starts moto (table and demo link) and the
# Withings sandbox on loopback with "now" pinned, runs both Lambdas under a loopback Runtime API
# stand-in (benches/lambda/), builds the arm64 bootstrap as `sam build` does and times the parsers.
#
#   scripts/bench.sh                  everything (the arm64 build takes minutes the first time)
#   BENCH_SIZE=0 scripts/bench.sh     without the arm64 build
#   BENCH_COLD=15 BENCH_WARM=1000 BENCH_MIXED=1000 BENCH_FLOOR=300   the iteration counts
#   BENCH_SKILL=path/to/skill         measure another build of the skill binary
#
# Not part of scripts/test.sh: timings depend on the machine and its load, so nothing asserts them.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
ensure_tools

NOW=2026-11-25T12:30:00Z # 07:30 in New York, the sandbox demo user's zone
COLD=${BENCH_COLD:-15} WARM=${BENCH_WARM:-1000} MIXED=${BENCH_MIXED:-1000} FLOOR=${BENCH_FLOOR:-300}

echo "==> cargo build --release (skill, runner)" >&2
cargo build --release --quiet --bin skill --bin withings-alexa
TARGET=$(target_dir)
BIN=$TARGET/release/withings-alexa
SKILL=${BENCH_SKILL:-$TARGET/release/skill}
OUT=$TARGET/bench
mkdir -p "$OUT"
: >"$OUT/lambda.log"

# The Python peer's own virtualenv, rebuilt when its pinned requirements change.
PEER_VENV=${XDG_CACHE_HOME:-$HOME/.cache}/withings-alexa/peer-venv
if ! cmp -s benches/peer/requirements.txt "$PEER_VENV/.requirements"; then
  echo "==> the Python peer's virtualenv ($PEER_VENV)" >&2
  [ -x "$PEER_VENV/bin/python" ] || python3 -m venv "$PEER_VENV"
  "$PEER_VENV/bin/pip" install --quiet --disable-pip-version-check -r benches/peer/requirements.txt
  cp benches/peer/requirements.txt "$PEER_VENV/.requirements"
fi

PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

MOTO_PORT=$(free_port)
moto_cmd "$MOTO_PORT"
"${MOTO_CMD[@]}" >"$OUT/moto.log" 2>&1 &
PIDS+=($!)
start_sandbox "$BIN" "$OUT/sandbox.log" --now "$NOW"
PIDS+=("$SANDBOX_PID")
MOTO=http://127.0.0.1:$MOTO_PORT
wait_http "$MOTO/moto-api/"
export AWS_ENDPOINT_URL_DYNAMODB=$MOTO AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=test \
  AWS_SECRET_ACCESS_KEY=test AWS_EC2_METADATA_DISABLED=true TABLE_NAME=links
"$BIN" create-table >/dev/null
"$BIN" seed-demo --now "$NOW" >/dev/null

echo "==> Lambda figures (cold $COLD, warm $WARM, mixed $MIXED, floor $FLOOR)" >&2
python3 benches/lambda/harness.py --events events --moto "$MOTO" --sandbox "$SANDBOX_URL" \
  --table links --now "$NOW" --cold "$COLD" --warm "$WARM" --mixed "$MIXED" --floor "$FLOOR" \
  --log "$OUT/lambda.log" --out "$OUT/lambda.json" \
  --subject "this skill" . "$SKILL" \
  --subject "Python peer" benches/peer "$PEER_VENV/bin/python -m awslambdaric skill.handler" >&2

SIZE_ARGS=()
if [ "${BENCH_SIZE:-1}" != 0 ]; then
  echo "==> cargo lambda build --release --arm64 --bin skill (as sam build builds it)" >&2
  cargo lambda build --release --arm64 --bin skill --quiet >&2
  BOOT=$TARGET/lambda/skill/bootstrap
  ZIP=$(python3 -c 'import io, sys, zipfile
b = io.BytesIO()
with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    z.write(sys.argv[1], "bootstrap")
print(len(b.getvalue()))' "$BOOT")
  SIZE_ARGS=(--size-zip "$ZIP" --size-raw "$(stat -c %s "$BOOT")" --size-arch arm64)
fi

echo "==> cargo bench --bench parse" >&2
PARSE_ARGS=()
while IFS= read -r line; do
  PARSE_ARGS+=(--parse "$line")
done < <(cargo bench --quiet --bench parse 2>/dev/null |
  awk '/^sleep getsummary, 300 series|^getmeas, 1000 groups  /{
         ns = ($(NF-1) == "-") ? $(NF-2) : $(NF-1)   # CPU ns per page, else wall
         sub(/ +[0-9.-]+ +[0-9.-]+ +[0-9.-]+ +[0-9.-]+ +[0-9.-]+ +[0-9.-]+$/, ""); print $0 "=" ns }')

echo >&2
echo "Machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), Linux $(uname -r); load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%dT%H:%MZ)"
echo
python3 benches/lambda/table.py "$OUT/lambda.json" "${SIZE_ARGS[@]}" "${PARSE_ARGS[@]}"
