#!/usr/bin/env bash
# Installs the Debian 12 packages shirube needs, only those that are missing.
# Usage: scripts/install-deps.sh [--test]   (--test adds what scripts/test.sh needs beyond
# the build: the browser-test packages and the linters)
set -euo pipefail

packages=(g++ cmake ninja-build pkg-config
          libcpp-httplib-dev nlohmann-json3-dev libsqlite3-dev libre2-dev libutf8proc-dev
          libssl-dev zlib1g-dev libbrotli-dev catch2 sqlite3
          libmecab-dev mecab-ipadic-utf8 libfasttext-dev libicu-dev
          libfreetype-dev libpng-dev fonts-noto-cjk fontconfig)
# The last four draw the LINE rich menu's picture at build time (webhooks/rich_menu.cmake).
if [[ "${1:-}" == "--test" ]]; then
  # Headless browser test of the web chat, driven over WebDriver by a Python script.
  # fonts-noto-cjk (also in the build list): without a Japanese font the page (and its
  # screenshot) shows empty boxes.
  packages+=(chromium chromium-driver python3)
  # scripts/lint.sh: clang-format and clang-tidy 14 (with run-clang-tidy).
  packages+=(clang-format clang-tidy)
  # tests/deploy/deploy_test.sh: the systemd unit and the nginx site (TLS in front of serve).
  packages+=(systemd nginx-light openssl curl)
  # tests/app/serve_full_disk_test.cpp: unshare and mount put the server's files on a small
  # tmpfs in a mount namespace of its own (both come with every Debian; named to be sure).
  packages+=(util-linux mount)
  # Fuzzing (SHIRUBE_FUZZ): libFuzzer comes with clang's runtime libraries.
  packages+=(clang libclang-rt-14-dev)
fi

if [[ $(id -u) -ne 0 ]]; then
  SUDO=sudo
else
  SUDO=
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} > 0)); then
  echo "installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [[ "${1:-}" == "--test" ]]; then
  # The accessibility audit of the web chat test runs axe-core in the page. Debian does not
  # package it: the npm registry's tarball of a pinned version, checked against its SHA-256,
  # is unpacked once to $axe_dir (the path tests/webhooks/CMakeLists.txt passes to the test).
  axe_version=4.10.2
  axe_sha256=9ea2d2d6917da998122bdacfd3b473e31ead53f4b87146c716a12edf89158100
  axe_dir=/usr/local/share/shirube-test/axe-core-$axe_version
  if [[ ! -f "$axe_dir/axe.min.js" ]]; then
    echo "fetching axe-core $axe_version" >&2
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    curl -fsSL --retry 3 -o "$tmp/axe.tgz" \
      "https://registry.npmjs.org/axe-core/-/axe-core-$axe_version.tgz"
    echo "$axe_sha256  $tmp/axe.tgz" | sha256sum -c --quiet -
    tar -xzf "$tmp/axe.tgz" -C "$tmp" package/axe.min.js package/LICENSE
    $SUDO mkdir -p "$axe_dir"
    $SUDO cp "$tmp/package/axe.min.js" "$tmp/package/LICENSE" "$axe_dir/"
  fi
fi
