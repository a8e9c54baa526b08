"""Pieces of Graphviz HTML-like labels: escaped text lines with change marks, bullet lists, tables.

>>> from flowdiag.model.marks import Marks
>>> lines_html([[("対象者", ("a",)), ("の抽出", ("b",))]], Marks(frozenset({("b",)})))
'対象者<FONT COLOR="#D00000"><B><U>の抽出</U></B></FONT>'
"""

from __future__ import annotations

import math
import re

from ..model.marks import WORDS, Marks
from .style import DEFAULT_PT, STEP_PT
from .text import NUMBER_SEP, Span, escape, wrap_spans

MARK_COLOR = "#D00000"

_DIGITS = re.compile(r"\d+")
# room for the circle around a step number past ㊿: a no-break space of 0.25 em on each side
_CIRCLE_PAD = f'<FONT POINT-SIZE="{STEP_PT / 2:g}">&#160;</FONT>'


def circle_numbers(body: str) -> str:
    """Step numbers past ㊿ have no character: mark the digits with <O> (overline), which the page
    stage turns into a drawn circle, with a little room on both sides.

    >>> circle_numbers("㊿51′")
    '㊿<FONT POINT-SIZE="4.75">&#160;</FONT><O>51</O><FONT POINT-SIZE="4.75">&#160;</FONT>′'
    """
    return _DIGITS.sub(lambda m: f"{_CIRCLE_PAD}<O>{m.group(0)}</O>{_CIRCLE_PAD}", body)


def span_html(text: str, key: object, marks: Marks) -> str:
    if isinstance(key, tuple) and key and key[-1] == "number":
        body = "".join(circle_numbers(escape(part)) for part in text.split(NUMBER_SEP))
    else:
        body = escape(text)
    if isinstance(key, tuple) and marks.marked(key):
        return f'<FONT COLOR="{MARK_COLOR}"><B><U>{body}</U></B></FONT>'
    return body


def split_words(spans: list[Span], marks: Marks) -> list[Span]:
    """Cut an edited text into its changed words (key ``path + (WORDS,)``, marked) and the rest.

    >>> m = Marks(frozenset({("t", WORDS)}), words=((("t",), "R7.7.1時点", ((0, 2),)),))
    >>> split_words([("①", ("n",)), ("(R7.7.1時点)", ("t",))], m)
    [('①', ('n',)), ('(', ('t',)), ('R7', ('t', '@words')), ('.7.1時点)', ('t',))]
    """
    if not marks.words:
        return spans
    out: list[Span] = []
    for text, key in spans:
        found = marks.word_ranges(key) if isinstance(key, tuple) else None
        at = text.find(found[0]) if found else -1
        if found is None or at < 0:
            out.append((text, key))
            continue
        pos = 0
        for a, b in found[1]:
            if pos < at + a:
                out.append((text[pos:at + a], key))
            out.append((text[at + a:at + b], key + (WORDS,)))
            pos = at + b
        if pos < len(text):
            out.append((text[pos:], key))
    return out


def _leading(size: float) -> str:
    """An invisible space a little taller than the text: the line it ends sits lower, so the
    underline of a changed line above does not run into it (Graphviz has no line spacing)."""
    return f'<FONT POINT-SIZE="{math.floor(size * 1.2)}">&#160;</FONT>'


def lines_html(lines: list[list[Span]], marks: Marks, align: str = "LEFT", size: float | None = None) -> str:
    """Wrapped lines joined by <BR/>; each piece escaped and marked as changed where asked.

    With ``size``, a line under a changed (underlined) line gets a little more room above it.
    """
    out = []
    under_mark = False
    for line in lines:
        body = "".join(span_html(t, k, marks) for t, k in line)
        if under_mark and size is not None:
            pad = _leading(size)
            body = body + pad if align == "LEFT" else pad + body + pad
        out.append(body)
        under_mark = any(isinstance(k, tuple) and t.strip() and marks.marked(k) for t, k in line)
    return f'<BR ALIGN="{align}"/>'.join(out)


def text_cell(spans: list[Span], max_em: float, marks: Marks, *, size: float | None = None, bold: bool = False,
              align: str = "LEFT", extra: str = "") -> str:
    """A <TD> holding wrapped text."""
    body = lines_html(wrap_spans(split_words(spans, marks), max_em), marks, align,
                      size if size is not None else DEFAULT_PT)
    if bold:
        body = f"<B>{body}</B>"
    if size is not None:
        body = f'<FONT POINT-SIZE="{size:g}">{body}</FONT>'
    # a trailing <BR/> makes Graphviz apply the line alignment to the last line too
    return f'<TD ALIGN="{align}" BALIGN="{align}"{extra}>{body}<BR ALIGN="{align}"/></TD>' if align == "LEFT" else \
        f'<TD ALIGN="{align}"{extra}>{body}</TD>'


def bullet_cell(items: list[tuple[str, object]], max_em: float, marks: Marks, size: float, extra: str = "") -> str:
    """A bullet list in one cell: ・ at the start of each item, continuation lines hang under the text.

    One cell (not a row per item) keeps Graphviz from stretching rows when lists sit side by side.
    """
    lines: list[list[Span]] = []
    for text, key in items:
        for i, line in enumerate(wrap_spans(split_words([(text, key)], marks), max_em - 1)):
            lead = ("・" if i == 0 else "\u3000", key if i == 0 else None)
            lines.append([lead, *line])
    body = lines_html(lines, marks, "LEFT", size)
    return (f'<TD ALIGN="LEFT" BALIGN="LEFT" VALIGN="TOP"{extra}><FONT POINT-SIZE="{size:g}">{body}'
            f'<BR ALIGN="LEFT"/></FONT></TD>')


def table(rows: list[str], *, border: int = 0, cellborder: int = 0, spacing: int = 0, padding: int = 2,
          bgcolor: str | None = None, color: str | None = None, style: str | None = None) -> str:
    attrs = f'BORDER="{border}" CELLBORDER="{cellborder}" CELLSPACING="{spacing}" CELLPADDING="{padding}"'
    if bgcolor:
        attrs += f' BGCOLOR="{bgcolor}"'
    if color:
        attrs += f' COLOR="{color}"'
    if style:
        attrs += f' STYLE="{style}"'
    return f"<TABLE {attrs}>{''.join(rows)}</TABLE>"
