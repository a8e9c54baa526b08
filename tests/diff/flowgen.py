"""Random flows and random edits with the changes each edit must produce (for the diff properties).

A flow is built as plain data (what a YAML file holds), written as YAML and loaded like a user's
file. Each edit returns the new data and the expected changes as signatures
``(kind, area, field, old value, new value)``, the same shape :func:`signature` gives a Change.
"""

from __future__ import annotations

import copy
from collections import Counter
from typing import Any

import yaml
from hypothesis import strategies as st

from flowdiag.diff import Change
from flowdiag.load.validate import LoadedFlow, load_flow_text
from flowdiag.model.numbers import StepNumber, numbers_label

ACTOR_NAMES = ["新宿区", "委託事業者", "再委託先", "区民", "金融機関", "クラウド事業者"]
PLACE_NAMES = ["ホストコンピューター", "委託先パソコン", "コールセンター", "窓口", "保管庫", "業務システム"]
DATA_TITLES = ["配布対象者情報", "配布状況", "応募者情報", "参加者名簿", "相談記録"]
ITEMS = ["氏名", "住所", "電話番号", "生年月日", "メールアドレス", "世帯番号", "郵便番号", "相談内容", "口座番号", "性別"]
STEP_TEXTS = ["対象者情報の抽出", "契約当初のデータ提供", "宛名印字", "梱包作業", "配布物の発送", "再配達の受付",
              "配布状況の報告", "返却及び消去報告", "抽選の実施", "参加証の送付", "申込内容の確認", "電話での問合せ対応"]
NEW_TEXTS = ["転出者を除いた名簿の確定", "本人確認書類の照合", "督促状の印刷", "番号札の交付", "口座振替の依頼"]
MEASURES = ["特記事項等の遵守", "立入調査等及び状況報告", "責任者及び取扱者の報告", "データの暗号化",
            "個人情報の返却及び消去", "事故発生時等の協議", "アクセス制御", "入退室管理"]
TIMINGS = ["R6.7.1時点", "月1回", "随時", "R6.10月から順次", "年1回"]
NOTES = ["※区の窓口等で申し込みがあった場合は適宜渡す", "※A4サイズ程度に梱包", "※電話は録音する"]
MEDIA = [[], ["usb"], ["paper"], ["dvd"]]
CHANNELS = [[], ["hand"], ["mail"], ["tel"], ["internet"]]

Sig = tuple[str, str, str, str | None, str | None]
Edit = tuple[dict[str, Any], Counter[Sig]]


def signature(c: Change) -> Sig:
    return (c.kind, c.area, c.field, c.old.value if c.old else None, c.new.value if c.new else None)


def mirror(s: Sig) -> Sig:
    kind = {"added": "removed", "removed": "added"}.get(s[0], s[0])
    return (kind, s[1], s[2], s[4], s[3])


def load(data: dict[str, Any], name: str = "gen.yaml") -> LoadedFlow:
    return load_flow_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), name)


def _number(n: StepNumber) -> object:
    return n.base if not n.primes else f"{n.base}" + "'" * n.primes


def label(number: object) -> str:
    nums = number if isinstance(number, list) else [number]
    return numbers_label(tuple(StepNumber.parse(x) for x in nums))


