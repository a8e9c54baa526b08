"""Packaging beyond what pyproject.toml can say: the catalogs in the top-level ``stencils/`` folder
are shipped inside the package as ``flowdiag.stencils`` (one copy in the source, read with
importlib.resources once installed, whatever the prefix: a venv, ``pip install --user``, a wheel)."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["flowdiag", "flowdiag.*"]), "flowdiag.stencils"],
    package_dir={"flowdiag.stencils": "stencils"},
    package_data={"flowdiag": ["py.typed", "fonts/*.ttf", "fonts/*.conf", "fonts/*.txt", "fonts/*.json"],
                  "flowdiag.stencils": ["*.yaml", "checklists/*.yaml"],
                  "flowdiag.author": ["*.yaml", "templates/*.yaml", "assets/*"]},
)
