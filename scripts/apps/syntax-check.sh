#!/usr/bin/env bash
# Installs the tree-sitter grammars (PyPI) into a private virtualenv and syntax-checks the app
# sources under android/ and ios/ that cannot be compiled on Linux.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=${YAOHAO_TOOLS:-$HOME/.cache/yaohao-tools}/syntax-venv
if ! [ -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import tree_sitter_kotlin, tree_sitter_swift' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check \
    tree-sitter==0.26.1 tree-sitter-kotlin==1.1.0 tree-sitter-swift==0.7.4
fi
"$venv/bin/python" scripts/apps/syntax-check.py "$@"