@st.composite
def flows(draw: st.DrawFn, with_ids: bool | None = None) -> dict[str, Any]:
    """A valid flow: 2–4 actors with places, data sets, numbered steps (with or without ids)."""
    ids = draw(st.booleans()) if with_ids is None else with_ids
    n_actors = draw(st.integers(2, 4))
    names = draw(st.permutations(ACTOR_NAMES))[:n_actors]
    places = draw(st.permutations(PLACE_NAMES))
    actors, nodes = [], []
    pi = 0
    for ai, name in enumerate(names):
        actor: dict[str, Any] = {"id": f"a{ai}", "name": name, "kind": "other"}
        nodes.append((f"a{ai}", name))
        k = draw(st.integers(0, 2 if pi + 2 <= len(places) else 0))
        if k:
            actor["places"] = [{"id": f"p{pi + j}", "name": places[pi + j]} for j in range(k)]
            nodes += [(f"p{pi + j}", places[pi + j]) for j in range(k)]
            pi += k
        ms = draw(st.lists(st.sampled_from(MEASURES), unique=True, max_size=4))
        if ms:
            actor["measures"] = {"operational": ms}
        actors.append(actor)
    titles = draw(st.permutations(DATA_TITLES))[: draw(st.integers(0, 3))]
    data = []
    for di, title in enumerate(titles):
        items = draw(st.lists(st.sampled_from(ITEMS), unique=True, min_size=1, max_size=5))
        at = draw(st.lists(st.sampled_from([n for n, _ in nodes]), unique=True, max_size=2))
        data.append({"id": f"d{di}", "title": title, "items": items, "at": at})
    texts = draw(st.permutations(STEP_TEXTS))[: draw(st.integers(1, 8))]
    steps = []
    for si, text in enumerate(texts):
        step: dict[str, Any] = {"number": si + 1, "text": text}
        if ids:
            step["id"] = f"s{si}"
        if draw(st.booleans()):
            step["at"] = draw(st.sampled_from(nodes))[0]
        else:
            a, b = draw(st.lists(st.sampled_from([n for n, _ in nodes]), unique=True, min_size=2, max_size=2))
            step["from"], step["to"] = a, b
            step["medium"] = draw(st.sampled_from(MEDIA))
            step["channel"] = draw(st.sampled_from(CHANNELS))
        step["timing"] = draw(st.lists(st.sampled_from(TIMINGS), unique=True, max_size=2))
        if data:
            step["data"] = draw(st.lists(st.sampled_from([d["id"] for d in data]), unique=True, max_size=2))
        steps.append(step)
    out: dict[str, Any] = {"flowdiag": 1, "document": {"number": "資料1-1", "title": "【例の個人情報の流れ】"},
                           "actors": actors, "data": data, "steps": steps}
    notes = draw(st.lists(st.sampled_from(NOTES), unique=True, max_size=2))
    if notes:
        out["notes"] = notes
    return out


# ---------------------------------------------------------------- helpers on plain data

def node_names(d: dict[str, Any]) -> dict[str, str]:
    out = {}
    for a in d["actors"]:
        out[a["id"]] = a["name"]
        for p in a.get("places", []):
            out[p["id"]] = p["name"]
    return out


def route(d: dict[str, Any], step: dict[str, Any]) -> str:
    names = node_names(d)
    if step.get("at"):
        return f"{names[step['at']]}で"
    return f"{names[step['from']]}から{names[step['to']]}へ"


def _renumber(steps: list[dict[str, Any]], start: int, delta: int) -> Counter[Sig]:
    """Shift the numbers of steps[start:] by ``delta``; the renumbering signatures."""
    out: Counter[Sig] = Counter()
    for s in steps[start:]:
        old = label(s["number"])
        s["number"] = s["number"] + delta
        out[("renumbered", "step", "number", old, label(s["number"]))] += 1
    return out


# ---------------------------------------------------------------- edits

def add_step(d: dict[str, Any], draw: st.DrawFn) -> Edit:
    d = copy.deepcopy(d)
    steps = d["steps"]
    k = draw(st.integers(0, len(steps)))
    used = {s["text"] for s in steps}
    text = draw(st.sampled_from([t for t in NEW_TEXTS if t not in used]))
    node = draw(st.sampled_from(sorted(node_names(d))))
    step: dict[str, Any] = {"number": k + 1, "text": text, "at": node}
    if any("id" in s for s in steps):
        step["id"] = "s_new" + str(1 + max([int(s["id"][5:]) for s in steps if str(s.get("id", "")).startswith("s_new")],
                                           default=0))
    expected = _renumber(steps, k, +1)
    steps.insert(k, step)
    expected[("added", "step", "", None, text)] += 1
    return d, expected


def remove_step(d: dict[str, Any], draw: st.DrawFn) -> Edit:
    d = copy.deepcopy(d)
    steps = d["steps"]
    if len(steps) < 2:
        return add_step(d, draw)
    k = draw(st.integers(0, len(steps) - 1))
    gone = steps.pop(k)
    expected = _renumber(steps, k, -1)
    expected[("removed", "step", "", gone["text"], None)] += 1
    return d, expected


