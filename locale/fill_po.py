"""Fills empty msgstr entries of a .po file from a {msgid: msgstr} table (a YAML file).

    python locale/fill_po.py locale/zh_Hans/LC_MESSAGES/django.po locale/zh_Hans/terms.yaml

Used after ``make messages`` so translators keep one readable table; entries already
translated in the .po are left as they are. Prints the msgids still untranslated.
"""

import re
import sys
from pathlib import Path

import yaml

ENTRY = re.compile(r'(msgid ((?:"(?:[^"\\]|\\.)*"\n)+))msgstr ""\n(?!")', re.M)


def unquote(block: str) -> str:
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"', block)
    return "".join(parts).encode("latin-1", "backslashreplace").decode("unicode_escape")


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def main(po_path: str, table_path: str) -> int:
    po = Path(po_path).read_text(encoding="utf-8")
    table = yaml.safe_load(Path(table_path).read_text(encoding="utf-8")) or {}
    missing = []

    def fill(match: re.Match) -> str:
        msgid = unquote(match.group(2))
        if msgid == "":
            return match.group(0)
        if msgid not in table:
            missing.append(msgid)
            return match.group(0)
        return f"{match.group(1)}msgstr {quote(table[msgid])}\n"

    po = ENTRY.sub(fill, po)
    po = po.replace('#, fuzzy\nmsgid ""\nmsgstr ""\n', 'msgid ""\nmsgstr ""\n', 1)
    Path(po_path).write_text(po, encoding="utf-8")
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
