#!/usr/bin/env bash
# Build a LOCAL STAND-IN for AWS's Lambda base image `public.ecr.aws/lambda/provided:al2023`,
# so that `sam local invoke` / `sam local start-lambda` can run with `--skip-pull-image` on a
# machine that cannot reach a container registry.
#
# This is for offline testing only. On a normal machine do not run this: SAM pulls AWS's real
# image (Amazon Linux 2023) by itself.
#
# What SAM CLI (1.170, samcli/local/docker/lambda_image.py) looks for, for Runtime provided.al2023:
#   base image  public.ecr.aws/lambda/provided:al2023-<arch>        (<arch> = x86_64 | arm64)
#   rapid image public.ecr.aws/lambda/provided:al2023-rapid-<arch>  (SAM builds it when missing:
#               FROM <base>; ADD aws-lambda-rie-<arch> /var/rapid/; RUN mv ... /var/rapid/aws-lambda-rie)
# and it starts the container with entrypoint `/var/rapid/aws-lambda-rie --log-level error`,
# working dir /var/task with the function's build dir mounted there read-only; the RIE then runs
# /var/task/bootstrap. The RIE itself ships inside the aws-sam-cli package (samcli/local/rapid/).
#
# The stand-in is a Debian `debootstrap --variant=minbase` root filesystem (glibc, libgcc,
# ca-certificates, /bin/sh + coreutils for SAM's `RUN mv`), imported with `docker import` and given
# the ENV / WORKDIR / ENTRYPOINT of AWS's Dockerfile.provided.al2023. Debian 12 has glibc 2.36,
# AL2023 has 2.34: scripts/sam-local-test.sh checks the bootstrap separately against 2.34.
#
# Usage: scripts/sam-base-image.sh [--arch x86_64|arm64|host] [--force]
#   --arch   which image to build (default: the host's architecture). A foreign architecture
#            needs binfmt_misc emulation (qemu-user-static), because debootstrap and SAM's own
#            rapid-image build both execute programs inside the image; without it this refuses.
#   --force  rebuild even if an up-to-date image exists (the cached root fs tarball is reused;
#            delete ${XDG_CACHE_HOME:-$HOME/.cache}/withings-alexa/ to redo debootstrap too).
# Environment: DEBIAN_MIRROR (default http://deb.debian.org/debian), DEBIAN_SUITE (default bookworm).
#
# Caching: the image carries the label org.withings-alexa.sam-standin.hash = sha256 of this script,
# the RIE binary and the architecture; an image with the same hash is left alone. The slimmed
# debootstrap root fs is cached as a tarball under ${XDG_CACHE_HOME:-$HOME/.cache}/withings-alexa/.
# An image with the same name but WITHOUT that label (i.e. AWS's real image) is never replaced.
set -euo pipefail

log() { printf 'sam-base-image: %s\n' "$*" >&2; }
die() { printf 'sam-base-image: ERROR: %s\n' "$*" >&2; exit 1; }

REPO=public.ecr.aws/lambda/provided
LABEL_KEY=org.withings-alexa.sam-standin
HASH_LABEL=$LABEL_KEY.hash
SUITE=${DEBIAN_SUITE:-bookworm}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
# Packages on top of minbase (which already has libc6, libgcc-s1, coreutils, dash).
INCLUDE=ca-certificates
# Bump when the root fs recipe (debootstrap options, slimming) changes in a way the key below misses.
ROOTFS_RECIPE=2
CACHE_DIR=${XDG_CACHE_HOME:-$HOME/.cache}/withings-alexa

host_arch() {
  case "$(uname -m)" in
    x86_64|amd64) echo x86_64 ;;
    aarch64|arm64) echo arm64 ;;
    *) die "unsupported host architecture $(uname -m) (Lambda has x86_64 and arm64)" ;;
  esac
}

ARCH=host
FORCE=0
while [ $# -gt 0 ]; do
  case "$1" in
    --arch) ARCH=${2:?--arch needs a value}; shift 2 ;;
    --arch=*) ARCH=${1#--arch=}; shift ;;
    --force) FORCE=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
HOST_ARCH=$(host_arch)
[ "$ARCH" = host ] && ARCH=$HOST_ARCH
case "$ARCH" in
  x86_64) DEB_ARCH=amd64; QEMU=qemu-x86_64 ;;
  arm64) DEB_ARCH=arm64; QEMU=qemu-aarch64 ;;
  *) die "--arch must be x86_64, arm64 or host, not '$ARCH'" ;;
