"""The resolve stage: what a flow refers to in the catalogs and the checklist templates.

- :mod:`.bullets` — measure bullets, media and channels as drawn (catalog ids and sets expanded);
- :mod:`.templates` — the three checklists as data;
- :mod:`.checklists` — the submitted marks tied to their rows (by position, key or text);
- :mod:`.trace` — every bullet traced to the checklist rows it abbreviates;
- :mod:`.derive` — measure boxes drawn from the checklist (``packet.derive_measures``);
- :mod:`.stage` — :func:`resolve`: all of it once per loaded flow, read by render, check, diff and packet.

Imports go one way: cli → render / check / diff / packet → resolve → load, catalog, model.
"""

from typing import TYPE_CHECKING, Any

from .bullets import Bullet, measure_bullets, step_channels, step_media, strip_bullet, via_text

if TYPE_CHECKING:
    from .stage import Resolved, resolve


def __getattr__(name: str) -> Any:
    """The stage itself loads on first use: drawing a chart needs only the bullets above, not the
    checklist templates."""
    if name in ("Resolved", "resolve"):
        from . import stage

        return getattr(stage, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["Bullet", "Resolved", "measure_bullets", "resolve", "step_channels", "step_media", "strip_bullet",
           "via_text"]
