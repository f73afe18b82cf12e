#!/usr/bin/env bash
# Installs the system libraries Qt needs (offscreen and xcb platforms) when they are missing.
# Idempotent: when every package is present it does no network work.
# As root on Debian/Ubuntu it installs them; otherwise it prints the exact command and fails.
set -euo pipefail

# The offscreen platform (tests, screenshots) and a real window under X (make run) / Xvfb.
PKGS=(libgl1 libegl1 libfontconfig1 libglib2.0-0 libdbus-1-3 libxkbcommon0 libx11-6
      xvfb xauth libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
      libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1)
# Extra packages a later part of the build asks for (e.g. PostgreSQL for the remote-API tests).
if [ -n "${EXTRA_SYSTEM_PKGS:-}" ]; then read -r -a extra <<<"$EXTRA_SYSTEM_PKGS"; PKGS+=("${extra[@]}"); fi

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "setup_system: not a Debian/Ubuntu system; make sure Qt's xcb/offscreen libraries are installed." >&2
  exit 0
fi

missing=()
for p in "${PKGS[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "setup_system: these system packages are missing: ${missing[*]}" >&2
  echo "Run as root:  apt-get update && $cmd" >&2
  exit 1
fi
echo "setup_system: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
$cmd