esac

BASE_TAG=$REPO:al2023-$ARCH
RAPID_TAG=$REPO:al2023-rapid-$ARCH

command -v docker >/dev/null || die "docker CLI not found"
docker info >/dev/null 2>&1 || die "no Docker engine answers (docker info failed)"

SUDO=
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || die "debootstrap needs root; run as root or install sudo"
  SUDO=sudo
fi

# The SAM CLI package ships the Lambda Runtime Interface Emulator; AWS's image has it at
# /usr/local/bin/aws-lambda-rie too, so the stand-in carries the same binary there.
find_rie() {
  local py dir
  for py in "$(command -v sam 2>/dev/null | xargs -r head -n1 2>/dev/null | sed -n 's/^#!//p')" python3 python; do
    [ -n "$py" ] || continue
    dir=$($py -c 'import samcli, os; print(os.path.dirname(samcli.__file__))' 2>/dev/null) || continue
    if [ -f "$dir/local/rapid/aws-lambda-rie-$ARCH" ]; then echo "$dir/local/rapid/aws-lambda-rie-$ARCH"; return 0; fi
  done
  return 1
}
RIE=$(find_rie) || die "cannot find samcli/local/rapid/aws-lambda-rie-$ARCH (pip install aws-sam-cli)"

sha() { sha256sum | cut -c1-64; }
IMAGE_HASH=$( { cat "$0"; sha256sum <"$RIE"; echo "$ARCH $SUITE $MIRROR"; } | sha)

image_label() { # image label -> value ('' if no image or no label)
  docker image inspect -f "{{ index .Config.Labels \"$2\" }}" "$1" 2>/dev/null | sed 's/^<no value>$//' || true
}
image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

# Also tag the arch-less name AWS documents (`FROM public.ecr.aws/lambda/provided:al2023`) for the
# host's architecture, unless a real AWS image holds that name.
alias_tag() {
  [ "$ARCH" = "$HOST_ARCH" ] || return 0
  local plain=$REPO:al2023
  if image_exists "$plain" && [ -z "$(image_label "$plain" "$LABEL_KEY")" ]; then
    log "$plain exists and is not a stand-in (AWS's real image?): not re-tagging it"
  else
    docker tag "$BASE_TAG" "$plain"
  fi
}

# SAM builds the rapid image only when it is missing, so a rapid image built on an older stand-in
# must go when the stand-in changes. A rapid image built on AWS's real image has no label: kept.
drop_stale_rapid() {
  image_exists "$RAPID_TAG" || return 0
  local h; h=$(image_label "$RAPID_TAG" "$HASH_LABEL")
  if [ -n "$(image_label "$RAPID_TAG" "$LABEL_KEY")" ] && [ "$h" != "$IMAGE_HASH" ]; then
    log "removing $RAPID_TAG (built by SAM on an older stand-in; SAM rebuilds it on the next invoke)"
    docker rmi -f "$RAPID_TAG" >/dev/null
  fi
}

if image_exists "$BASE_TAG"; then
  if [ -z "$(image_label "$BASE_TAG" "$LABEL_KEY")" ]; then
    log "$BASE_TAG exists and was not built by this script (AWS's real image?): using it as is"
    exit 0
  fi
  if [ "$FORCE" = 0 ] && [ "$(image_label "$BASE_TAG" "$HASH_LABEL")" = "$IMAGE_HASH" ]; then
    drop_stale_rapid
    alias_tag
    log "$BASE_TAG is up to date (stand-in hash ${IMAGE_HASH:0:12}): nothing to do"
    exit 0
  fi
fi

if [ "$ARCH" != "$HOST_ARCH" ] && [ ! -e "/proc/sys/fs/binfmt_misc/$QEMU" ]; then
  die "building the $ARCH stand-in on this $HOST_ARCH host needs binfmt_misc emulation ($QEMU is not registered; e.g. apt-get install qemu-user-static binfmt-support). Build it on $ARCH hardware, or test with Architecture=$HOST_ARCH."
fi

