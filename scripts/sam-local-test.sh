#!/usr/bin/env bash
# End-to-end check of SAM CLI's local path, offline: `sam build`, then `sam local invoke` for every
# events/*.json, one call through `sam local start-lambda` with boto3, and the account-linking
# dance through `sam local start-api` serving LinkFunction (scripts/sam-local-link-dance.py), in
# Docker, against moto (DynamoDB, SSM) and the project's Withings sandbox, all on 127.0.0.1. Run by
# scripts/test.sh.
#
# No Docker engine: prints SKIPPED and exits 0, except with CI=true, where that is a failure.
#
# How it stays on loopback:
#  * The Lambda image is the local stand-in for provided.al2023 (scripts/sam-base-image.sh), used
#    with --skip-pull-image: nothing is pulled.
#  * SAM CLI 1.170 accepts `--docker-network host` but never sets host networking on the container
#    (samcli/local/docker/container.py only connects non-"host" networks; aws/aws-sam-cli#4236,
#    #3609): the function would run on Docker's bridge (172.17.x) and could not reach 127.0.0.1.
#    So SAM talks to Docker through a small proxy started here that, for the containers SAM creates,
#    sets NetworkMode=host, drops the port publishing and makes the Runtime Interface Emulator listen
#    on 127.0.0.1:<the port SAM calls> (and its Runtime API on another free 127.0.0.1 port); image
#    builds get networkmode=host too. `--docker-network host` is passed anyway.
#  * SAM itself asks STS for the account id on every invoke: STS is pointed at moto, and any other
#    HTTP(S) call from the sam process is sent to a dead loopback proxy.
#  * The function's endpoints (DynamoDB, Withings, Alexa Settings API) and the client secret come
#    from an --env-vars file. SAM only overrides variables that template.yaml declares, so the
#    script first checks that SkillFunction declares them, and invokes nothing if it does not
#    (the function would otherwise call real AWS SSM/DynamoDB and the real Alexa API).
#
# Environment: SAM_BUILD_MODE (debug|release; default debug, see below), SAM_LOCAL_TEMPLATE (a
# template other than ./template.yaml), SAM_LOCAL_KEEP=1 (keep the work dir), CI.
# Logs: <cargo target dir>/test-logs/sam-local/.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
ROOT=$PWD
source scripts/lib.sh
TARGET=$(target_dir)
LOGS=$TARGET/test-logs/sam-local
mkdir -p "$LOGS"
rm -f "$LOGS"/*.json "$LOGS"/*.log 2>/dev/null || true

# ---------------------------------------------------------------------------------------- results
NAMES=(); STATES=(); SECS=(); NOTES=()
PASSED=0; FAILED=0
record() { # name PASS|FAIL|SKIP seconds note
  NAMES+=("$1"); STATES+=("$2"); SECS+=("$3"); NOTES+=("$4")
  case "$2" in PASS) PASSED=$((PASSED + 1)) ;; FAIL) FAILED=$((FAILED + 1)) ;; esac
  printf '%-4s %-38s %6ss  %s\n' "$2" "$1" "$3" "$4"
}
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
summary() {
  echo
  echo "sam local checks (logs in $LOGS):"
  printf '  %-38s %-6s %7s  %s\n' CHECK RESULT TIME DETAIL
  local i
  for i in "${!NAMES[@]}"; do
    printf '  %-38s %-6s %6ss  %s\n' "${NAMES[$i]}" "${STATES[$i]}" "${SECS[$i]}" "${NOTES[$i]}"
  done
  echo "$PASSED passed, $FAILED failed"
}
finish() { summary; [ "$FAILED" -eq 0 ] && exit 0; exit 1; }

# --------------------------------------------------------------------------------- docker or skip
if ! docker info >/dev/null 2>&1; then
  if [ "${CI:-}" = true ]; then
    record "docker engine answers" FAIL 0 "CI=true and docker info failed: sam local checks need a Docker engine"
    finish
  fi
  echo "SKIPPED: sam local checks need a Docker engine (docker info failed)"
  exit 0
fi

case "$(uname -m)" in
  x86_64|amd64) ARCH=x86_64 ;;
  aarch64|arm64) ARCH=arm64 ;;
  *) record "host architecture" FAIL 0 "$(uname -m) is neither x86_64 nor arm64"; finish ;;
esac
TEMPLATE=${SAM_LOCAL_TEMPLATE:-$ROOT/template.yaml}
BUILD_DIR=$ROOT/.aws-sam/build-local
# Debug: a cold build is ~25% faster than release (thin LTO) and a rebuild after a code change ~7x;
# same code. SAM_BUILD_MODE=release tests the exact deployed profile.
export SAM_BUILD_MODE=${SAM_BUILD_MODE:-debug}
export SAM_CLI_TELEMETRY=0
SKILL_ID=amzn1.ask.skill.7c2a4b1e-5f3d-4e8a-9b6c-0d1e2f3a4b5c
VENDOR_ID=M1372REJTJ5N4Z
PARAMS=("Architecture=$ARCH" "AlexaSkillId=$SKILL_ID" WithingsClientId=sandbox-client "AlexaVendorId=$VENDOR_ID")

for tool in sam cargo moto_server curl flock readelf objdump; do
  if ! command -v "$tool" >/dev/null; then
    record "tools on PATH" FAIL 0 "$tool not found (scripts/test.sh puts a virtualenv with aws-sam-cli, cargo-lambda and moto[server] on PATH; readelf/objdump: apt-get install binutils)"
    finish
  fi
done
if ! cargo lambda --version >/dev/null 2>&1; then
  record "tools on PATH" FAIL 0 "cargo lambda not found (sam build's rust-cargolambda method needs it)"
  finish
fi
# The interpreter SAM runs on has boto3 and samcli's YAML parser.
SAM_PY=$(head -n1 "$(command -v sam)" | sed -n 's/^#! *//p' | awk '{print $1}')
if [ -z "$SAM_PY" ] || ! "$SAM_PY" -c 'import samcli, boto3' 2>/dev/null; then SAM_PY=python3; fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/sam-local-test.XXXXXX")
RUN_ID=$(basename "$WORK")
PIDS=()
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  # Containers SAM left behind (e.g. start-lambda stopped mid-invoke); the proxy labelled ours.
  docker ps -aq --filter "label=org.withings-alexa.sam-local-test=$RUN_ID" | xargs -r docker rm -f >/dev/null 2>&1 || true
  if [ "${SAM_LOCAL_KEEP:-}" = 1 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# One run at a time per work tree: runs share the build dir that SAM mounts into the containers.
mkdir -p "$ROOT/.aws-sam"
exec 9>"$ROOT/.aws-sam/sam-local-test.lock"
if ! flock -n 9; then
  echo "another sam-local-test.sh is running in this work tree; waiting for it (up to 30 min)"
  flock -w 1800 9 || { record "exclusive use of .aws-sam/build-local" FAIL 0 "another run held the lock for 30 min"; finish; }
fi

# ------------------------------------------------------------------------------ 1. the base image
t=$(now)
if scripts/sam-base-image.sh --arch "$ARCH" >"$LOGS/base-image.log" 2>&1; then
  if grep -q 'is up to date' "$LOGS/base-image.log"; then note="cached, $(grep -o 'stand-in hash [0-9a-f]*' "$LOGS/base-image.log" | tail -n1)"
  elif grep -q 'using it as is' "$LOGS/base-image.log"; then note="AWS's real image is present: used as is"
  else note="built: $(tail -n1 "$LOGS/base-image.log" | grep -o 'root fs .*')"; fi
  record "base image (stand-in provided.al2023)" PASS "$(since "$t")" "$note"
else
  record "base image (stand-in provided.al2023)" FAIL "$(since "$t")" "$(tail -n1 "$LOGS/base-image.log")"
  finish
fi

# ------------------------------------------------------------- 2. template declares the overrides
# The function reaches moto, the sandbox and the Alexa Settings API through the template's
# local-only parameters (LocalOnlyAwsEndpointUrl, LocalOnlySandboxUrl), which leave nothing behind
# in AWS; the client secret comes from SSM (on moto) as it does when deployed. --env-vars names the
# table and repeats the two endpoints SAM CLI cannot resolve from the template (see below).
MOTO_PORT=$(free_port)
SANDBOX_PORT=$(free_port)
MOTO_URL=http://127.0.0.1:$MOTO_PORT
SANDBOX_URL=http://127.0.0.1:$SANDBOX_PORT
TABLE_NAME=sam-local-$$
SECRET_PARAMETER=withings-alexa/sam-local-$$
ALEXA_SECRET_PARAMETER=withings-alexa/sam-local-alexa-$$
ALEXA_SECRET=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')
API_PORT=$(free_port)
API_URL=http://127.0.0.1:$API_PORT
PARAMS+=("LocalOnlySandboxUrl=$SANDBOX_URL" "LocalOnlyAwsEndpointUrl=$MOTO_URL"
  "WithingsClientSecretParameter=$SECRET_PARAMETER" "AlexaClientSecretParameter=$ALEXA_SECRET_PARAMETER"
  ContactEmail=dev@sandbox.test)
ENV_FILE=$WORK/env-vars.json
t=$(now)
if "$SAM_PY" - "$TEMPLATE" "$ENV_FILE" "$WORK/unset-names" >"$LOGS/template-check.log" 2>&1 <<PY
import json, sys
from samcli.yamlhelper import yaml_parse
template, env_file, unset_file = sys.argv[1:4]
doc = yaml_parse(open(template).read())
fn = (doc.get("Resources") or {}).get("SkillFunction")
if not fn:
    sys.exit("template has no SkillFunction resource")
params = doc.get("Parameters") or {}
allowed = (params.get("Architecture") or {}).get("AllowedValues", [])
if "arm64" not in allowed or "x86_64" not in allowed:
    sys.exit("template has no Architecture parameter allowing arm64 and x86_64")
needed = ["LocalOnlySandboxUrl", "LocalOnlyAwsEndpointUrl", "WithingsClientSecretParameter"]
missing = [p for p in needed if p not in params]
if missing:
    sys.exit("template lacks the parameters " + ", ".join(missing) + ": the function would call"
             " real AWS, Withings and Alexa endpoints. No invoke was run.")
declared = dict((((doc.get("Globals") or {}).get("Function") or {}).get("Environment") or {}).get("Variables") or {})
declared.update(((fn.get("Properties") or {}).get("Environment") or {}).get("Variables") or {})
for var in ["AWS_ENDPOINT_URL", "ALEXA_API_URL", "WITHINGS_API_URL", "TABLE_NAME"]:
    if var not in declared:
        sys.exit(f"SkillFunction does not declare {var}")
# SAM CLI 1.170 cannot resolve an !If with an AWS::NoValue branch (InvalidIntrinsicException),
# whatever the condition: such variables (AWS_ENDPOINT_URL, ALEXA_API_URL) would arrive empty, so
# they are given here too. WITHINGS_API_URL resolves from LocalOnlySandboxUrl.
values = {"TABLE_NAME": "$TABLE_NAME", "RUST_LOG": "info", "AWS_ENDPOINT_URL": "$MOTO_URL",
          "ALEXA_API_URL": "$SANDBOX_URL"}
# The bridge: its public URL is start-api's (the template's is the HTTP API's execute-api URL).
link = (doc.get("Resources") or {}).get("LinkFunction") or {}
link_declared = dict((((doc.get("Globals") or {}).get("Function") or {}).get("Environment") or {}).get("Variables") or {})
link_declared.update(((link.get("Properties") or {}).get("Environment") or {}).get("Variables") or {})
link_values = {"TABLE_NAME": "$TABLE_NAME", "RUST_LOG": "info", "AWS_ENDPOINT_URL": "$MOTO_URL",
               "PUBLIC_BASE_URL": "$API_URL", "WITHINGS_API_URL": "$SANDBOX_URL",
               "WITHINGS_AUTHORIZE_URL": "$SANDBOX_URL/oauth2_user/authorize2"}
missing = [k for k in link_values if k not in link_declared]
if missing:
    sys.exit("LinkFunction does not declare " + ", ".join(missing))
json.dump({"SkillFunction": values, "LinkFunction": link_values}, open(env_file, "w"), indent=2)
# Declared variables we do not set: SAM would take them from the sam process's environment.
unset = {k for k in declared if k not in values} | {k for k in link_declared if k not in link_values}
open(unset_file, "w").write("\n".join(sorted(unset)))
print("declared:", ", ".join(sorted(declared)))
print(f"{len(values)} variables set with --env-vars, endpoints through parameters")
PY
then
  record "template routes the function to local endpoints" PASS "$(since "$t")" "$(tail -n1 "$LOGS/template-check.log")"
else
  record "template routes the function to local endpoints" FAIL "$(since "$t")" "$(tail -n1 "$LOGS/template-check.log")"
  finish
fi
cp "$ENV_FILE" "$LOGS/env-vars.json"

# ----------------------------------------------------------------------------------- 3. sam build
t=$(now)
if sam build --template "$TEMPLATE" --build-dir "$BUILD_DIR" \
    --parameter-overrides "${PARAMS[@]}" >"$LOGS/sam-build.log" 2>&1; then
  record "sam build ($SAM_BUILD_MODE, $ARCH)" PASS "$(since "$t")" "$(du -h "$BUILD_DIR/SkillFunction/bootstrap" 2>/dev/null | cut -f1) bootstrap"
else
  record "sam build ($SAM_BUILD_MODE, $ARCH)" FAIL "$(since "$t")" "see sam-build.log: $(grep -m1 -iE 'error' "$LOGS/sam-build.log" | cut -c1-80)"
  finish
fi
BUILT_TEMPLATE=$BUILD_DIR/template.yaml

# The stand-in has Debian's glibc 2.36; AWS's provided.al2023 has 2.34. A bootstrap needing newer
# symbols would pass here and fail in AWS, so check that, and the ELF machine, separately.
t=$(now)
BOOT=$BUILD_DIR/SkillFunction/bootstrap
MACHINE=$(readelf -h "$BOOT" 2>/dev/null | sed -n 's/^ *Machine: *//p')
GLIBC_MAX=$(objdump -T "$BOOT" 2>/dev/null | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n1)
case "$ARCH:$MACHINE" in x86_64:*X86-64*|arm64:*AArch64*) arch_ok=1 ;; *) arch_ok=0 ;; esac
if [ "$arch_ok" = 1 ] && [ -n "$GLIBC_MAX" ] && [ "$(printf '%s\n2.34\n' "$GLIBC_MAX" | sort -V | tail -n1)" = 2.34 ]; then
  record "bootstrap fits AL2023 (glibc <= 2.34)" PASS "$(since "$t")" "$ARCH ELF, needs glibc $GLIBC_MAX"
