"""One business, one name: 事業名, the chart's title, 登録業務の名称 and 件名 spell the business alike.

A near miss is a name one or two characters off another (a look-alike character, a dropped or
changed character inside a word); a different word (送付 / 印字) is a different name, not a typo.

>>> near("携帯トイレ等の全世帯配布事業", "携帯トイレ等の全世帯配付事業")
'「布」と「付」'
>>> near("いきいきハイキング", "いきいきハイキンク")
'「グ」と「ク」'
>>> near("保護変更決定通知書等の送付", "保護変更決定通知書等の印字") is None
True
>>> near("保護変更決定通知書等の送付", "保護変更決定通知書等の") is None
True
"""

from __future__ import annotations

import difflib
import functools
import re

from ..wording import script_of
from .context import Context
from .findings import Finding, rule
from .packet_facts import written_names
from .rules_packet import BASE
from .wording import fold_lookalikes, lookalikes, loose

_RUNS = re.compile(r"[一-鿿々〆ヶ]+|[ァ-ヿ]+|[ぁ-ゟ]+|[A-Za-z0-9]+|.")


def _runs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _RUNS.finditer(text)]


def _whole_word(text: str, a: int, b: int) -> bool:
    """``text[a:b]`` is one or more whole words of two characters or more (a script run)."""
    if b - a < 2:
        return False
    runs = _runs(text)
    return any(s == a for s, _ in runs) and any(e == b for _, e in runs)


@functools.lru_cache(maxsize=4096)
def near(a: str, b: str) -> str | None:
    """How ``b`` differs from ``a`` when it looks like a misspelling of it (None otherwise)."""
    la, lb = loose(a), loose(b)
    if la == lb or min(len(la), len(lb)) < 4:
        return None
    if loose(fold_lookalikes(a)) == loose(fold_lookalikes(b)):
        found = lookalikes(b, a)
        return "、".join(found) if found else "形の似た字"
    sm = difflib.SequenceMatcher(None, la, lb, autojunk=False)
    changed = [op for op in sm.get_opcodes() if op[0] != "equal"]
    if len(changed) != 1 or sum(max(i2 - i1, j2 - j1) for _, i1, i2, j1, j2 in changed) > 2:
        return None  # a typo is one spot of one or two characters
    for tag, i1, i2, j1, j2 in changed:  # a particle added or left out (の, に): another phrase
        if tag != "replace" and all(script_of(c) == "hiragana" for c in la[i1:i2] + lb[j1:j2]):
            return None
    for tag, i1, i2, j1, j2 in changed:  # a character of another script: another word (特定 / する), not a typo
        if tag == "replace" and {script_of(c) for c in la[i1:i2]} != {script_of(c) for c in lb[j1:j2]}:
            return None
    for tag, i1, i2, j1, j2 in changed:  # a whole word changed, left out or added: another wording
        if (tag == "replace" and _whole_word(la, i1, i2) and _whole_word(lb, j1, j2)) \
                or (tag == "delete" and _whole_word(la, i1, i2)) or (tag == "insert" and _whole_word(lb, j1, j2)):
            return None
    parts = []
    for tag, i1, i2, j1, j2 in changed:
        if tag == "replace":
            parts.append(f"「{la[i1:i2]}」と「{lb[j1:j2]}」")
        elif tag == "delete":
            parts.append(f"「{la[i1:i2]}」が無い")
        else:
            parts.append(f"「{lb[j1:j2]}」が多い")
    return "、".join(parts)


def cuts_word(text: str, start: int, end: int, like: str) -> bool:
    """``text[start:end]`` cuts a word at an edge where it does not begin or end like ``like``."""
    cut_start = 0 < start < len(text) and script_of(text[start - 1]) == script_of(text[start]) \
        and text[start:start + 2] != like[:2]
    cut_end = 0 < end < len(text) and script_of(text[end]) == script_of(text[end - 1]) \
        and text[max(start, end - 2):end] != like[-2:]
    return cut_start or cut_end


def _best_window(name: str, text: str) -> str | None:
    """The part of ``text`` (a 件名) that spells ``name`` one or two characters off, if any."""
    ln, lt = loose(name), loose(text)
    if ln in lt or len(ln) < 4:
        return None
    best: tuple[float, str] | None = None
    for size in range(max(1, len(ln) - 2), len(ln) + 3):
        for start in range(0, max(0, len(lt) - size) + 1):
            if cuts_word(lt, start, start + size, ln):
                continue
            window = lt[start:start + size]
            ratio = difflib.SequenceMatcher(None, ln, window, autojunk=False).ratio()
            if best is None or ratio > best[0]:
                best = (ratio, window)
    if best is None or near(ln, best[1]) is None:
        return None
    return best[1]


@rule("packet-name", "warning", "packet", "事業の名前の書き方が場所によって違う",
      "事業名（summary.business か document.business）、図の表題、様式の登録業務の名称、件名に書いた事業の名前が、"
      "1〜2字だけ違うものを両方の書き方で知らせます（どちらかが誤記です）。様式どうしで登録業務の名称が"
      "違うときは情報として知らせます。件名は、事業名を含んでいるかを見ます。",
      BASE.replace("title: 【例の事業の個人情報の流れ】, business: 例の事業",
                   "title: 【携帯トイレ等の全世帯配布事業の個人情報の流れ】, business: 携帯トイレ等の全世帯配付事業")
      + "  kinds: [業務委託]\n  forms:\n    - {kind: 業務委託, business: 携帯トイレ等の全世帯配布事業}\n",
      BASE.replace("title: 【例の事業の個人情報の流れ】, business: 例の事業",
                   "title: 【携帯トイレ等の全世帯配布事業の個人情報の流れ】, business: 携帯トイレ等の全世帯配布事業")
      + "  kinds: [業務委託]\n  forms:\n    - {kind: 業務委託, business: 携帯トイレ等の全世帯配布事業}\n")
def names(ctx: Context) -> list[Finding]:
    written = [(role, name, path) for role, name, path in written_names(ctx) if name.strip()]
    if not written:
        return []
    ref_role, ref, ref_path = written[0]  # 事業名 (or the chart's title when there is none)
    ref_line = ctx.doc.where(ref_path)[0]
    out = []
    registered: list[tuple[str, str, tuple[str | int, ...]]] = []
    for role, name, path in written[1:]:
        if role.endswith("件名"):
            window = _best_window(ref, name)
            if window is not None:
                out.append(ctx.finding("packet-name", path,
                                       f"{role}の「{window}」は、{ref_role}では「{ref}」です（{near(ref, window)}）",
                                       f"どちらが正しいか確かめて揃えてください（{ref_role}は{ref_line}行目）", (name,)))
            continue
        if role.endswith("登録業務の名称"):
            registered.append((role, name, path))
        how = near(ref, name)
        if how is not None:
            out.append(ctx.finding("packet-name", path, f"{role}の「{name}」は、{ref_role}では「{ref}」です（{how}）",
                                   f"どちらが正しいか確かめて揃えてください（{ref_role}は{ref_line}行目）", (name,)))
    for role, name, path in registered[1:]:
        first_role, first, _ = registered[0]
        if loose(first) != loose(name) and near(first, name) is None and near(ref, name) is None:
            out.append(ctx.finding("packet-name", path, f"{role}「{name}」は、{first_role}「{first}」と違います",
                                   "同じ事業の様式なら、登録業務の名称を揃えてください", (name,), "info"))
    return out
