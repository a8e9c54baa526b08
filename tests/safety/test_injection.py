"""User text reaches the SVG only as text: markup, entities, URLs and backslash escapes come out
literally, and the SVG never carries script, event handlers, foreignObject or external references.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from functools import cache

import pytest

from flowdiag.load.validate import LoadedFlow, load_flow_text
from flowdiag.model.marks import Marks
from flowdiag.render.pipeline import RenderOptions, render

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '<a href="javascript:alert(3)">x</a>',
    "javascript:alert(4)",
    "<svg onload=alert(5)>",
    "<foreignObject><iframe src=//evil.example></iframe></foreignObject>",
    '<image xlink:href="http://evil.example/x.png"/>',
    "<use href=\"#graph0\"/>",
    "&amp; &lt; &#60; &#x3C; & < > \" '",
    "]]> <![CDATA[x]]> <!-- c --> <?xml-stylesheet href=\"x\"?>",
    '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;',
    r"C:\Users\N\Documents",
    r"\N \G \L \E \T \H \n \l \r \\",
    "\\",
    '"}; node [label="x"]; a -> b; {"',
    "</TD></TR></TABLE>> shape=box label=<",
    "%s %d {0} ${HOME} $(id) `id`",
    "url(http://evil.example/) style=\"fill:url(#x)\"",
]
"""Each payload goes into every kind of text a flow has."""


def _flow_yaml() -> str:
    p = [json.dumps(x, ensure_ascii=False) for x in PAYLOADS]
    n = len(p)

    def at(i: int) -> str:
        return p[i % n]

    steps = []
    for i in range(n):
        if i % 2:
            steps.append(f"  - {{number: {i + 1}, from: ward, to: co, text: {at(i)}, timing: {at(i + 1)}, "
                         f"via: {at(i + 2)}, notes: [{at(i + 3)}], measures: [{at(i + 4)}], data: [d1]}}")
        else:
            steps.append(f"  - {{number: {i + 1}, at: host, text: {at(i)}, notes: [{at(i + 5)}], data: [d1]}}")
    return f"""flowdiag: 1
document:
  number: {at(0)}
  title: {at(1)}
actors:
  - id: ward
    name: {at(2)}
    caption: [{at(3)}]
    places:
      - {{id: host, name: {at(4)}, caption: [{at(5)}], notes: [{at(6)}]}}
    measures:
      operational: [{", ".join(p[:6])}]
      system: [{", ".join(p[6:12])}]
    notes: [{", ".join(p[12:])}]
  - id: co
    name: {at(7)}
    kind: contractor
data:
  - id: d1
    title: {at(8)}
    items: [{", ".join(p)}]
    at: [ward, co]
    notes: [{at(9)}]
steps:
{chr(10).join(steps)}
links:
  - {{between: [ward, co], channel: {at(10)}, label: {at(11)}}}
notes: [{", ".join(p)}]
"""


@cache
def _loaded() -> LoadedFlow:
    return load_flow_text(_flow_yaml(), "injection.yaml")


ALL_MARKED = Marks(frozenset({("actors",), ("data",), ("steps",), ("links",), ("notes",), ("document",)}),
                   removed=tuple(PAYLOADS[:4]), since_label=PAYLOADS[0])


@cache
def _render(fmt: str, marked: bool = False) -> bytes:
    opts = RenderOptions(page="fit", marks=ALL_MARKED if marked else Marks())
    return render(_loaded(), fmt, opts).data


def _squash(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("marked", [False, True], ids=["plain", "change-marked"])
def test_svg_has_no_active_content(marked: bool) -> None:
    svg = _render("svg", marked).decode("utf-8")
    assert "<!DOCTYPE" not in svg and "<!ENTITY" not in svg
    root = ET.fromstring(svg)
    for el in root.iter():
        tag = el.tag.rsplit("}", 1)[-1]
        assert tag not in {"script", "foreignObject", "iframe", "object", "embed", "image", "use", "a", "style",
                           "animate", "set", "handler", "listener"}, tag
        for name, value in el.attrib.items():
            local = name.rsplit("}", 1)[-1]
            assert not local.lower().startswith("on"), (tag, name)
            assert local not in ("href", "src"), (tag, name, value)
            assert "javascript:" not in value.lower() and "url(" not in value.lower(), (tag, name, value)
            assert "evil.example" not in value, (tag, name, value)


@pytest.mark.parametrize("marked", [False, True], ids=["plain", "change-marked"])
def test_every_payload_is_drawn_literally(marked: bool) -> None:
    root = ET.fromstring(_render("svg", marked))
    drawn = _squash("".join(root.itertext()))
    for payload in PAYLOADS:
        assert _squash(payload) in drawn, payload


def test_backslash_sequences_are_not_expanded() -> None:
    """Backslash sequences (\\N, \\G …, which some diagram tools expand) stay as typed."""
    root = ET.fromstring(_render("svg"))
    drawn = "".join(root.itertext())
    assert r"C:\Users\N\Documents" in drawn
    for seq in (r"\N", r"\G", r"\L", r"\E", r"\T", r"\H"):
        assert seq in drawn
    assert "C:\\Users" + "act_" not in drawn and "flow" + "\\Documents" not in drawn


def test_svg_escapes_user_text() -> None:
    svg = _render("svg").decode("utf-8")
    # user text is text: it never opens a tag or adds an attribute
    root = ET.fromstring(svg)
    tags = {el.tag.split("}")[-1] for el in root.iter()}
    assert tags <= {"svg", "title", "rect", "g", "text", "tspan", "path", "polygon", "line", "ellipse"}, tags
    assert "<script" not in svg and "<img" not in svg and "<foreignObject" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert "&amp;amp;" in svg  # a typed "&amp;" stays "&amp;" when drawn
    assert r"C:\Users\N\Documents" in "".join(root.itertext())  # backslashes drawn as typed


def test_title_and_number_are_escaped_in_the_page() -> None:
    svg = _render("svg").decode("utf-8")
    title = re.search(r"<title>(.*?)</title>", svg, re.S)
    assert title is not None
    assert "<" not in title.group(1) and "&lt;img" in title.group(1)


def test_pdf_with_hostile_text_renders() -> None:
    pdf = _render("pdf")
    assert pdf.startswith(b"%PDF-") and b"/JavaScript" not in pdf and b"/JS " not in pdf and b"/URI" not in pdf


def test_header_text_is_exactly_the_document_text() -> None:
    lf = load_flow_text("flowdiag: 1\ndocument: {number: '資料1\\1', title: 'C:\\Users\\N <b>&amp;'}\n"
                        "actors: [{id: a, name: 区}]\nnotes: ['※ \\\\server\\share']\n", "header.yaml")
    root = ET.fromstring(render(lf, "svg", RenderOptions(page="A4")).data)
    ns = "{http://www.w3.org/2000/svg}"
    header = root.find(f".//{ns}g[@id='header']")
    assert header is not None
    texts = ["".join(t.itertext()) for t in header.iter(f"{ns}text")]
    assert root.findtext(f"{ns}title") == "C:\\Users\\N <b>&amp;"
    assert "C:\\Users\\N <b>&amp;" in texts
    assert "資料1\\1" in texts
    footer = "".join(root.find(f".//{ns}g[@id='footer']").itertext())
    assert "※ \\\\server\\share" in footer
