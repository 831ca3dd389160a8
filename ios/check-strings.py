#!/usr/bin/env python3
"""Checks the String Catalog against the app's sources: every Chinese string literal in
ios/App (the keys: Simplified Chinese is the source language) has an English translation in
App/Resources/Localizable.xcstrings, and every key there is still used. Interpolations are
compared as placeholders (`\\(x)` in Swift, `%@`/`%lld`/`%u` in the catalog).
Prints "N passed, N failed"; exits 1 on any failure."""
import json
import pathlib
import re
import sys

HAN = re.compile(r"[\u4e00-\u9fff]")
SPECIFIER = re.compile(r"%(?:lld|ld|d|u|@|f|\.\d+f)")


def literal(src, i):
    """The string literal opening at src[i] (a quote): (text with interpolations as '•', end)."""
    out, i = [], i + 1
    while i < len(src):
        c = src[i]
        if c == '"':
            return "".join(out), i + 1
        if c == "\\" and src[i + 1] == "(":
            depth, i = 1, i + 2
            while depth:
                if src[i] == '"':
                    _, i = literal(src, i)
                    continue
                depth += {"(": 1, ")": -1}.get(src[i], 0)
                i += 1
            out.append("•")
            continue
        if c == "\\":
            out.append(src[i : i + 2])
            i += 2
            continue
        out.append(c)
        i += 1
    raise ValueError("unterminated string literal")


def literals(src):
    """Every top-level string literal of a Swift source (comments skipped)."""
    i = 0
    while i < len(src):
        if src.startswith("//", i):
            i = src.find("\n", i)
            i = len(src) if i < 0 else i
        elif src[i] == '"':
            text, i = literal(src, i)
            yield text
        else:
            i += 1


def main(ios):
    catalog = json.loads((ios / "App/Resources/Localizable.xcstrings").read_text())
    keys = {SPECIFIER.sub("•", k): k for k in catalog["strings"]}
    used, failed = set(), []
    for path in sorted((ios / "App").rglob("*.swift")):
        for text in literals(path.read_text()):
            if HAN.search(text):
                used.add(text)
                if text not in keys:
                    failed.append(f"{path}: not in the catalog: {text!r}")
    for norm, key in keys.items():
        en = catalog["strings"][key].get("localizations", {}).get("en", {}).get("stringUnit", {})
        if en.get("state") != "translated" or not en.get("value"):
            failed.append(f"catalog: no English for {key!r}")
        if norm not in used:
            failed.append(f"catalog: unused key {key!r}")
    for line in failed:
        print(line)
    print(f"{len(keys) - len([f for f in failed if f.startswith('catalog')])} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(pathlib.Path(__file__).resolve().parent))
