#!/usr/bin/env python3
"""The binding inventory, checked: every exported item of yaohao-ffi must be used by the tests.

The inventory is read from the generated Kotlin bindings (functions, object methods, foreign-trait
callbacks, records, enums, objects, foreign traits, error types and their variants); Swift names are
the same except that an error type `FooException` is `FooError` and that types renamed for Swift
in uniffi.toml (`[bindings.swift.rename]`) carry their Swift name. An item counts as exercised in a
language when its tests call the function (`name(`) or the method (`.name(`), implement the callback
(`fun name(` / `func name(`), or name the type (`Name`) or the error variant (`Type.Variant`).

  coverage.py check <generated dir> kotlin|swift   fails, listing what no test uses
  coverage.py table <generated dir>                prints the coverage table of docs/bindings.md

`check` also fails when an item has no row in the table of docs/bindings.md.
"""

import pathlib
import re
import sys
import tomllib

ROOT = pathlib.Path(__file__).resolve().parents[2]
TESTS = {"kotlin": (ROOT / "tests/kotlin", "*.kt"), "swift": (ROOT / "tests/swift/Tests", "*.swift")}
DOC = ROOT / "docs/bindings.md"
UNIFFI = ROOT / "bindings/ffi/uniffi.toml"
# Generated plumbing that is not part of the API.
PLUMBING = re.compile(r"^(Uniffi|Ffi|Rust|Foreign|Disposable|Internal)|(Interface|Impl)$")


def swift_renames() -> dict[str, str]:
    """Types renamed in the Swift bindings (uniffi.toml `[bindings.swift.rename]`)."""
    config = tomllib.loads(UNIFFI.read_text())
    return config.get("bindings", {}).get("swift", {}).get("rename", {})


def inventory(generated: pathlib.Path) -> list[tuple[str, str, str]]:
    """(kind, Kotlin name, Swift name) of every exported item, in source order."""
    source = next(generated.rglob("*.kt")).read_text()
    items: list[tuple[str, str, str]] = []
    seen = set()
    renames = swift_renames()

    def add(kind: str, kotlin: str, swift: str) -> None:
        if (kind, kotlin) not in seen and not PLUMBING.search(kotlin):
            seen.add((kind, kotlin))
            items.append((kind, kotlin, renames.get(swift, swift)))

    error_type = None
    owner = None  # the interface whose methods are being read: (kind, name)
    for line in source.splitlines():
        if m := re.match(r"^(?:public )?interface (\w+) \{", line):
            name = m[1].removesuffix("Interface")
            kind = "method" if m[1].endswith("Interface") else "callback"
            owner = (kind, name)
            if kind == "callback":
                add("trait", name, name)
            continue
        if owner and line.startswith("}"):
            owner = None
        if m := re.match(r"^open class (\w+): Disposable", line):
            add("object", m[1], m[1])
        elif m := re.match(r"^data class (\w+) \(", line):
            add("record", m[1], m[1])
        elif m := re.match(r"^(?:enum|sealed) class (\w+)", line):
            error_type = m[1] if m[1].endswith("Exception") else None
            kind = "error" if error_type else "enum"
            add(kind, m[1], m[1].removesuffix("Exception") + "Error" if error_type else m[1])
        elif error_type and (m := re.match(r"^    class (\w+)\(", line)):
            swift_type = error_type.removesuffix("Exception") + "Error"
            add("variant", f"{error_type}.{m[1]}", f"{swift_type}.{m[1]}")
        for m in re.finditer(r"fun `(\w+)`", line):
            if owner:
                add(owner[0], f"{owner[1]}.{m[1]}", f"{owner[1]}.{m[1]}")
            elif "override " not in line:
                add("function", m[1], m[1])
    return items


def pattern(kind: str, name: str) -> re.Pattern:
    """What a use looks like: a call, a method call, a callback implemented, a type named."""
    member = name.rpartition(".")[2]
    if kind == "function":
        return re.compile(rf"\b{member}\s*\(")
    if kind == "method":
        return re.compile(rf"\.{member}\s*\(")
    if kind == "callback":
        return re.compile(rf"\bfunc? {member}\s*\(")
    return re.compile(rf"\b{re.escape(name)}\b")


def uses(language: str) -> list[tuple[str, str]]:
    """(test, line) of every line of the language's tests; test is `File.function`."""
    directory, glob = TESTS[language]
    lines = []
    for path in sorted(directory.rglob(glob)):
        current = path.stem
        for line in path.read_text().splitlines():
            if m := re.match(r"^\s*(?:override |private |public |static )*(?:suspend )?(?:func|fun) (\w+)\(", line):
                current = f"{path.stem}.{m[1]}"
            lines.append((current, line))
    return lines


def first_use(kind: str, name: str, lines: list[tuple[str, str]]) -> str | None:
    found = pattern(kind, name)
    return next((test for test, line in lines if found.search(line)), None)


def table(items) -> str:
    kotlin, swift = uses("kotlin"), uses("swift")
    rows = ["| item | kind | Kotlin test | Swift test |", "|---|---|---|---|"]
    for kind, k, s in items:
        rows.append(
            f"| `{k}` | {kind} | {first_use(kind, k, kotlin) or '—'} | {first_use(kind, s, swift) or '—'} |"
        )
    return "\n".join(rows)


def check(items, language: str) -> int:
    lines = uses(language)
    column = 1 if language == "kotlin" else 2
    missing = [i[column] for i in items if first_use(i[0], i[column], lines) is None]
    doc = DOC.read_text()
    undocumented = [i[1] for i in items if f"| `{i[1]}` |" not in doc]
    for name in missing:
        print(f"not exercised from {language}: {name}")
    for name in undocumented:
        print(f"no row in docs/bindings.md: {name} (regenerate with coverage.py table)")
    print(f"binding inventory: {len(items)} items, {len(items) - len(missing)} used from {language}")
    return 1 if missing or undocumented else 0


def main(argv: list[str]) -> int:
    if len(argv) == 4 and argv[1] == "check" and argv[3] in TESTS:
        return check(inventory(pathlib.Path(argv[2])), argv[3])
    if len(argv) == 3 and argv[1] == "table":
        print(table(inventory(pathlib.Path(argv[2]))))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
