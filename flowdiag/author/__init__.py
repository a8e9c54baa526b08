"""Authoring aids for ward staff: the JSON Schema for editors (``flowdiag schema``), starting files
(``flowdiag new``), the canonical layout (``flowdiag fmt``) and the live preview (``flowdiag watch``)."""
