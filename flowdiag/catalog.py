"""The stencil catalogs (stencils/*.yaml): standard measures, media and channels.

>>> cat = load_catalog()
>>> cat.measures["itaku.returned_and_erased"].label
'個人情報の返却及び消去'
>>> cat.find_measure("・カギ付きカバンに入れて運搬").id
'handover.locked_bag'
>>> cat.find_medium("usb").label, cat.find_medium("USBメモリ").id
('USBメモリ', 'usb')
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .wording import loose, tolerant

REF_PATTERN = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
"""A measure written like ``itaku.returned_and_erased`` is a catalog reference."""


def stencils_dir() -> Path:
    """The folder of catalogs, shipped inside the package as ``flowdiag.stencils`` (the source is the
    top-level ``stencils/`` folder; setup.py maps it), found with importlib.resources wherever the
    package is installed."""
    try:
        folder = resources.files("flowdiag.stencils")
    except ModuleNotFoundError:
        raise RuntimeError("flowdiag.stencils is not installed: run `make setup` or `pip install .`") from None
    return Path(str(folder))


match_key = loose  # the one normaliser (flowdiag.wording.loose), under the name the diff uses


# libyaml's parser when PyYAML was built with it (every wheel is): the same safe constructor and
# resolver as yaml.safe_load, several times faster on the catalogs read at every start.
_STENCIL_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_stencil(path: Path) -> Any:
    """A bundled catalog file (trusted, shipped with flowdiag): plain safe YAML."""
    try:
        return yaml.load(path.read_text("utf-8"), Loader=_STENCIL_LOADER)  # noqa: S506 - a safe loader
    except (OSError, yaml.YAMLError) as exc:  # a missing or broken bundled file is a packaging bug
        raise RuntimeError(f"stencils file {path} cannot be read: {exc}") from exc


@dataclass(frozen=True)
class MeasureEntry:
    id: str
    label: str
    group: str
    aliases: tuple[str, ...] = ()
    rows: tuple[str, ...] = ()


@dataclass(frozen=True)
class MediumEntry:
    id: str
    label: str
    physical: bool = False
    network: bool = False
    encrypted: bool = False


@dataclass
class Catalog:
    measures: dict[str, MeasureEntry] = field(default_factory=dict)
    sets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    media: dict[str, MediumEntry] = field(default_factory=dict)
    channels: dict[str, MediumEntry] = field(default_factory=dict)
    _by_label: dict[str, str] = field(default_factory=dict)

    def find_measure(self, text: str) -> MeasureEntry | None:
        """The catalog measure whose label or alias matches ``text`` loosely, up to the accepted spelling
        variants of ``flowdiag.wording`` (``サーバー冗長化`` is ``サーバ冗長化``)."""
        key = self._by_label.get(tolerant(text))
        return self.measures[key] if key else None

    def find_medium(self, text: str) -> MediumEntry | None:
        return _find(self.media, text)

    def find_channel(self, text: str) -> MediumEntry | None:
        return _find(self.channels, text)

    def channel_meaning(self, text: str) -> MediumEntry | None:
        """What a channel means to the checks: its entry, or for the ward's own words the entry they
        name (「専用回線」 a closed line, 「オンライン」 the internet, 「郵便」 the post), labelled as
        written; None when the words name nothing known.

        >>> cat = load_catalog()
        >>> [cat.channel_meaning(t).id for t in ("lgwan", "LGWAN回線", "専用回線（全銀協手順）", "オンライン", "メール便")]
        ['lgwan', 'lgwan', 'closed', 'internet', 'mail']
        >>> cat.channel_meaning("庁内ネットワーク").network, cat.channel_meaning("簡易書留").physical
        (True, True)
        >>> cat.channel_meaning("使送") is None
        True
        """
        return self.find_channel(text) or _by_words(self.channels, _CHANNEL_WORDS, text)

    def medium_meaning(self, text: str) -> MediumEntry | None:
        """What a medium means to the checks: its entry, or the entry the ward's own words name.

        >>> cat = load_catalog()
        >>> [cat.medium_meaning(t).id for t in ("usb", "暗号化USBメモリ", "USBメモリ（暗号化）", "紙媒体", "申請書の写し")]
        ['usb', 'encrypted_usb', 'encrypted_usb', 'paper', 'paper']
        """
        return self.find_medium(text) or _by_words(self.media, _MEDIUM_WORDS, text)


# A medium or channel written in the ward's own words: the catalog entry it means, first match wins.
# (「メール便」 is a parcel service, not e-mail; 「暗号化…USB」 is the encrypting stick.)
_CHANNEL_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("vpn", re.compile(r"VPN", re.IGNORECASE)),
    ("lgwan", re.compile(r"LGWAN", re.IGNORECASE)),
    ("closed", re.compile(r"閉域|専用線|専用回線|庁内(ネットワーク|LAN|網)|イントラ")),
    ("mail", re.compile(r"郵送|郵便|書留|レターパック|メール便|宅配|配送|バイク便|運送|搬送")),
    ("email", re.compile(r"メール|e-?mail", re.IGNORECASE)),
    ("web", re.compile(r"web|ウェブ|ホームページ|電子申請|フォーム", re.IGNORECASE)),
    ("internet", re.compile(r"インターネット|オンライン|ネット回線|クラウド")),
    ("closed", re.compile(r"回線|ネットワーク|通信網|伝送|(?<![A-Za-z])LAN(?![A-Za-z])")),
    ("fax", re.compile(r"FAX|ファクス|ファックス", re.IGNORECASE)),
    ("tel", re.compile(r"電話|TEL", re.IGNORECASE)),
    ("post", re.compile(r"ポスト|投函")),
    ("window", re.compile(r"窓口|来庁")),
    ("hand", re.compile(r"手渡|手交|持参|持ち?込|持ち?帰|持ち?出|直接|引き?渡|運搬")),
)
_MEDIUM_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("encrypted_usb", re.compile(r"暗号化?[^、・]{0,8}USB|USB[^、・]{0,8}暗号", re.IGNORECASE)),
    ("usb", re.compile(r"USB", re.IGNORECASE)),
    ("dvd", re.compile(r"DVD|ブルーレイ|BD-?R", re.IGNORECASE)),
    ("cd", re.compile(r"CD", re.IGNORECASE)),
    ("paper", re.compile(r"紙|書類|帳票|名簿|台帳|はがき|ハガキ|葉書|封書|用紙|原本|写し|コピー|申請書|通知書|調査票")),
    ("email", re.compile(r"メール", re.IGNORECASE)),
    ("cloud", re.compile(r"クラウド|オンラインストレージ")),
    ("data", re.compile(r"データ|ファイル|電子|記録媒体|HDD|ハードディスク|SSD|SDカード|外部記憶", re.IGNORECASE)),
)


def _by_words(table: dict[str, MediumEntry], words: tuple[tuple[str, re.Pattern[str]], ...],
              text: str) -> MediumEntry | None:
    plain = unicodedata.normalize("NFKC", text)
    for key, pattern in words:
        if key in table and pattern.search(plain):
            return dataclasses.replace(table[key], label=text)  # as written, for the messages
    return None


def _find(table: dict[str, MediumEntry], text: str) -> MediumEntry | None:
    """An entry by its id or its label, in any case or width (``USB``, ``ＵＳＢ``, ``Tel``, ``usbメモリ``).

    >>> cat = load_catalog()
    >>> [cat.find_medium(t).id for t in ("USB", "ＵＳＢ", "usbメモリ", "Dvd-r")]
    ['usb', 'usb', 'usb', 'dvd']
    >>> cat.find_channel("Tel").id, cat.find_channel("ＦＡＸ").id
    ('tel', 'fax')
    """
    if text in table:
        return table[text]
    key = tolerant(text).casefold()
    if key in table:
        return table[key]
    for entry in table.values():
        if tolerant(entry.label).casefold() == key:
            return entry
    return None


@functools.lru_cache(maxsize=4)
def load_catalog(folder: str | None = None) -> Catalog:
    """Read the catalogs once per process."""
    base = Path(folder) if folder else stencils_dir()
    cat = Catalog()
    try:
        m = read_stencil(base / "measures.yaml") or {}
        for e in m.get("measures", []):
            entry = MeasureEntry(e["id"], e["label"], e.get("group", "operational"),
                                 tuple(e.get("aliases", [])), tuple(e.get("rows", [])))
            cat.measures[entry.id] = entry
            for text in (entry.label, *entry.aliases):
                cat._by_label.setdefault(tolerant(text), entry.id)
        cat.sets = {k: tuple(v) for k, v in (m.get("sets") or {}).items()}
        for name, attr in (("media.yaml", "media"), ("channels.yaml", "channels")):
            data = read_stencil(base / name) or {}
            table = getattr(cat, attr)
            for e in data.get(attr, []):
                table[e["id"]] = MediumEntry(e["id"], e["label"], bool(e.get("physical")),
                                             bool(e.get("network")), bool(e.get("encrypted")))
    except (KeyError, TypeError, AttributeError) as exc:  # a broken bundled catalog is a packaging bug
        raise RuntimeError(f"stencils catalog in {base} is malformed: {exc!r}") from exc
    return cat
