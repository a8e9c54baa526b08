"""Resolve what a flow refers to in the catalogs: measure bullets, media and channels.

Rendering, checking and diffing all read flows through these helpers, so a catalog id,
a set and a free-text bullet mean the same thing everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..catalog import REF_PATTERN, Catalog, MeasureEntry, MediumEntry
from ..model.flow import Measure, MeasureRef, Step


@dataclass(frozen=True)
class Bullet:
    """One measure line as drawn, with the catalog entry it stands for (if any)."""

    label: str
    entry: MeasureEntry | None
    index: int  # position in the list as written (several bullets share it when a set expands)
    row: str | None = None


def measure_bullets(items: list[Measure], catalog: Catalog) -> list[Bullet]:
    """Expand ids and sets to catalog labels; keep free text exactly as written.

    >>> from flowdiag.catalog import load_catalog
    >>> [b.label for b in measure_bullets(["sets.handover", "・独自の対策"], load_catalog())]
    ['鍵付きカバン等による運搬', '暗号化機能付きUSBメモリを利用し、管理簿に記載', '独自の対策']
    """
    out: list[Bullet] = []
    for i, item in enumerate(items):
        if isinstance(item, MeasureRef):
            if item.ref:
                entry = catalog.measures.get(item.ref)
                if entry:
                    out.append(Bullet(item.text or entry.label, entry, i, item.row))
                elif item.ref in catalog.sets:
                    out.extend(Bullet(catalog.measures[m].label, catalog.measures[m], i) for m in catalog.sets[item.ref])
            elif item.text:
                out.append(Bullet(strip_bullet(item.text), catalog.find_measure(item.text), i, item.row))
            continue
        text = item.strip()
        if REF_PATTERN.match(text):
            if text in catalog.sets:
                out.extend(Bullet(catalog.measures[m].label, catalog.measures[m], i) for m in catalog.sets[text])
            elif text in catalog.measures:
                out.append(Bullet(catalog.measures[text].label, catalog.measures[text], i))
            continue
        out.append(Bullet(strip_bullet(text), catalog.find_measure(text), i))
    return out


def strip_bullet(text: str) -> str:
    """Users may type the bullet themselves: ``・特記事項等の遵守`` draws as one bullet."""
    t = text.strip()
    while t[:1] in ("・", "•", "-") and len(t) > 1:
        t = t[1:].lstrip()
    return t


def step_media(step: Step, catalog: Catalog) -> list[tuple[str, MediumEntry | None]]:
    """(label, entry) for each medium the step names."""
    out = []
    for m in step.medium:
        e = catalog.find_medium(m)
        out.append((e.label if e else m, e))
    return out


def step_channels(step: Step, catalog: Catalog) -> list[tuple[str, MediumEntry | None]]:
    """(label, entry) for each channel the step names."""
    out = []
    for c in step.channel:
        e = catalog.find_channel(c)
        out.append((e.label if e else c, e))
    return out


def via_text(step: Step, catalog: Catalog) -> str:
    """The medium/channel line of a step label: ``(USBメモリ・手渡し)``, or the ``via`` override.

    >>> from flowdiag.catalog import load_catalog
    >>> s = Step.model_validate({"number": 2, "text": "提供", "medium": "usb", "channel": "hand"})
    >>> via_text(s, load_catalog())
    '(USBメモリ・手渡し)'
    """
    if step.via is not None:
        return step.via
    labels = [label for label, _ in step_media(step, catalog)] + [label for label, _ in step_channels(step, catalog)]
    if not labels:
        return ""
    bracketed = [lab for lab in labels if lab.startswith("【")]
    plain = [lab for lab in labels if not lab.startswith("【")]
    text = "".join(bracketed)
    if step.encrypted and bracketed:
        text += "通信暗号化"
    if plain:
        text += "(" + "・".join(plain) + ")"
    if step.encrypted and not bracketed:
        text += "(暗号化)"
    return text
