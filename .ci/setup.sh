# Sourced by .ci/serve, .ci/test and .ci/build-site: installs what KAM Radar needs to build,
# serve and test (`kam_setup build`: to build only, without the browser the tests drive), and
# skips everything already installed at the right version, so only a fresh machine pays.
# Nothing comes from GitHub: Debian packages, crates.io and the npm registry only.

set -euo pipefail

KAM_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TRUNK_VERSION=0.21.14
export PATH="$KAM_ROOT/tests/e2e/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_debian_packages() {
  local missing=()
  if [ "${1:-}" != build ]; then
    command -v chromium >/dev/null || missing+=(chromium)
    command -v chromedriver >/dev/null || missing+=(chromium-driver)
    # A CJK font, so Chinese labels render in the headless browser as on a user's machine.
    [ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
  fi
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  command -v pkg-config >/dev/null || missing+=(pkg-config)
  [ -e /usr/include/openssl/ssl.h ] || missing+=(libssl-dev)
  if [ ${#missing[@]} -gt 0 ]; then
    step "Debian packages: ${missing[*]}"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  fi
}

install_rust_tools() {
  if ! command -v cargo >/dev/null; then
    echo "cargo is missing: install Rust with rustup first (https://rustup.rs)." >&2
    exit 1
  fi
  cd "$KAM_ROOT"
  # rust-toolchain.toml pins the toolchain; make sure it and the wasm target are present.
  rustup show active-toolchain >/dev/null
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "Rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi

  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    step "trunk $TRUNK_VERSION (a cold build takes about 15 minutes)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi

  # wasm-bindgen-cli must be exactly the wasm-bindgen crate version in Cargo.lock.
  local bindgen_version
  bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $bindgen_version" ]; then
    step "wasm-bindgen-cli $bindgen_version (about 5 minutes)"
    # Not --locked: its lockfile names a crate version this registry mirror lacks.
    cargo install wasm-bindgen-cli --version "$bindgen_version"
  fi
}

install_npm_packages() {
  # playwright-core drives Debian's Chromium; binaryen provides a current wasm-opt for trunk;
  # papaparse and xlsx (SheetJS) are the benchmark's JavaScript baseline (.ci/bench).
  if [ ! -x "$KAM_ROOT/tests/e2e/node_modules/.bin/wasm-opt" ] ||
     [ ! -d "$KAM_ROOT/tests/e2e/node_modules/playwright-core" ] ||
     [ ! -d "$KAM_ROOT/tests/e2e/node_modules/papaparse" ] ||
     [ ! -d "$KAM_ROOT/tests/e2e/node_modules/xlsx" ] ||
     [ "$KAM_ROOT/tests/e2e/package-lock.json" -nt "$KAM_ROOT/tests/e2e/node_modules/.package-lock.json" ]; then
    step "npm packages (tests/e2e)"
    (cd "$KAM_ROOT/tests/e2e" && npm ci --no-audit --no-fund)
  fi
}

# `kam_setup` for everything; `kam_setup build` for what building dist/ needs.
# Says how much disk is free before a long build, and warns when a clean run may not fit
# (a CI run once stopped with "No space left on device" in the release build).
check_disk() {
  local free_kb
  free_kb=$(df -Pk "$KAM_ROOT" | awk 'NR == 2 { print $4 }')
  step "Disk: $((free_kb / 1024 / 1024)) GB free where the build writes ($KAM_ROOT)"
  if [ "$free_kb" -lt $((6 * 1024 * 1024)) ]; then
    echo "warning: a run from a clean clone needs about 6 GB (tools, target/, Chromium); free some space if it fails with 'No space left on device'." >&2
  fi
}

kam_setup() {
  # A one-off CI build gains nothing from incremental caches, which would be a sixth of target/.
  [ -z "${CI:-}" ] || export CARGO_INCREMENTAL=0
  check_disk
  install_debian_packages "${1:-}"
  install_rust_tools
  install_npm_packages
  local browser=""
  [ "${1:-}" = build ] || browser=", $(chromium --version)"
  step "Tools ready: $(trunk --version), $(wasm-bindgen --version), $(wasm-opt --version | head -1)$browser"
}
