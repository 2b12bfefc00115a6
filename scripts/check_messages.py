"""Fail when a Persian translation is missing or the compiled catalogue is stale."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).parent.parent / "src/kalantari/locale/fa/LC_MESSAGES"


def main() -> int:
    po = polib.pofile(str(LOCALE / "django.po"))
    missing = [e.msgid for e in po.untranslated_entries()] + [e.msgid for e in po.fuzzy_entries()]
    for m in missing:
        print(f"untranslated in fa: {m!r}")
    placeholder = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")
    for e in po.translated_entries():
        want = set(placeholder.findall(e.msgid))
        for text in [e.msgstr] if e.msgstr else list(e.msgstr_plural.values()):
            if set(placeholder.findall(text)) != want:
                print(f"placeholders differ in fa: {e.msgid!r}")
                missing.append(e.msgid)
    mo_path = LOCALE / "django.mo"
    if not mo_path.exists():
        print("django.mo is missing: run `make messages`")
        return 1
    compiled = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in polib.mofile(str(mo_path))
    }
    source = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in po.translated_entries()}
    if compiled != source:
        print("django.mo is older than django.po: run `make messages`")
        return 1
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
