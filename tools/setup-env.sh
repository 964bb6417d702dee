#!/usr/bin/env bash
# Create or update the project's virtual environment from the hash-pinned lock.
#
#   tools/setup-env.sh            create/update $VENV (default .venv) from $LOCK (requirements.lock)
#   tools/setup-env.sh --which    print the installer that would be used ("uv PATH" or "pip") and exit
#   tools/setup-env.sh --uv       print the path of uv (bootstrapping it if needed) and exit
#
# uv is used when it can be had: $UV, then `uv` on PATH, then a copy bootstrapped from the
# package index into .uv/ (pinned by hash in tools/uv-requirements.txt). When none works, pip
# is used. Both install exactly the lock (every file checked against its sha256), then the
# package in editable mode, then the Jupyter kernel "deportdata".
# DEPORTDATA_INSTALLER=uv|pip forces one installer (uv fails loudly when it cannot be had).
set -euo pipefail

PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}
LOCK=${LOCK:-requirements.lock}
INSTALLER=${DEPORTDATA_INSTALLER:-auto}
HERE=$(cd "$(dirname "$0")" && pwd)
BOOT=${DEPORTDATA_UV_DIR:-$HERE/../.uv}

say() { printf 'setup-env: %s\n' "$*" >&2; }

"$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null || {
  say "deportdata needs Python 3.11 or newer; '$PYTHON' is $("$PYTHON" --version 2>&1) (set PYTHON=...)"
  exit 1
}

find_uv() {
  local candidate
  for candidate in "${UV:-}" "$(command -v uv 2>/dev/null || true)" "$BOOT/bin/uv"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ] && "$candidate" --version >/dev/null 2>&1; then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  # bootstrap: uv's wheel from the package index, checked against its pinned hashes
  if "$PYTHON" -m pip install --quiet --disable-pip-version-check --no-warn-script-location \
      --require-hashes --target "$BOOT" -r "$HERE/uv-requirements.txt" >/dev/null 2>&1 \
      && "$BOOT/bin/uv" --version >/dev/null 2>&1; then
    printf '%s\n' "$BOOT/bin/uv"
    return 0
  fi
  rm -rf "$BOOT"
  return 1
}

uv_bin=""
case "$INSTALLER" in
  pip) ;;
  uv) uv_bin=$(find_uv) || { say "uv was asked for (DEPORTDATA_INSTALLER=uv) but could not be had"; exit 1; } ;;
  auto) uv_bin=$(find_uv) || uv_bin="" ;;
  *) say "DEPORTDATA_INSTALLER must be uv, pip or auto, not '$INSTALLER'"; exit 2 ;;
esac

case "${1:-}" in
  --which) if [ -n "$uv_bin" ]; then echo "uv $uv_bin"; else echo "pip"; fi; exit 0 ;;
  --uv) [ -n "$uv_bin" ] || { say "uv could not be had"; exit 1; }; echo "$uv_bin"; exit 0 ;;
  "") ;;
  *) say "unknown option '$1'"; exit 2 ;;
esac

py="$VENV/bin/python"
if [ -n "$uv_bin" ]; then
  say "installing $LOCK with uv ($("$uv_bin" --version))"
  export UV_PYTHON_DOWNLOADS=never
  [ -x "$py" ] || "$uv_bin" venv --quiet --python "$(command -v "$PYTHON")" "$VENV"
  # sync: exactly the lock, nothing more; every file is checked against its hash.
  # No bytecode compiled here: see deportdata-bytecode.pth below.
  "$uv_bin" pip sync --quiet --python "$py" --require-hashes "$LOCK"
  "$uv_bin" pip install --quiet --python "$py" --no-deps --no-build-isolation -e .
else
  say "installing $LOCK with pip (uv could not be had)"
  [ -x "$py" ] || "$PYTHON" -m venv "$VENV"
  "$py" -m pip install -qq --disable-pip-version-check --require-hashes --no-compile -r "$LOCK"
  "$py" -m pip install -qq --disable-pip-version-check --no-deps --no-build-isolation -e .
fi
"$py" -m ipykernel install --sys-prefix --name deportdata --display-name "Python (deportdata)" >/dev/null
"$py" - <<'PY'
import json, pathlib, sys, sysconfig
# Bytecode is compiled on first import and kept, for the modules that are imported (fewer
# than half of the installed ones; the rest are mostly the dependencies' own test suites),
# instead of all of them at install time (most of the install's time: see make bench).
# Where PYTHONDONTWRITEBYTECODE is set, as in many container images, nothing would be kept
# and every process would compile its imports again, so this environment's interpreter turns
# writing back on at start-up (this also overrides `python -B` in this environment). A venv
# that is not writable keeps nothing, as with the variable set.
pth = pathlib.Path(sysconfig.get_paths()["purelib"], "deportdata-bytecode.pth")
pth.write_text("import sys; sys.dont_write_bytecode = False\n")
# the kernel's own log shows critical failures only: not "Kernel is running over TCP without encryption"
# on every start (it listens on 127.0.0.1 only, behind a per-kernel key)
path = pathlib.Path(sys.prefix, "share/jupyter/kernels/deportdata/kernel.json")
kernel = json.loads(path.read_text())
flag = "--IPKernelApp.log_level=CRITICAL"
if flag not in kernel["argv"]:
    kernel["argv"].append(flag)
path.write_text(json.dumps(kernel, indent=1) + "\n")
# no "Would you like to get notified about official Jupyter news?" popup (this environment only):
# what `jupyter labextension disable --level=sys_prefix` writes, without its 2 s of imports
config = pathlib.Path(sys.prefix, "etc/jupyter/labconfig/page_config.json")
page = json.loads(config.read_text()) if config.is_file() else {}
page.setdefault("disabledExtensions", {})["@jupyterlab/apputils-extension:announcements"] = True
config.parent.mkdir(parents=True, exist_ok=True)
config.write_text(json.dumps(page, indent=2) + "\n")
PY
touch "$VENV/.installed"
