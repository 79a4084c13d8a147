"""Every message of the UI has its Simplified Chinese text, and the compiled catalogue
that Django reads matches the .po file."""

import gettext
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES"
ENTRY = re.compile(r'^msgid ((?:"(?:[^"\\]|\\.)*"\n)+)msgstr ((?:"(?:[^"\\]|\\.)*"\n)+)', re.M)


def _text(block: str) -> str:
    return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', block)).replace('\\"', '"')


def po_entries() -> dict[str, str]:
    text = (CATALOGUE / "django.po").read_text(encoding="utf-8")
    return {_text(msgid): _text(msgstr) for msgid, msgstr in ENTRY.findall(text) if _text(msgid)}


def test_every_message_has_a_chinese_translation():
    untranslated = [msgid for msgid, msgstr in po_entries().items() if not msgstr]
    assert po_entries(), "the catalogue is empty"
    assert untranslated == []


def test_the_compiled_catalogue_is_up_to_date_with_the_po_file():
    with open(CATALOGUE / "django.mo", "rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    stale = [
        msgid
        for msgid, msgstr in po_entries().items()
        if catalogue.gettext(msgid) != msgstr.replace("\\n", "\n")
    ]
    assert stale == [], "run `make messages`"