else
  record "bootstrap fits AL2023 (glibc <= 2.34)" FAIL "$(since "$t")" "machine '$MACHINE' (want $ARCH), needs glibc '${GLIBC_MAX:-?}'"
fi

# --------------------------------------------------------------- 4. moto, sandbox, table, demo link
t=$(now)
moto_cmd "$MOTO_PORT"
"${MOTO_CMD[@]}" >"$LOGS/moto.log" 2>&1 &
PIDS+=("$!")
cargo build --quiet --bin withings-alexa >"$LOGS/runner-build.log" 2>&1 || { record "runner (cargo build)" FAIL "$(since "$t")" "see runner-build.log"; finish; }
RUNNER=$TARGET/debug/withings-alexa
"$RUNNER" sandbox --host 127.0.0.1 --port "$SANDBOX_PORT" >"$LOGS/sandbox.log" 2>&1 &
PIDS+=("$!")
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true
if wait_http "$MOTO_URL/moto-api/" && wait_http "$SANDBOX_URL/" &&
  AWS_ENDPOINT_URL_DYNAMODB=$MOTO_URL TABLE_NAME=$TABLE_NAME "$RUNNER" create-table >"$LOGS/table.log" 2>&1 &&
  AWS_ENDPOINT_URL_DYNAMODB=$MOTO_URL TABLE_NAME=$TABLE_NAME "$RUNNER" seed-demo >>"$LOGS/table.log" 2>&1 &&
  "$SAM_PY" - "$MOTO_URL" "/$SECRET_PARAMETER" "/$ALEXA_SECRET_PARAMETER" "$ALEXA_SECRET" >>"$LOGS/table.log" 2>&1 <<'PY'; then
