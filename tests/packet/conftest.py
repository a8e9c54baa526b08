"""The Word packets of the samples as LibreOffice prints them (shared by the Word tests)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from flowdiag.layout.font import FONTS_DIR

from ..conftest import run_cli

SAMPLES = ("000-keitai-toilet", "001-seikatsu-hogo", "004-ikiiki-hiking")


def soffice_pdf(docx: Path, out: Path) -> Path:
    """``docx`` converted to PDF by LibreOffice headless, with the bundled BIZ UDGothic as the only font
    (as on a ward's PC, where BIZ UDゴシック is installed; the machine's own fonts may lack Japanese)."""
    env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_DIR / "fonts.conf")}
    env.pop("FONTCONFIG_PATH", None)
    conv = subprocess.run(["soffice", f"-env:UserInstallation=file://{out}/profile", "--headless",
                           "--convert-to", "pdf", "--outdir", str(out), str(docx)],
                          capture_output=True, text=True, timeout=300, check=False, env=env)
    assert conv.returncode == 0, conv.stderr
    return out / f"{docx.stem}.pdf"


@pytest.fixture(scope="session")
def docx_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """Each sample as .docx, and that .docx converted to PDF by LibreOffice."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path_factory.mktemp("word")
    made = {}
    for name in SAMPLES:
        path = out / f"{name}.docx"
        proc = run_cli("packet", f"samples/{name}.yaml", "-o", str(path))
        assert proc.returncode == 0, proc.stderr
        made[name] = (path, soffice_pdf(path, out))
    return made
