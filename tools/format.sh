#!/usr/bin/env bash
# Format the C++ of sim/, tests/cpp, tests/fuzz and bench/ with clang-format (configuration: .clang-format).
#
# Usage: tools/format.sh           format the files in place
#        tools/format.sh --check   change nothing; list the files that would change, exit 1 if any
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
format="$(command -v clang-format || command -v clang-format-14 || true)"
if [[ -z "$format" ]]; then echo "format.sh: clang-format not found" >&2; exit 2; fi

check=0
case "${1:-}" in
  --check) check=1 ;;
  "") ;;
  *) echo "usage: tools/format.sh [--check]" >&2; exit 2 ;;
esac

mapfile -t files < <(find sim tests/cpp tests/fuzz bench -type f \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' \) | sort)

if [[ $check -eq 0 ]]; then
  "$format" -i --style=file "${files[@]}"
  echo "format.sh: formatted ${#files[@]} files"
  exit 0
fi

# One clang-format process for every file (fast); on a failure, the loop below names them.
if "$format" --style=file --dry-run --Werror "${files[@]}" >/dev/null 2>&1; then
  echo "format.sh: all ${#files[@]} files formatted"
  exit 0
fi
changed=0
for f in "${files[@]}"; do
  if ! "$format" --style=file "$f" | cmp -s - "$f"; then
    echo "$f"
    changed=$((changed + 1))
  fi
done
if [[ $changed -gt 0 ]]; then
  echo "format.sh: $changed of ${#files[@]} files would change (run tools/format.sh)" >&2
  exit 1
fi
echo "format.sh: all ${#files[@]} files formatted"
