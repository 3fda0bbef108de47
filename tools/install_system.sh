#!/usr/bin/env bash
# System packages the tests need: Chromium (the widget's browser test), shellcheck (the cloud scripts) and a C++
# compiler (inductor builds the fused CPU kernels of 03_attention with it; the tests check that they compile).
# Installs them with apt-get when running as root on Debian/Ubuntu and they are missing; otherwise says what to
# install by hand. (Playwright drives this Chromium; `playwright install` and its browser download are not used.)
set -uo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || [ -n "${DIT_CHROMIUM:-}" ] || missing+=(chromium)
command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)
command -v "${CXX:-g++}" >/dev/null 2>&1 || missing+=(g++)
[ ${#missing[@]} -eq 0 ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null && exit 0
fi
echo "install_system.sh: please install ${missing[*]} (e.g. sudo apt-get install ${missing[*]}); the browser, cloud and fused-kernel tests need them" >&2
exit 0