ensure_debootstrap() {
  command -v debootstrap >/dev/null && return 0
  [ -x /usr/sbin/debootstrap ] && { PATH=$PATH:/usr/sbin; return 0; }
  command -v apt-get >/dev/null || die "debootstrap is missing and there is no apt-get to install it"
  log "installing debootstrap with apt-get"
  if ! $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >/dev/null 2>&1; then
    $SUDO apt-get update -q >/dev/null
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >/dev/null
  fi
  PATH=$PATH:/usr/sbin
  command -v debootstrap >/dev/null || die "debootstrap still missing after apt-get install"
}

mkdir -p "$CACHE_DIR"
ROOTFS_KEY=$(echo "$ROOTFS_RECIPE $SUITE $DEB_ARCH minbase $INCLUDE $MIRROR" | sha)
ROOTFS_TAR=$CACHE_DIR/rootfs-$SUITE-$DEB_ARCH-${ROOTFS_KEY:0:16}.tar

WORK=$(mktemp -d "${TMPDIR:-/tmp}/sam-base-image.XXXXXX")
cleanup() { $SUDO rm -rf "$WORK"; }
trap cleanup EXIT

T0=$(date +%s)
# One builder at a time per cache dir (parallel test runs would otherwise debootstrap twice).
exec 9>"$CACHE_DIR/.lock"
flock 9

if [ -s "$ROOTFS_TAR" ]; then
  log "reusing cached root fs $ROOTFS_TAR"
