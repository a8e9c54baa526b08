"""The committee's vocabulary (stencils/vocabulary.yaml and the checklist templates' words) and the
near misses of its terms in free text.

>>> v = load_vocabulary()
>>> "パターンファイル" in v.katakana and "個人情報保護管理運営会議" in v.terms
True
>>> [(w, t) for w, t, _ in v.near_misses("バックアッブを取得し、個人情報保護管理運用会議に付議する")]
[('バックアッブ', 'バックアップ'), ('個人情報保護管理運用会議', '個人情報保護管理運営会議')]
>>> [(w, t) for w, t, _ in v.drifts("ウィルス対策ソフトとサーバーの更新")]
[('ウィルス', 'ウイルス'), ('サーバー', 'サーバ')]
>>> v.near_misses("コンピューターウィルス") + v.near_misses("個人情報保護対策") + v.near_misses("データセンター")
[]
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..catalog import stencils_dir
from ..load.yaml_source import read_yaml_file
from ..resolve.templates import load_templates
from .rules_names import cuts_word, near

KATAKANA = re.compile(r"[ァ-ヺー]{3,}")
MIN_TERM = 6  # whole terms this long or longer are looked for one or two characters off


def levenshtein(a: str, b: str) -> int:
    """Edits between two short words.

    >>> levenshtein("バックアッブ", "バックアップ"), levenshtein("サーバ", "サーバー")
    (1, 1)
    """
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


@dataclass
class Vocabulary:
    terms: list[str] = field(default_factory=list)
    drift: list[tuple[str, str]] = field(default_factory=list)  # (the committee's spelling, the variant)
    katakana: set[str] = field(default_factory=set)
    _memo: dict[str, tuple[int, str] | None] = field(default_factory=dict, repr=False)

    def _fold(self, word: str) -> str:
        for canonical, variant in self.drift:
            word = word.replace(variant, canonical)
        return word

    def _closest(self, word: str) -> tuple[int, str] | None:
        if word not in self._memo:
            self._memo[word] = min(((levenshtein(word, k), k) for k in self.katakana
                                    if abs(len(k) - len(word)) <= 1 and len(k) >= 4), default=None)
        return self._memo[word]

    def drifts(self, text: str) -> list[tuple[str, str, int]]:
        """(variant written, the committee's spelling, position) for each known drift in ``text``."""
        out = []
        t = unicodedata.normalize("NFKC", text)
        for canonical, variant in self.drift:
            for m in re.finditer(re.escape(variant), t):
                out.append((variant, canonical, m.start()))
        return sorted(out, key=lambda x: x[2])

    def near_misses(self, text: str) -> list[tuple[str, str, int]]:
        """(word written, the term it misses, position): a katakana word one or two characters off a
        known one, or a long term (6 characters or more) spelt one or two characters off."""
        t = unicodedata.normalize("NFKC", text)
        out: list[tuple[str, str, int]] = []
        for m in KATAKANA.finditer(t):
            word = self._fold(m.group(0))
            if len(word) < 4 or word in self.katakana or any(word in k or k in word for k in self.katakana
                                                               if len(k) >= 4 and abs(len(k) - len(word)) > 2):
                continue
            best = self._closest(word)
            if best is not None and 0 < best[0] <= (1 if len(word) < 6 else 2) and \
                    self._fold(best[1]) != word and near(best[1], word) is not None:  # one spot, not another word
                out.append((m.group(0), best[1], m.start()))
        starts: dict[str, list[int]] = {}
        for i in range(len(t) - 1):
            starts.setdefault(t[i:i + 2], []).append(i)
        for term in self.terms:
            if len(term) < MIN_TERM or term in t:
                continue
            size = len(term)  # kanji compounds: a changed character, not one more or less
            candidates = sorted(set(starts.get(term[:2], [])) | {p + 2 - size for p in starts.get(term[-2:], [])})
            for start in candidates:
                if start < 0 or start + size > len(t) or cuts_word(t, start, start + size, term):
                    continue
                window = t[start:start + size]
                if self._fold(window) != self._fold(term) and near(term, window) is not None \
                        and not any(window in k for k in self.terms if k != term):
                    if not any(start <= p < start + size for _, _, p in out):
                        out.append((window, term, start))
                    break
        return sorted(out, key=lambda x: x[2])


@functools.lru_cache(maxsize=2)
def load_vocabulary(folder: str | None = None) -> Vocabulary:
    base = stencils_dir() if folder is None else Path(folder)
    data = read_yaml_file(base / "vocabulary.yaml").data or {}
    v = Vocabulary([str(t) for t in data.get("terms", [])], [(str(a), str(b)) for a, b in data.get("drift", [])])
    sentences = list(v.terms)
    for tpl in load_templates().values():
        for row in tpl.rows.values():
            sentences += [row.ward, row.partner, *row.labels]
        sentences += [tpl.title, *tpl.parties.values()]
    for s in sentences:
        for m in KATAKANA.finditer(unicodedata.normalize("NFKC", s)):
            v.katakana.add(v._fold(m.group(0)))
    return v
