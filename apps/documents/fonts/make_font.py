"""How ``WaibanSerifSC-GB2312.ttf`` was made (a maintainer's tool, not run by the platform).

The source is Noto Serif SC Regular (SIL Open Font License 1.1), as shipped on PyPI by
``pylopdf-fonts-zh-cn==0.1.1`` (``NotoSerifSC-Regular.otf``, sha256 e8f396de...1cd3).
ReportLab, under xhtml2pdf, embeds TrueType outlines only, and the original is a 11 MB
PostScript-outline (CFF) OpenType font, so this script

1. keeps the characters an office letter needs: ASCII and Latin-1, general and CJK
   punctuation, full-width forms and every character of GB2312 (6,763 hanzi);
2. converts the cubic CFF outlines to quadratic TrueType outlines;
3. renames the family (the OFL asks a modified font to carry its own name) while keeping
   the copyright and licence records.

Run it with fontTools in a throw-away virtualenv::

    python -m venv /tmp/fontvenv && /tmp/fontvenv/bin/pip install fonttools pylopdf-fonts-zh-cn
    /tmp/fontvenv/bin/python apps/documents/fonts/make_font.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "WaibanSerifSC-GB2312.ttf"
FAMILY = "Waiban Serif SC"
POSTSCRIPT_NAME = "WaibanSerifSC-Regular"


def gb2312_characters() -> set[int]:
    codepoints = set()
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                codepoints.add(ord(bytes([row, cell]).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return codepoints


def wanted_codepoints() -> set[int]:
    ranges = [
        (0x20, 0x7E),  # ASCII
        (0xA0, 0xFF),  # Latin-1
        (0x2000, 0x206F),  # general punctuation
        (0x3000, 0x303F),  # CJK symbols and punctuation (〔〕《》、。)
        (0xFF00, 0xFFEF),  # full-width forms
        (0x2460, 0x2473),  # circled numbers
    ]
    codepoints = gb2312_characters()
    for start, end in ranges:
        codepoints.update(range(start, end + 1))
    codepoints.add(ord("〇"))  # in dates written out: 二〇二六年
    return codepoints


def to_truetype(font: TTFont, max_err: float = 1.0) -> None:
    """CFF (cubic) outlines -> glyf (quadratic), after fontTools' Snippets/otf2ttf.py."""
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    quadratic = {}
    for name in glyph_order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        quadratic[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = quadratic
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        advance, _ = hmtx[name]
        hmtx[name] = (advance, getattr(glyph, "xMin", 0))
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    maxp.compile(font)
    post = font["post"]
    post.formatType = 3.0  # no glyph names: smaller, and ReportLab does not need them
    font.sfntVersion = "\000\001\000\000"


def rename(font: TTFont) -> None:
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 3, 4, 6, 16, 17, 18, 21, 22):
            names.removeNames(nameID=record.nameID)
    for platform_id, encoding_id, language_id in ((3, 1, 0x409), (1, 0, 0)):
        names.setName(FAMILY, 1, platform_id, encoding_id, language_id)
        unique_id = f"{POSTSCRIPT_NAME};GB2312 subset of Noto Serif SC"
        names.setName(unique_id, 3, platform_id, encoding_id, language_id)
        names.setName(f"{FAMILY} Regular", 4, platform_id, encoding_id, language_id)
        names.setName(POSTSCRIPT_NAME, 6, platform_id, encoding_id, language_id)


def main(source: str) -> None:
    options = subset.Options()
    options.layout_features = ["kern", "vert", "vrt2"]
    options.hinting = False
    options.desubroutinize = True
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    font = TTFont(source)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted_codepoints())
    subsetter.subset(font)
    to_truetype(font)
    rename(font)
    font.save(OUTPUT)
    print(f"{OUTPUT.name}: {OUTPUT.stat().st_size / 1e6:.1f} MB, {len(font.getGlyphOrder())} glyphs")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        main(sys.argv[1])
    else:
        import pylopdf_fonts_zh_cn

        main(str(pylopdf_fonts_zh_cn.serif_path()))
