#!/usr/bin/env python3
"""Syntax-checks the app sources that need Android or Apple frameworks (and so cannot be compiled
on Linux) with tree-sitter: every .kt under android/ and every .swift under ios/. Prints each file
with an error and its first error position; exits 1 if any. Prints "N passed, N failed"."""
import pathlib
import sys

import tree_sitter
import tree_sitter_kotlin
import tree_sitter_swift

LANGUAGES = {
    ".kt": tree_sitter.Language(tree_sitter_kotlin.language()),
    ".kts": tree_sitter.Language(tree_sitter_kotlin.language()),
    ".swift": tree_sitter.Language(tree_sitter_swift.language()),
}


def first_error(node):
    """The first ERROR or MISSING node in document order, or None."""
    if node.type == "ERROR" or node.is_missing:
        return node
    if not node.has_error:
        return None
    for child in node.children:
        found = first_error(child)
        if found is not None:
            return found
    return node


def main(roots):
    passed = failed = 0
    for root in roots:
        for path in sorted(pathlib.Path(root).rglob("*")):
            language = LANGUAGES.get(path.suffix)
            if language is None or "build" in path.parts or ".gradle" in path.parts:
                continue
            tree = tree_sitter.Parser(language).parse(path.read_bytes())
            error = first_error(tree.root_node)
            if error is None:
                passed += 1
            else:
                failed += 1
                row, col = error.start_point
                print(f"{path}:{row + 1}:{col + 1}: syntax error near {error.text[:60]!r}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["android", "ios"]))
