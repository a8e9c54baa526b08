"""The change list as a Markdown 新旧対照表: 箇所 | 変更後 | 変更前, changed words in bold underline.

As in the committee's tables, a new thing reads （新設） in the 変更前 column and a removed one
（削除） in the 変更後 column; in changed text only the words that differ are marked.

>>> cell([("R", False), ("7", True), (".7.1時点", False)])
'R<b><u>7</u></b>.7.1時点'
>>> escape("a|b *c* R6.7.2~12.31 <x>")
'a\\\\|b \\\\*c\\\\* R6.7.2\\\\~12.31 &lt;x&gt;'
"""

from __future__ import annotations

from ..markdown import escape
from .changes import AREA_JA, Change, ChangeSet
from .report import SECTION_JA, side_title
from .words import Segments, word_diff

NEW_THING = "（新設）"
REMOVED_THING = "（削除）"
NONE = "（なし）"



def mark(text: str) -> str:
    return f"<b><u>{escape(text)}</u></b>" if text else ""


def cell(segments: Segments) -> str:
    return "".join(mark(t) if changed else escape(t) for t, changed in segments)


def _place(c: Change) -> str:
    if not c.field_label:  # a whole thing: the columns name it
        return escape(AREA_JA.get(c.area, c.area))
    return escape(f"{c.subject}の{c.field_label}")


def _content(c: Change, value: str | None) -> str:
    """What a whole added or removed thing shows: its name and what it holds, or the line itself."""
    if not c.field_label:
        parts = [c.subject]
    else:
        parts = [value] if value else [] if c.detail else [c.field_label]
    return "<br>".join(mark(p) for p in [*parts, *c.detail])


def row(c: Change) -> str:
    """One table row for a change.

    >>> from flowdiag.diff.changes import Side
    >>> row(Change("added", "step", "ステップ③「確定」", "", "", None, Side("b", ("steps", 3), 9, "確定")))
    '| ステップ | <b><u>ステップ③「確定」</u></b> | （新設） |'
    """
    old = c.old.value if c.old else None
    new = c.new.value if c.new else None
    if c.kind == "added":
        after, before = _content(c, new), NEW_THING
    elif c.kind == "removed":
        after, before = REMOVED_THING, _content(c, old)
    elif old and new:
        left, right = word_diff(old, new)
        before, after = cell(left), cell(right)
    else:
        before, after = (escape(old) if old else NONE), (mark(new) if new else NONE)
    return f"| {_place(c)} | {after} | {before} |"


def markdown_report(cs: ChangeSet) -> str:
    """The whole 新旧対照表, one table per part of the chart."""
    title = cs.new.title or cs.old.title
    out = [f"# 新旧対照表 {escape(title)}".rstrip(), "",
           f"- 変更後: {escape(side_title(cs.new))}",
           f"- 変更前: {escape(side_title(cs.old))}", ""]
    if not cs:
        out.append(cs.summary())
        return "\n".join(out) + "\n"
    label = cs.old.version or "前回"
    out += [f"※<b><u>太字下線</u></b>部分が{escape(label)}からの変更箇所（{escape(cs.summary())}）", ""]
    section = None
    for c in cs.changes:
        name = SECTION_JA.get(c.area, "注記・その他")
        if name != section:
            if section is not None:
                out.append("")
            out += [f"## {name}", "", "| 箇所 | 変更後 | 変更前 |", "| --- | --- | --- |"]
            section = name
        out.append(row(c))
    return "\n".join(out) + "\n"
