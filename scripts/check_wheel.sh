#!/usr/bin/env bash
# The wheel as a user gets it (pip or pipx, no apt): build it from this checkout, install it in a fresh venv in
# the temp folder, and run `zhagen demo` and `zhagen stats` there, where the source tree cannot be imported.
# A missing module or data file (package-data in pyproject.toml) fails here. .ci/run runs it after the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
work=$(mktemp -d "${TMPDIR:-/tmp}/zhagen-wheel.XXXXXX")
trap 'rm -rf "$work"' EXIT
pip_quiet=(--quiet --disable-pip-version-check)

# Build from a copy: setuptools' build/ folder in the checkout could hold modules deleted since.
mkdir "$work/src"
tar -c --exclude=./.git --exclude=./.venv --exclude=./build --exclude=./dist --exclude='*.egg-info' \
    --exclude=__pycache__ --exclude=.pytest_cache --exclude=.import_linter_cache . | tar -x -C "$work/src"

start=$SECONDS
"$PYTHON" -m venv "$work/venv"
"$work/venv/bin/python" -m pip wheel "${pip_quiet[@]}" --no-deps --wheel-dir "$work/dist" "$work/src"
wheel=$(echo "$work"/dist/zhagen-*.whl)
"$work/venv/bin/python" -m pip install "${pip_quiet[@]}" "$wheel"
echo "wheel: $(basename "$wheel") ($(( $(stat -c %s "$wheel") / 1024 )) KiB) built and installed in a fresh venv in $(( SECONDS - start )) s"

cd "$work"
"$work/venv/bin/zhagen" demo demo.zhagen
"$work/venv/bin/zhagen" stats demo.zhagen
echo "wheel: zhagen demo and zhagen stats ran from the installed wheel"
