#!/usr/bin/env python3
"""Checks what App Store review reads and Xcode cannot be asked about here: the privacy
manifest, the asset catalog (the 1024 px AppIcon, opaque, and the accent colour) and the
entitlements are well-formed (parsed with plistlib, as plutil would) and listed in project.yml.
Prints each failure and "N passed, N failed"; exits 1 on any failure."""
import json
import pathlib
import plistlib
import struct
import sys

IOS = pathlib.Path(__file__).resolve().parent
RESULTS = []


def check(name, ok, detail=""):
    RESULTS.append(ok)
    if not ok:
        print(f"{name}: {detail}")


def plist(path):
    try:
        return plistlib.loads(path.read_bytes())
    except Exception as e:  # any parse failure is the finding
        check(str(path.relative_to(IOS)), False, f"not a property list: {e}")
        return None


def main():
    project = (IOS / "project.yml").read_text()
    manifest = plist(IOS / "App/Resources/PrivacyInfo.xcprivacy")
    if manifest is not None:
        check("PrivacyInfo: tracking", manifest.get("NSPrivacyTracking") is False, "NSPrivacyTracking must be false")
        collected = manifest.get("NSPrivacyCollectedDataTypes", [])
        kinds = {c.get("NSPrivacyCollectedDataType") for c in collected}
        for kind in ("Name", "PhoneNumber", "PhotosorVideos", "OtherDataTypes"):
            check(f"PrivacyInfo: {kind}", f"NSPrivacyCollectedDataType{kind}" in kinds, "not declared")
        for c in collected:
            check(f"PrivacyInfo: {c.get('NSPrivacyCollectedDataType')}",
                  c.get("NSPrivacyCollectedDataTypeTracking") is False
                  and isinstance(c.get("NSPrivacyCollectedDataTypeLinked"), bool)
                  and bool(c.get("NSPrivacyCollectedDataTypePurposes")), "needs linked, tracking false, purposes")
        apis = manifest.get("NSPrivacyAccessedAPITypes", [])
        for api in apis:
            check(f"PrivacyInfo: {api.get('NSPrivacyAccessedAPIType')}",
                  bool(api.get("NSPrivacyAccessedAPITypeReasons")), "a required-reason API without a reason")
        declared = {a.get("NSPrivacyAccessedAPIType") for a in apis}
        check("PrivacyInfo: UserDefaults", "NSPrivacyAccessedAPICategoryUserDefaults" in declared,
              "the consent is kept in UserDefaults")
    check("project.yml: PrivacyInfo", "PrivacyInfo.xcprivacy" in project, "the extension's copy is not listed")

    assets = IOS / "App/Resources/Assets.xcassets"
    for contents in sorted(assets.rglob("Contents.json")):
        try:
            json.loads(contents.read_text())
            check(str(contents.relative_to(IOS)), True)
        except ValueError as e:
            check(str(contents.relative_to(IOS)), False, f"not JSON: {e}")
    icon_set = assets / "AppIcon.appiconset"
    images = json.loads((icon_set / "Contents.json").read_text()).get("images", [])
    files = [i for i in images if i.get("size") == "1024x1024" and i.get("filename")]
    check("AppIcon: 1024 entry", len(files) == 1, "one universal 1024x1024 image expected")
    for image in files:
        png = (icon_set / image["filename"]).read_bytes()
        ok = png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR"
        width, height, _, colour = struct.unpack(">IIBB", png[16:26]) if ok else (0, 0, 0, 0)
        check("AppIcon: PNG 1024x1024", ok and (width, height) == (1024, 1024), f"{width}x{height}")
        check("AppIcon: opaque", colour in (0, 2), "the App Store icon must have no alpha channel")
    check("AccentColor", (assets / "AccentColor.colorset/Contents.json").exists(), "missing")
    check("project.yml: AppIcon", "ASSETCATALOG_COMPILER_APPICON_NAME: AppIcon" in project, "not referenced")

    for entitlements in ("App/Yaohao.entitlements", "NotificationService/NotificationService.entitlements"):
        parsed = plist(IOS / entitlements)
        if parsed is not None:
            check(entitlements, "group.app.yaohao" in parsed.get("com.apple.security.application-groups", []),
                  "the App Group the core's cache is shared through")
        check(f"project.yml: {entitlements}", entitlements in project, "not referenced")
    for key in ("CFBundleShortVersionString: $(MARKETING_VERSION)", "CFBundleVersion: $(CURRENT_PROJECT_VERSION)"):
        check(f"project.yml: {key}", key in project, "the version must come from the build settings")

    failed = RESULTS.count(False)
    print(f"{len(RESULTS) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
