"""Command line: ``flowdiag render|check|diff|doctor …`` (thin: parse options, call a stage, report).

Exit codes: 0 success, 1 findings/changes (check, diff), 2 bad input or a failed render.
"""

from __future__ import annotations

import click

from .. import __version__
from .click_ja import install
from .common import FlowdiagGroup

install()  # click's own messages (usage errors, help headings) in Japanese

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(cls=FlowdiagGroup, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="flowdiag", message="%(prog)s %(version)s")
def main() -> None:
    """個人情報の流れ図（資料X-1）を YAML から描き、点検し、差分を示します。

    Draw, check and diff 個人情報の流れ diagrams written in YAML.

    \b
    例:
      flowdiag render samples/000-keitai-toilet.yaml -o out/000.pdf
      flowdiag doctor
    """


# Each module registers its commands with @main.command when imported; only the one being run is
# imported (see FlowdiagGroup). A command missing here still works, after every module is loaded.
main.lazy = {
    "render": ".render_cmd", "doctor": ".render_cmd", "stencils": ".render_cmd",
    "check": ".check_cmd", "checklist": ".check_cmd", "rules": ".check_cmd",
    "diff": ".diff_cmd",
    "schema": ".author_cmd", "new": ".author_cmd", "fmt": ".author_cmd", "watch": ".author_cmd",
    "packet": ".packet_cmd",
}
