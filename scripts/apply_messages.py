"""Fill locale/fa/LC_MESSAGES/django.po from scripts/fa_messages.py; list what is missing."""

from __future__ import annotations

import sys
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).parent))
from fa_messages import FA, PLURALS

PO = Path(__file__).parent.parent / "src/kalantari/locale/fa/LC_MESSAGES/django.po"


def main() -> int:
    po = polib.pofile(str(PO))
    po.metadata["Plural-Forms"] = "nplurals=2; plural=(n > 1);"
    po.metadata["Language"] = "fa"
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    missing = []
    for entry in po:
        if "fuzzy" in entry.flags and entry.msgid not in FA and entry.msgid not in PLURALS:
            # makemessages guessed from a similar old string: never ship the guess.
            entry.msgstr = ""
            entry.msgstr_plural = dict.fromkeys(entry.msgstr_plural, "")
        if entry.msgid_plural:
            text = PLURALS.get(entry.msgid)
            if text:
                entry.msgstr_plural = {0: text, 1: text}
            else:
                missing.append(entry.msgid)
        elif entry.msgid in FA:
            entry.msgstr = FA[entry.msgid]
        elif not entry.msgstr:
            missing.append(entry.msgid)
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save(str(PO))
    for m in missing:
        print(f"untranslated: {m!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
