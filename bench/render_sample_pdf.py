"""Renders documents/sample.html to PDF and its first page to PNG, to look at.

The tests check the text and the embedded font with pypdf; whether the Chinese *looks*
right (no boxes, no overlaps) needs eyes. This writes ``bench/out/sample.pdf`` and
``bench/out/sample.png`` and prints the render time. pypdfium2 draws the page; it is not
a dependency of the platform::

    .venv/bin/pip install pypdfium2
    DATABASE_URL=... .venv/bin/python bench/render_sample_pdf.py
"""

from __future__ import annotations

import datetime
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "platform"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "waiban.settings")

import django  # noqa: E402

django.setup()

from apps.documents.pdf import render_pdf  # noqa: E402

SAMPLE_CONTEXT = {
    "office_name": "广州市人民政府外事办公室",
    "office_name_en": "Foreign Affairs Office of the People's Government of Guangzhou Municipality",
    "number": "穗外办批〔2026〕12号",
    "title": "关于同意市教育局代表团赴英国进行教育交流的批复",
    "addressee": "广州市教育局",
    "body": [
        "你局《关于组团赴英国开展教育交流合作的请示》收悉。经研究，同意由副局长张伟率团一行"
        "五人于2026年5月10日至16日赴英国伦敦、曼彻斯特进行教育交流，在外停留七天。",
        "请严格执行外事纪律和中央八项规定精神，按规定办理护照、签证手续，回国后一个月内将出访报告报送我办。",
    ],
    "english_title": "Approval of a visit to the United Kingdom",
    "english_body": [
        "The Foreign Affairs Office of Guangzhou approves the visit of a five-member delegation "
        "of the Guangzhou Municipal Education Bureau, led by Deputy Director-General Zhang Wei, "
        "to London and Manchester from 10 to 16 May 2026 for educational exchanges.",
    ],
    "issued_on": datetime.date(2026, 4, 20),
    "signatory": "李明",
}


def main() -> None:
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    started = time.perf_counter()
    pdf = render_pdf("documents/sample.html", SAMPLE_CONTEXT)
    elapsed = time.perf_counter() - started
    (out / "sample.pdf").write_bytes(pdf)
    print(f"sample.pdf: {len(pdf) / 1024:.0f} KiB in {elapsed:.2f} s")
    try:
        import pypdfium2
    except ImportError:
        print("pypdfium2 is not installed: `.venv/bin/pip install pypdfium2` to get the PNG")
        return
    page = pypdfium2.PdfDocument(pdf)[0]
    page.render(scale=1.5).to_pil().save(out / "sample.png")
    print(f"page 1 -> {out / 'sample.png'}")


if __name__ == "__main__":
    main()
