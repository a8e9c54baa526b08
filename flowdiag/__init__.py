"""flowdiag: 個人情報の流れ図（資料X-1）を YAML から描き、点検し、差分を示す。

The pipeline, one package per stage (imports go one way: cli → stages → model):

- ``flowdiag.load``: YAML text → plain data with positions → validated ``Flow``
- ``flowdiag.model``: the plain, frozen data model
- ``flowdiag.layout``: ``Flow`` → measured blocks → arrangement → coordinates → page model (``Scene``)
- ``flowdiag.render``: page model → SVG → PDF / PNG
- ``flowdiag.check``, ``flowdiag.diff``: review rules and change lists
- ``flowdiag.cli``: the command line
"""

__version__ = "0.1.0"
