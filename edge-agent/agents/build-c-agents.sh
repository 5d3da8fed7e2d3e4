#!/bin/sh
# Builds C agents with the one documented command line.
#
#   edge-agent/agents/build-c-agents.sh                   rebuild every src/main/agents/<name>/<name>.c
#                                                         into its committed <name>.wasm, in place
#   edge-agent/agents/build-c-agents.sh OUT_DIR           write OUT_DIR/<name>.wasm instead (used by
#                                                         CAgentsReproducibleBuildTest to compare bytes)
#   edge-agent/agents/build-c-agents.sh OUT_DIR FILE.c... build the given sources into OUT_DIR (tests)
#
# The committed modules are built with Debian 12's clang/lld 14 (apt-get install clang lld); another
# clang major version generates different code, so the script refuses it (exit 3) rather than
# silently changing module digests. The output carries no paths, timestamps or producer strings: no
# debug info, --strip-all, file prefixes mapped away, and each file is compiled from its own
# directory by its bare name.
# Exit codes: 0 ok, 1 a compile failed, 2 clang or wasm-ld missing, 3 wrong clang major version.
set -eu

EXPECTED_CLANG_MAJOR=14
# Prefer the versioned binary so a machine whose default clang is newer still builds identical bytes
# when clang-14 and lld-14 are installed next to it.
if [ -z "${CLANG:-}" ]; then
  if command -v clang-$EXPECTED_CLANG_MAJOR >/dev/null 2>&1; then
    CLANG=clang-$EXPECTED_CLANG_MAJOR
  else
    CLANG=clang
  fi
fi

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
sdk="$root/edge-agent/sdk"
agents="$here/src/main/agents"

if ! command -v "$CLANG" >/dev/null 2>&1 || \
   ! { command -v wasm-ld >/dev/null 2>&1 || command -v wasm-ld-$EXPECTED_CLANG_MAJOR >/dev/null 2>&1; }; then
  echo "build-c-agents: clang and lld (wasm-ld) are required: apt-get install -y clang lld" >&2
  exit 2
fi
major=$("$CLANG" -dumpversion | cut -d. -f1)
if [ "$major" != "$EXPECTED_CLANG_MAJOR" ]; then
  echo "build-c-agents: clang $major found, the committed modules are built with clang $EXPECTED_CLANG_MAJOR" \
       "(install clang-$EXPECTED_CLANG_MAJOR and lld-$EXPECTED_CLANG_MAJOR, or set CLANG)" >&2
  exit 3
fi

out_dir=""
if [ $# -ge 1 ]; then
  mkdir -p "$1"
  out_dir=$(cd "$1" && pwd)
  shift
fi
if [ $# -eq 0 ]; then
  set -- "$agents"/*/*.c
fi

# compile SOURCE.c OUTPUT.wasm
compile() {
  (cd "$(dirname "$1")" && "$CLANG" --target=wasm32 -std=c11 -O2 \
      -mcpu=mvp -mbulk-memory -mnontrapping-fptoint -msign-ext \
      -ffreestanding -nostdlib -Wall -Wextra -Werror \
      -ffile-prefix-map="$root"=. -I"$sdk" \
      -Wl,--no-entry -Wl,--strip-all -Wl,-z,stack-size=65536 \
      -o "$2" "$(basename "$1")")
}

status=0
for source in "$@"; do
  source=$(cd "$(dirname "$source")" && pwd)/$(basename "$source")
  name=$(basename "$source" .c)
  if [ -n "$out_dir" ]; then
    target="$out_dir/$name.wasm"
  else
    target="$(dirname "$source")/$name.wasm"
  fi
  if compile "$source" "$target"; then
    echo "build-c-agents: built $name -> $target"
  else
    echo "build-c-agents: FAILED to build $name" >&2
    status=1
  fi
done
exit $status