def renumber_all(d: dict[str, Any], draw: st.DrawFn) -> Edit:
    d = copy.deepcopy(d)
    return d, _renumber(d["steps"], 0, draw(st.integers(1, 3)))


def rename_step(d: dict[str, Any], draw: st.DrawFn) -> Edit:
    d = copy.deepcopy(d)
    s = draw(st.sampled_from(d["steps"]))
    old = s["text"]
    s["text"] = old + "（一部変更）" if draw(st.booleans()) else "事前の" + old
    return d, Counter({("changed", "step", "text", old, s["text"]): 1})


def reword_step(d: dict[str, Any], draw: st.DrawFn) -> Edit:
    """Reword a step completely, keeping its number, route, medium and data: a change, with or without ids."""
    d = copy.deepcopy(d)
    s = draw(st.sampled_from(d["steps"]))
    used = {x["text"] for x in d["steps"]}
    old = s["text"]
    s["text"] = draw(st.sampled_from([t for t in NEW_TEXTS if t not in used]))
    return d, Counter({("changed", "step", "text", old, s["text"]): 1})


def move_step(d: dict[str, Any], draw: st.DrawFn) -> Edit:
    """Point a step at another actor or place."""
    d = copy.deepcopy(d)
    s = draw(st.sampled_from(d["steps"]))
    before = route(d, s)
    nodes = sorted(node_names(d))
    if s.get("at"):
        s["at"] = draw(st.sampled_from([n for n in nodes if n != s["at"]]))
    else:
        s["to"] = draw(st.sampled_from([n for n in nodes if n not in (s["from"], s["to"])] or [s["to"]]))
    after = route(d, s)
    if after == before:
        return d, Counter()
    return d, Counter({("changed", "step", "route", before, after): 1})


def change_timing(d: dict[str, Any], draw: st.DrawFn) -> Edit:
    d = copy.deepcopy(d)
    s = draw(st.sampled_from(d["steps"]))
    timing = s.setdefault("timing", [])
    if timing:
        old = timing[0]
        timing[0] = old.replace("R6", "R7") if "R6" in old else old + "程度"
        return d, Counter({("changed", "step", "timing", old, timing[0]): 1})
    timing.append("R7.4.1時点")
    return d, Counter({("added", "step", "timing", None, "R7.4.1時点"): 1})


def rename_actor(d: dict[str, Any], draw: st.DrawFn) -> Edit:
    d = copy.deepcopy(d)
    a = draw(st.sampled_from(d["actors"]))
    old = a["name"]
    a["name"] = old + "（予定）"
    return d, Counter({("changed", "actor", "name", old, a["name"]): 1})


def add_measure(d: dict[str, Any], draw: st.DrawFn) -> Edit:
    d = copy.deepcopy(d)
    a = draw(st.sampled_from(d["actors"]))
    ops = a.setdefault("measures", {}).setdefault("operational", [])
    free = [m for m in MEASURES if m not in ops]
    m = draw(st.sampled_from(free))
    ops.insert(draw(st.integers(0, len(ops))), m)
    return d, Counter({("added", "actor", "measures.operational", None, m): 1})


def remove_measure(d: dict[str, Any], draw: st.DrawFn) -> Edit:
    with_measures = [a for a in d["actors"] if a.get("measures", {}).get("operational")]
    if not with_measures:
        return add_measure(d, draw)
    chosen = draw(st.sampled_from(with_measures))["id"]
    d = copy.deepcopy(d)
    a = next(x for x in d["actors"] if x["id"] == chosen)
    ops = a["measures"]["operational"]
    m = ops.pop(draw(st.integers(0, len(ops) - 1)))
    return d, Counter({("removed", "actor", "measures.operational", m, None): 1})


def add_item(d: dict[str, Any], draw: st.DrawFn) -> Edit:
    if not d["data"]:
        return d, Counter()
    d = copy.deepcopy(d)
    ds = draw(st.sampled_from(d["data"]))
    free = [x for x in ITEMS if x not in ds["items"]]
    item = draw(st.sampled_from(free))
    ds["items"].insert(draw(st.integers(0, len(ds["items"]))), item)
    return d, Counter({("added", "data", "items", None, item): 1})


