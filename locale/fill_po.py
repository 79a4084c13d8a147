"""Fills a .po file's translations from a {msgid: msgstr} table (a YAML file).

    python locale/fill_po.py locale/zh_Hans/LC_MESSAGES/django.po locale/zh_Hans/terms.yaml

Used by ``make messages`` after ``makemessages``, so translators keep one readable table.
Every entry whose msgid is in the table gets the table's text; gettext's fuzzy guesses
are dropped (never shipped half-right). Prints the msgids still untranslated and exits 1
if there are any.
"""

import re
import sys
from pathlib import Path

import yaml

STRING = r'"(?:[^"\\]|\\.)*"'


def unquote(block: str) -> str:
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"', block)
    return "".join(parts).replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def fill_entry(block: str, table: dict, missing: list) -> str:
    match = re.search(rf"^msgid ((?:{STRING}\n?)+)msgstr ((?:{STRING}\n?)+)", block, re.M)
    if match is None or "msgid_plural" in block:
        return block
    msgid = unquote(match.group(1))
    if msgid == "":  # the header
        return block.replace("#, fuzzy\n", "")
    lines = [line for line in block.splitlines() if not line.startswith("#|")]
    flags = [line for line in lines if line.startswith("#,")]
    fuzzy = any("fuzzy" in line for line in flags)
    cleaned = []
    for line in lines:
        if line.startswith("#,"):
            rest = [flag.strip() for flag in line[2:].split(",") if flag.strip() != "fuzzy"]
            if rest:
                cleaned.append("#, " + ", ".join(rest))
            continue
        cleaned.append(line)
    block = "\n".join(cleaned) + ("\n" if block.endswith("\n") else "")
    current = "" if fuzzy else unquote(match.group(2))
    text = table.get(msgid, current)
    if not text:
        missing.append(msgid)
    start = block.index("msgstr ")
    end = re.search(rf"^msgstr (?:{STRING}\n?)+", block[start:], re.M).end() + start
    return block[:start] + f"msgstr {quote(text)}\n" + block[end:].lstrip("\n")


def main(po_path: str, table_path: str) -> int:
    po = Path(po_path).read_text(encoding="utf-8")
    table = yaml.safe_load(Path(table_path).read_text(encoding="utf-8")) or {}
    missing: list[str] = []
    blocks = po.split("\n\n")
    po = "\n\n".join(fill_entry(block if block.endswith("\n") else block + "\n", table, missing).rstrip("\n")
                     for block in blocks) + "\n"  # fmt: skip
    Path(po_path).write_text(po, encoding="utf-8")
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
