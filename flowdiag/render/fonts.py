"""The bundled font for drawing: pinned for cairo, and the characters it cannot draw.

>>> sorted(missing_chars("𠮷野家 ✔ ①㉑"))
['✔', '𠮷']
"""

from __future__ import annotations

import os
import unicodedata

from ..layout.font import FONTS_DIR, covered
from ..model.flow import Flow


def pin_fonts() -> None:
    """Make fontconfig see only the bundled font, before cairo draws any text.

    ``FONTCONFIG_FILE`` is read when fontconfig initialises, so this must run before cairosvg
    draws; the command line calls it at start-up.
    """
    os.environ["FONTCONFIG_FILE"] = str(FONTS_DIR / "fonts.conf")
    os.environ.pop("FONTCONFIG_PATH", None)


def missing_chars(text: str) -> set[str]:
    return {c for c in text if not c.isspace() and unicodedata.category(c)[0] != "C" and not covered(c)}


def _texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [t for v in value for t in _texts(v)]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    return []


def missing_glyphs(flow: Flow) -> list[str]:
    """Warnings naming the characters the font lacks (例: 𠮷, emoji)."""
    missing = missing_chars("".join(_texts(flow.model_dump(mode="json"))))
    if not missing:
        return []
    shown = "、".join(f"「{c}」(U+{ord(c):04X})" for c in sorted(missing))
    return [f"同梱フォント（BIZ UDゴシック）にない文字があり、PDF/PNG では□になります: {shown}"
            " — 常用の字体（例: 𠮷→吉）に置き換えるか、文字を削除してください"]