def remove_item(d: dict[str, Any], draw: st.DrawFn) -> Edit:
    if not any(ds["items"] for ds in d["data"]):
        return d, Counter()
    d = copy.deepcopy(d)
    ds = draw(st.sampled_from([x for x in d["data"] if x["items"]]))
    item = ds["items"].pop(draw(st.integers(0, len(ds["items"]) - 1)))
    return d, Counter({("removed", "data", "items", item, None): 1})


def add_note(d: dict[str, Any], draw: st.DrawFn) -> Edit:
    d = copy.deepcopy(d)
    notes = d.setdefault("notes", [])
    note = "※本人確認のうえ交付する"
    notes.append(note)
    return d, Counter({("added", "note", "notes", None, note): 1})


def move_place(d: dict[str, Any], draw: st.DrawFn) -> Edit:
    """Move a place (with its id) into another actor."""
    holders = [a for a in d["actors"] if a.get("places")]
    if not holders:
        return d, Counter()
    src_id = draw(st.sampled_from(holders))["id"]
    dst_id = draw(st.sampled_from([a["id"] for a in d["actors"] if a["id"] != src_id]))
    d = copy.deepcopy(d)
    src = next(a for a in d["actors"] if a["id"] == src_id)
    dst = next(a for a in d["actors"] if a["id"] == dst_id)
    place = src["places"].pop(draw(st.integers(0, len(src["places"]) - 1)))
    dst.setdefault("places", []).append(place)
    return d, Counter({("changed", "place", "actor", src["name"], dst["name"]): 1})


def rename_data(d: dict[str, Any], draw: st.DrawFn) -> Edit:
    if not d["data"]:
        return d, Counter()
    d = copy.deepcopy(d)
    ds = draw(st.sampled_from(d["data"]))
    old = ds["title"]
    ds["title"] = "変更後の" + old
    return d, Counter({("changed", "data", "title", old, ds["title"]): 1})


STEP_EDITS = [add_step, remove_step, renumber_all, rename_step, reword_step, move_step, change_timing]
OTHER_EDITS = [rename_actor, add_measure, remove_measure, add_item, remove_item, add_note, move_place, rename_data]


# ---------------------------------------------------------------- changes that are no change

def shuffle_unordered(d: dict[str, Any], draw: st.DrawFn) -> dict[str, Any]:
    """Reorder what the diff treats as unordered: actors, places, data, steps, measures, items, refs."""
    d = copy.deepcopy(d)
    for key in ("actors", "data", "steps"):
        d[key] = draw(st.permutations(d[key]))
    for a in d["actors"]:
        if a.get("places"):
            a["places"] = draw(st.permutations(a["places"]))
        if a.get("measures", {}).get("operational"):
            a["measures"]["operational"] = draw(st.permutations(a["measures"]["operational"]))
    for ds in d["data"]:
        ds["items"] = draw(st.permutations(ds["items"]))
        ds["at"] = draw(st.permutations(ds["at"]))
    for s in d["steps"]:
        if s.get("data"):
            s["data"] = draw(st.permutations(s["data"]))
    return d


def rename_ids(d: dict[str, Any]) -> dict[str, Any]:
    """Give every actor, place and data set another id (references follow): not drawn, no change."""
    d = copy.deepcopy(d)
    nodes = {}
    for a in d["actors"]:
        nodes[a["id"]] = "x_" + a["id"]
        a["id"] = nodes[a["id"]]
        for p in a.get("places", []):
            nodes[p["id"]] = "x_" + p["id"]
            p["id"] = nodes[p["id"]]
    data = {}
    for ds in d["data"]:
        data[ds["id"]] = "x_" + ds["id"]
        ds["id"] = data[ds["id"]]
        ds["at"] = [nodes[x] for x in ds.get("at", [])]
    for s in d["steps"]:
        for key in ("from", "to", "at"):
            if key in s:
                s[key] = nodes[s[key]]
        s["data"] = [data[x] for x in s.get("data", [])]
    return d