import sys, boto3
ssm = boto3.client("ssm", endpoint_url=sys.argv[1], region_name="us-east-1",
                   aws_access_key_id="test", aws_secret_access_key="test")
ssm.put_parameter(Name=sys.argv[2], Value="sandbox-secret", Type="SecureString", Overwrite=True)
ssm.put_parameter(Name=sys.argv[3], Value=sys.argv[4], Type="SecureString", Overwrite=True)
print("client secrets stored as SecureStrings", sys.argv[2], sys.argv[3])
PY
  record "moto + sandbox + demo link" PASS "$(since "$t")" "moto $MOTO_URL, sandbox $(head -n1 "$LOGS/sandbox.log"), table $TABLE_NAME"
else
  record "moto + sandbox + demo link" FAIL "$(since "$t")" "see moto.log, sandbox.log, table.log"
  finish
fi

# ------------------------------------------------------------------ 5. the host-network Docker proxy
UPSTREAM=/var/run/docker.sock
case "${DOCKER_HOST:-}" in
  "") ;;
  unix://*) UPSTREAM=${DOCKER_HOST#unix://} ;;
  *) record "docker proxy" FAIL 0 "DOCKER_HOST=$DOCKER_HOST: only a local unix socket engine is supported"; finish ;;
esac
PROXY_SOCK=$WORK/docker.sock
python3 "$ROOT/scripts/docker-hostnet-proxy.py" "$PROXY_SOCK" "$UPSTREAM" "$LOGS/docker-proxy.log" "$RUN_ID" 2>"$LOGS/docker-proxy.err" &
PIDS+=("$!")
for _ in $(seq 50); do [ -S "$PROXY_SOCK" ] && break; sleep 0.1; done

