"""HTML (a Django template) -> PDF, with Chinese set in an embedded CJK font.

xhtml2pdf (pure Python, on ReportLab) lays the page out. Templates extend
``documents/base_pdf.html``, whose ``@font-face`` rules name the font by a ``waiban-font:``
address that ``_link_callback`` maps to ``fonts/WaibanSerifSC-GB2312.ttf`` (a GB2312
subset of Noto Serif SC; ``fonts/make_font.py`` says how it was made). The same font
carries the Latin letters, so English paragraphs sit beside the Chinese. ReportLab embeds
only the glyphs a document uses.

The link callback refuses every other address: a template can never make the renderer
read a local file or fetch a URL. xhtml2pdf's own resource policy confines local reads to
the working directory unless told otherwise, which would block the font wherever the
process does not run from the repository (gunicorn runs with ``--chdir platform``), so
it is given one that allows the fonts' directory and nothing remote.
"""

from __future__ import annotations

import io
from pathlib import Path

from django.template.loader import render_to_string
from xhtml2pdf import pisa
from xhtml2pdf.config.resources import ResourceAccessPolicy

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FILES = {"waiban-font:serif-sc": FONTS_DIR / "WaibanSerifSC-GB2312.ttf"}
FONT_FAMILY = "WaibanSerifSC"
RESOURCE_POLICY = ResourceAccessPolicy(allow_remote=False, base_dir=FONTS_DIR)


class PdfRenderError(RuntimeError):
    pass


def _link_callback(uri: str, rel: str | None) -> str:
    path = FONT_FILES.get(uri)
    if path is None:
        raise PdfRenderError(f"documents may only use the platform's own fonts, not {uri!r}")
    return str(path)


def render_html_to_pdf(html: str) -> bytes:
    output = io.BytesIO()
    result = pisa.CreatePDF(
        html,
        dest=output,
        encoding="utf-8",
        link_callback=_link_callback,
        resource_policy=RESOURCE_POLICY,
    )
    if result.err:
        raise PdfRenderError(f"the PDF could not be rendered ({result.err} errors)")
    return output.getvalue()


def render_pdf(template_name: str, context: dict) -> bytes:
    """Renders the Django template ``template_name`` with ``context`` and returns the PDF."""
    html = render_to_string(template_name, {**context, "pdf_font_family": FONT_FAMILY})
    return render_html_to_pdf(html)


def render_text_pdf(paragraphs: list[str], *, title: str = "") -> bytes:
    """A plain page of ``paragraphs`` (escaped) in the platform's font: Chinese and English
    both drawn, never boxes (for simple attachments such as the demo's letters)."""
    return render_pdf("documents/text_pdf.html", {"paragraphs": paragraphs, "title": title})
