"""Text made literal in Markdown (the checklist sheets, the 新旧対照表): what a user wrote can never
become a link, an image, HTML, a heading or a new table row.

>>> escape("a|b *c* R6.7.2~12.31 <x>")
'a\\\\|b \\\\*c\\\\* R6.7.2\\\\~12.31 &lt;x&gt;'
>>> escape("![x](javascript:alert(1))\\r\\n| 偽の行 |")
'!\\\\[x\\\\](javascript:alert(1))<br>\\\\| 偽の行 \\\\|'
"""

from __future__ import annotations

import re


def escape(text: str) -> str:
    """Literal text for a Markdown table cell or line (inline HTML is kept for flowdiag's own marks)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"([\\`*_~|\[\]#])", r"\\\1", text)  # with [ ] escaped, no ( ) or ! can make a link
    return re.sub(r"\r\n|\r|\n|\u2028|\u2029", "<br>", text)
