#!/usr/bin/env python3
"""Checks what App Store review reads and Xcode cannot be asked about here: the privacy
manifest, the asset catalog (the 1024 px AppIcon, opaque, and the accent colour) and the
entitlements are well-formed (parsed with plistlib, as plutil would) and listed in project.yml;
and, per target and configuration, the Info.plist project.yml makes: the version and build
number from MARKETING_VERSION / CURRENT_PROJECT_VERSION, the ATS exception for local addresses
in Debug only (the atsDebugOnly phase removes it from every other configuration) and an https
portal in Release. Prints each failure and "N passed, N failed"; exits 1 on any failure."""
import json
import pathlib
import plistlib
import re
import struct
import sys

try:
    import yaml  # PyYAML (Debian: python3-yaml)
except ImportError:  # named, not a traceback
    yaml = None

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


def substitute(value, settings):
    """`value` with every $(SETTING) replaced as Xcode's Info.plist processing does."""
    if isinstance(value, dict):
        return {k: substitute(v, settings) for k, v in value.items()}
    if isinstance(value, list):
        return [substitute(v, settings) for v in value]
    if isinstance(value, str):
        return re.sub(r"\$\((\w+)\)", lambda m: str(settings.get(m.group(1), m.group(0))), value)
    return value


def strips_ats_outside_debug(target):
    """Whether a post-build phase of `target` deletes NSAppTransportSecurity from the processed
    Info.plist in every configuration but Debug."""
    for phase in target.get("postBuildScripts", []):
        script = phase.get("script", "")
        if ('[ "$CONFIGURATION" != "Debug" ]' in script
                and 'Delete :NSAppTransportSecurity" "$TARGET_BUILD_DIR/$INFOPLIST_PATH"' in script
                and "$(TARGET_BUILD_DIR)/$(INFOPLIST_PATH)" in phase.get("inputFiles", [])):
            return True
    return False


def check_info_plists():
    """Each target's Info.plist as Debug and Release build it: version, ATS, portal."""
    if yaml is None:
        check("project.yml", False, "reading it needs PyYAML (apt-get install python3-yaml)")
        return
    spec = yaml.safe_load((IOS / "project.yml").read_text())
    base = spec.get("settings", {}).get("base", {})
    check("MARKETING_VERSION", re.fullmatch(r"\d+\.\d+(\.\d+)?", str(base.get("MARKETING_VERSION", ""))) is not None,
          "a version like 1.2.3 in settings.base")
    check("CURRENT_PROJECT_VERSION", re.fullmatch(r"\d+", str(base.get("CURRENT_PROJECT_VERSION", ""))) is not None,
          "a build number in settings.base")
    for name, target in spec.get("targets", {}).items():
        properties = target.get("info", {}).get("properties", {})
        strips = strips_ats_outside_debug(target)
        for config in ("Debug", "Release"):
            settings = {**base, **spec["settings"].get("configs", {}).get(config, {}),
                        **target.get("settings", {}).get("base", {})}
            info = substitute(properties, settings)
            if config != "Debug" and strips:
                info.pop("NSAppTransportSecurity", None)
            where = f"{name} {config}"
            check(f"{where}: CFBundleShortVersionString", info.get("CFBundleShortVersionString") == str(base.get("MARKETING_VERSION")),
                  "must be $(MARKETING_VERSION)")
            check(f"{where}: CFBundleVersion", info.get("CFBundleVersion") == str(base.get("CURRENT_PROJECT_VERSION")),
                  "must be $(CURRENT_PROJECT_VERSION)")
            portal = info.get("YaohaoPortalURL", "")
            ats = info.get("NSAppTransportSecurity")
            if config == "Debug":
                check(f"{where}: portal", re.match(r"^http://(localhost|127\.0\.0\.1)(:\d+)?$", portal) is not None,
                      f"the Debug portal is the Mac's own, not {portal!r}")
                check(f"{where}: ATS", ats == {"NSAllowsLocalNetworking": True},
                      f"only local addresses may be reached without TLS, not {ats!r}")
            else:
                check(f"{where}: portal", portal.startswith("https://"), f"must be https, not {portal!r}")
                check(f"{where}: ATS", ats is None, f"no ATS exception outside Debug, found {ats!r}")


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
    check_info_plists()

    failed = RESULTS.count(False)
    print(f"{len(RESULTS) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
