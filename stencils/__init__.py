"""The catalogs (standard measures, media, channels, checklist templates) as package data: installed as
``flowdiag.stencils`` and read with importlib.resources (see setup.py)."""