# The environment every `sam local` command runs with: Docker through the proxy; STS (SAM asks it
# for the account id) and any other AWS call at moto; no real credentials or profiles; every other
# HTTP(S) request from the sam process to a closed loopback port; declared-but-unset variables
# removed so SAM uses the template's values rather than this shell's.
UNSETS=(-u AWS_SESSION_TOKEN -u AWS_PROFILE -u AWS_DEFAULT_PROFILE)
while read -r name; do [ -n "$name" ] && UNSETS+=(-u "$name"); done <"$WORK/unset-names"
# shellcheck disable=SC2054  # the commas are in NO_PROXY values
SAM_ENV=(env "${UNSETS[@]}" DOCKER_HOST="unix://$PROXY_SOCK"
  AWS_ENDPOINT_URL="$MOTO_URL" AWS_ENDPOINT_URL_STS="$MOTO_URL"
  AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1
  AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true
  HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 http_proxy=http://127.0.0.1:9
  https_proxy=http://127.0.0.1:9 NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost)
LOCAL_ARGS=(--template "$BUILT_TEMPLATE" --parameter-overrides "${PARAMS[@]}" --env-vars "$ENV_FILE"
  --skip-pull-image --docker-network host --container-host 127.0.0.1 --container-host-interface 127.0.0.1
  --region us-east-1)

# ------------------------------------------------------------------- 6. sam local invoke, per event
check_response() { # file event-name -> prints a note; exit 1 when the check fails
  "$SAM_PY" - "$1" "$2" <<'PY'
import json, re, sys
path, name = sys.argv[1:3]
raw = open(path).read().strip()
try:
    r = json.loads(raw)
except ValueError:
    sys.exit(f"not JSON: {raw[:100]!r}")
if not isinstance(r, dict) or r.get("version") != "1.0" or not isinstance(r.get("response"), dict):
    sys.exit(f"not an Alexa response envelope: {raw[:100]}")
resp = r["response"]
speech = (resp.get("outputSpeech") or {})
text = speech.get("ssml") or speech.get("text") or ""
card = (resp.get("card") or {}).get("type")
if name.startswith("sleep-last-night") and not re.search(r"[0-9]+ (hours?|Stunden?|heures?)", text):
    sys.exit(f"speech names no sleep duration: {text[:100]}")
if name == "sleep-not-linked" and card != "LinkAccount":
    sys.exit(f"card is {card!r}, not LinkAccount")
plain = re.sub(r"<[^>]+>", "", text)
print((f"[{card}] " if card else "") + (plain[:70] + ("..." if len(plain) > 70 else "") if plain else "(no speech)"))
PY
}

for required in sleep-last-night sleep-not-linked; do
  [ -f "$ROOT/events/$required.json" ] || record "events/$required.json present" FAIL 0 "the checks below need it"
done
shopt -s nullglob
INVOKES=0
for ev in "$ROOT"/events/*.json; do
  name=$(basename "$ev" .json)
  t=$(now)
  out=$LOGS/invoke-$name.json
  if "${SAM_ENV[@]}" timeout 300 sam local invoke SkillFunction -e "$ev" "${LOCAL_ARGS[@]}" \
      >"$out" 2>"$LOGS/invoke-$name.log" && note=$(check_response "$out" "$name" 2>&1); then
    record "invoke $name" PASS "$(since "$t")" "$note"
  else
    record "invoke $name" FAIL "$(since "$t")" "${note:-sam local invoke failed, see invoke-$name.log}"
  fi
  note=
  INVOKES=$((INVOKES + 1))
done
[ "$INVOKES" -gt 0 ] || record "events/*.json present" FAIL 0 "no sample events found"

# ------------------------------------------------------------ 7. sam local start-lambda + boto3
t=$(now)
LAMBDA_PORT=$(free_port)
"${SAM_ENV[@]}" sam local start-lambda --host 127.0.0.1 --port "$LAMBDA_PORT" "${LOCAL_ARGS[@]}" \
  >"$LOGS/start-lambda.log" 2>&1 &
PIDS+=("$!")
if wait_http "http://127.0.0.1:$LAMBDA_PORT/" 300 &&
  note=$(NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost "$SAM_PY" - "$LAMBDA_PORT" "$ROOT/events/sleep-last-night.json" "$LOGS/start-lambda-sleep-last-night.json" 2>&1 <<'PY'
import json, sys
import boto3, botocore.config
port, event, out = sys.argv[1:4]
client = boto3.client(
    "lambda", endpoint_url=f"http://127.0.0.1:{port}", region_name="us-east-1",
    aws_access_key_id="x", aws_secret_access_key="x",
    config=botocore.config.Config(retries={"max_attempts": 0}, read_timeout=120),
)
res = client.invoke(FunctionName="SkillFunction", Payload=open(event, "rb").read())
payload = res["Payload"].read()
open(out, "wb").write(payload)
if res.get("FunctionError"):
    sys.exit(f"FunctionError {res['FunctionError']}: {payload[:100]!r}")
print(f"HTTP {res['StatusCode']}")
PY
  ) && note="$note, $(check_response "$LOGS/start-lambda-sleep-last-night.json" sleep-last-night 2>&1)"; then
  record "start-lambda + boto3 sleep-last-night" PASS "$(since "$t")" "$note"
else
  record "start-lambda + boto3 sleep-last-night" FAIL "$(since "$t")" "${note:-start-lambda did not answer, see start-lambda.log}"
fi

# ------------------------------------------- 8. sam local start-api: the linking dance via LinkFunction
t=$(now)
"${SAM_ENV[@]}" sam local start-api --host 127.0.0.1 --port "$API_PORT" "${LOCAL_ARGS[@]}" \
  >"$LOGS/start-api.log" 2>&1 &
PIDS+=("$!")
if wait_http "$API_URL/" 300 &&
  note=$(NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost python3 "$ROOT/scripts/sam-local-link-dance.py" \
    "$API_URL" "$SANDBOX_URL" "$ALEXA_SECRET" "$VENDOR_ID" "$WORK/linked.json" 2>&1); then
  record "start-api: linking dance (LinkFunction)" PASS "$(since "$t")" "$note"
else
  record "start-api: linking dance (LinkFunction)" FAIL "$(since "$t")" "${note:-start-api did not answer, see start-api.log}"
fi

# The skill, asked with the access token the dance ended with (through start-lambda, still up).
t=$(now)
note=
if [ -s "$WORK/linked.json" ] &&
  note=$(NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost "$SAM_PY" - "$LAMBDA_PORT" "$ROOT/events/sleep-last-night.json" "$WORK/linked.json" "$LOGS/start-lambda-newly-linked.json" 2>&1 <<'PY'
import json, sys
import boto3, botocore.config
port, event, linked, out = sys.argv[1:5]
ev = json.load(open(event))
token = json.load(open(linked))["access_token"]
ev["context"]["System"]["user"]["accessToken"] = token
ev["session"]["user"]["accessToken"] = token
client = boto3.client(
    "lambda", endpoint_url=f"http://127.0.0.1:{port}", region_name="us-east-1",
    aws_access_key_id="x", aws_secret_access_key="x",
    config=botocore.config.Config(retries={"max_attempts": 0}, read_timeout=120),
)
res = client.invoke(FunctionName="SkillFunction", Payload=json.dumps(ev).encode())
open(out, "wb").write(res["Payload"].read())
print(f"HTTP {res['StatusCode']}")
PY
  ) && note="$note, $(check_response "$LOGS/start-lambda-newly-linked.json" sleep-last-night 2>&1)"; then
  record "skill answers the newly linked user" PASS "$(since "$t")" "$note"
else
  record "skill answers the newly linked user" FAIL "$(since "$t")" "${note:-no access token from the linking dance}"
fi

# The containers SAM made went through the proxy onto the host network (a SAM that bypassed the
# proxy, or changed how it starts the RIE, shows up here).
CREATED=$(grep -c '^create .*NetworkMode=host, RIE 127' "$LOGS/docker-proxy.log" 2>/dev/null || true)
OTHER=$(grep -c '^create .*no RIE' "$LOGS/docker-proxy.log" 2>/dev/null || true)
if [ "${CREATED:-0}" -ge 1 ] && [ "${OTHER:-0}" -eq 0 ]; then
  record "Lambda containers on host network" PASS 0 "$CREATED containers via the proxy, RIE on 127.0.0.1"
else
  record "Lambda containers on host network" FAIL 0 "proxy log: $CREATED rewritten, $OTHER without the RIE rewrite"
fi
finish