else
  ensure_debootstrap
  log "debootstrap --variant=minbase --include=$INCLUDE $SUITE ($DEB_ARCH) from $MIRROR ..."
  ROOT=$WORK/root
  if ! $SUDO debootstrap --variant=minbase --arch="$DEB_ARCH" --include="$INCLUDE" \
      "$SUITE" "$ROOT" "$MIRROR" >"$WORK/debootstrap.log" 2>&1; then
    tail -n 30 "$WORK/debootstrap.log" >&2
    die "debootstrap failed (full log above, last 30 lines)"
  fi
  # Slim it down: package caches and lists, docs, man pages, translations (about 220 MB -> 90 MB).
  $SUDO rm -rf "$ROOT"/var/cache/apt/archives/*.deb "$ROOT"/var/cache/apt/*.bin \
    "$ROOT"/var/lib/apt/lists/* "$ROOT"/usr/share/doc/* "$ROOT"/usr/share/man/* \
    "$ROOT"/usr/share/info/* "$ROOT"/usr/share/locale/* "$ROOT"/var/log/* "$ROOT"/debootstrap
  for f in libc.so.6 libgcc_s.so.1 libm.so.6; do
    $SUDO sh -c "ls '$ROOT'/usr/lib/*-linux-gnu/$f" >/dev/null 2>&1 || die "root fs lacks $f"
  done
  [ -s "$ROOT/etc/ssl/certs/ca-certificates.crt" ] || die "root fs lacks /etc/ssl/certs/ca-certificates.crt"
  $SUDO tar --numeric-owner -C "$ROOT" -cf "$WORK/rootfs.tar" .
  $SUDO chown "$(id -u):$(id -g)" "$WORK/rootfs.tar"
  mv "$WORK/rootfs.tar" "$ROOTFS_TAR"
  $SUDO rm -rf "$ROOT"
  log "cached root fs: $ROOTFS_TAR ($(du -h "$ROOTFS_TAR" | cut -f1))"
fi
T1=$(date +%s)

# Files AWS's image has where SAM or a custom runtime may look: /var/task, /var/runtime, /opt,
# /var/rapid, the RIE at /usr/local/bin/aws-lambda-rie, /lambda-entrypoint.sh, and Amazon Linux's
# CA bundle path. Appended to a copy of the cached tarball.
OV=$WORK/overlay
mkdir -p "$OV"/var/task "$OV"/var/runtime "$OV"/var/rapid "$OV"/opt "$OV"/usr/local/bin "$OV"/etc/pki/tls/certs
install -m 0755 "$RIE" "$OV"/usr/local/bin/aws-lambda-rie
ln -s /etc/ssl/certs/ca-certificates.crt "$OV"/etc/pki/tls/certs/ca-bundle.crt
cat >"$OV"/lambda-entrypoint.sh <<'EOF'
#!/bin/sh
# Stand-in for the entrypoint of public.ecr.aws/lambda/provided:al2023 (offline testing only).
# `docker run IMAGE HANDLER`: runs /var/runtime/bootstrap under the Runtime Interface Emulator
# (listening on :8080) unless AWS_LAMBDA_RUNTIME_API says a runtime API already exists.
# SAM CLI does not use this: it starts /var/rapid/aws-lambda-rie itself.
if [ $# -ne 1 ]; then
  echo "entrypoint requires the handler name to be the first argument" 1>&2
  exit 142
fi
export _HANDLER="$1"
if [ -z "${AWS_LAMBDA_RUNTIME_API}" ]; then
  exec /usr/local/bin/aws-lambda-rie /var/runtime/bootstrap
fi
exec /var/runtime/bootstrap
EOF
chmod 0755 "$OV"/lambda-entrypoint.sh
cp "$ROOTFS_TAR" "$WORK/image.tar"
# docker import rejects duplicate paths, so append only what the root fs does not have yet.
tar -tf "$ROOTFS_TAR" | sed 's:/$::' | LC_ALL=C sort -u >"$WORK/base.lst"
(cd "$OV" && find . -mindepth 1 | LC_ALL=C sort) >"$WORK/overlay.lst"
LC_ALL=C comm -23 "$WORK/overlay.lst" "$WORK/base.lst" >"$WORK/add.lst"
(cd "$OV" && find . -mindepth 1 ! -type d | LC_ALL=C sort) | LC_ALL=C comm -12 - "$WORK/base.lst" >"$WORK/clash.lst"
[ ! -s "$WORK/clash.lst" ] || die "the root fs already has $(tr '\n' ' ' <"$WORK/clash.lst")"
tar --numeric-owner --owner=0 --group=0 --no-recursion -C "$OV" -rf "$WORK/image.tar" -T "$WORK/add.lst"

OLD_ID=
if image_exists "$BASE_TAG" && [ -n "$(image_label "$BASE_TAG" "$LABEL_KEY")" ]; then
  OLD_ID=$(docker image inspect -f '{{.Id}}' "$BASE_TAG")
fi
log "docker import -> $BASE_TAG"
PLATFORM_ARGS=()
[ "$ARCH" != "$HOST_ARCH" ] && PLATFORM_ARGS=(--platform "linux/$DEB_ARCH")
docker import "${PLATFORM_ARGS[@]}" \
  --change 'ENV LANG=C.UTF-8' \
  --change 'ENV TZ=:/etc/localtime' \
  --change 'ENV PATH=/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin' \
  --change 'ENV LD_LIBRARY_PATH=/var/lang/lib:/lib64:/usr/lib64:/var/runtime:/var/runtime/lib:/var/task:/var/task/lib:/opt/lib' \
  --change 'ENV LAMBDA_TASK_ROOT=/var/task' \
  --change 'ENV LAMBDA_RUNTIME_DIR=/var/runtime' \
  --change 'WORKDIR /var/task' \
  --change 'ENTRYPOINT ["/lambda-entrypoint.sh"]' \
  --change "LABEL $LABEL_KEY=\"offline stand-in for AWS's provided.al2023 image, Debian $SUITE minbase; built by scripts/sam-base-image.sh\"" \
  --change "LABEL $HASH_LABEL=$IMAGE_HASH" \
  --message "withings-alexa offline stand-in for $BASE_TAG" \
  "$WORK/image.tar" "$BASE_TAG" >/dev/null
T2=$(date +%s)

# Smoke test: the things SAM's rapid build and a Rust glibc binary need.
docker run --rm --network none --entrypoint /bin/sh "$BASE_TAG" -c \
  'test -x /bin/mv && test -x /usr/local/bin/aws-lambda-rie && test -s /etc/ssl/certs/ca-certificates.crt && ls /usr/lib/*-linux-gnu/libgcc_s.so.1 >/dev/null && ldd --version | head -n1' \
  >"$WORK/smoke" 2>&1 || { cat "$WORK/smoke" >&2; die "smoke test of $BASE_TAG failed"; }

drop_stale_rapid
alias_tag
# The stand-in this one replaces, now untagged (kept if something still uses it).
if [ -n "$OLD_ID" ]; then docker rmi "$OLD_ID" >/dev/null 2>&1 || true; fi
log "built $BASE_TAG (stand-in hash ${IMAGE_HASH:0:12}, $(sed -n 1p "$WORK/smoke" | sed 's/^ldd //'), $(docker image inspect -f '{{.Size}}' "$BASE_TAG" | awk '{printf "%d MB", $1/1000000}')): root fs $((T1 - T0)) s, import $((T2 - T1)) s"
