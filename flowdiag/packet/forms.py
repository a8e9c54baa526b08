"""The ward's form tables: which rows each kind of form has, in order, and how a value is printed.

>>> from flowdiag.model.packet import Form
>>> f = Form.model_validate({"kind": "外部結合", "department": "地域包括ケア推進課",
...                          "items": ["住所", "カナ氏名"], "connection": "LGWANを経由する"})
>>> [(r.label, "／".join(p.text() for p in r.paras)) for r in form_rows(f, ("packet", "forms", 0))][:3]
[('保有課（担当課）', '地域包括ケア推進課'), ('登録業務の名称', ''), ('結合される情報項目（だれの、どのような項目か）', '住所、カナ氏名')]
"""

from __future__ import annotations

from ..model.marks import ModelPath
from ..model.packet import FORM_ROWS, Form, FormItemGroup
from .doc import Para, Row, Run, para

LABELS: dict[str, dict[str, str]] = {
    "業務委託": {"partner": "委託先", "items": "委託に伴い事業者に処理させる情報項目（だれの、どのような項目か）",
             "media": "処理させる情報項目の記録媒体", "reason": "委託理由", "content": "委託の内容",
             "period": "委託の開始時期及び期限", "ward_measures": "委託にあたり区が行う情報保護対策",
             "partner_measures": "受託事業者に行わせる情報保護対策"},
    "外部結合": {"items": "結合される情報項目（だれの、どのような項目か）", "partner": "結合の相手方",
             "reason": "結合する理由", "connection": "結合の形態", "period": "結合の開始時期と期間",
             "measures": "情報保護対策"},
    "電算処理": {"items": "記録される情報項目（だれの、どのような項目が、どのコンピュータに）",
             "reason": "新規開発・追加・変更の理由", "content": "新規開発・追加・変更の内容",
             "measures": "開発等を委託する場合における個人情報保護対策", "schedule": "新規開発・追加・変更の時期"},
    "再委託": {"partner": "委託先（再委託先）", "items": "再委託に伴い事業者に処理させる情報項目",
            "media": "処理させる情報項目の記録媒体", "reason": "再委託理由", "content": "再委託の内容",
            "period": "再委託の開始時期及び期限", "ward_measures": "再委託にあたり区が行う情報保護対策",
            "partner_measures": "委託先（再委託先）に行わせる情報保護対策"},
}
"""The printed name of each row (the order is :data:`flowdiag.model.packet.FORM_ROWS`)."""

COMMON = {"department": "保有課（担当課）", "business": "登録業務の名称", "subject": "件名"}


def row_label(form: Form, key: str) -> str:
    """The row's name as printed: the form's own wording (``labels``), else the template's."""
    return form.labels.get(key) or COMMON.get(key) or LABELS[form.kind][key]


SCHEDULE = (("development", "開発"), ("test", "テスト"), ("go_live", "本稼働"))


def form_rows(form: Form, base: ModelPath) -> list[Row]:
    """The table of one form; texts keep their model paths for the change marks."""
    return [Row(row_label(form, key), tuple(_value(form, key, base))) for key in FORM_ROWS[form.kind]]


def _value(form: Form, key: str, base: ModelPath) -> list[Para]:
    value = getattr(form, key)
    path = base + (key,)
    if key == "items":
        return _items(form, path) + _computer(form, base)
    if key == "schedule":
        if value is None:
            return []
        return [Para((Run(f"{name}："), Run(getattr(value, k), path + (k,))))
                for k, name in SCHEDULE if getattr(value, k)]
    if isinstance(value, list):
        return [para(text, path + (i,)) for i, text in enumerate(value)]
    return [para(value, path)] if value else []


def _computer(form: Form, base: ModelPath) -> list[Para]:
    if not form.computer:
        return []
    return [Para((Run("記録するコンピュータ："), Run(form.computer, base + ("computer",))))]


def _items(form: Form, path: ModelPath) -> list[Para]:
    """Plain items on one line joined by 、; groups one a line, numbered when there are several.

    ``1 配布対象者情報 住民基本台帳情報（世帯番号、…）`` / ``《委託先に提供する項目》 郵便番号、住所、氏名等``
    """
    out: list[Para] = []
    plain = [(i, t) for i, t in enumerate(form.items) if isinstance(t, str)]
    if plain:
        out.append(Para(_joined([(t, path + (i,)) for i, t in plain])))
    groups = [(i, g) for i, g in enumerate(form.items) if isinstance(g, FormItemGroup)]
    for n, (i, g) in enumerate(groups, 1):
        gp = path + (i,)
        runs: list[Run] = [Run(f"{n} ")] if len(groups) > 1 else []
        if g.title:
            runs += [Run(g.title, gp + ("title",)), Run(" ")]
        items = _joined([(t, gp + ("items", k)) for k, t in enumerate(g.items)])
        if g.note:
            runs += [Run(g.note, gp + ("note",)), Run("（"), *items, Run("）")]
        else:
            runs += items
        out.append(Para(tuple(runs)))
    return out


def _joined(items: list[tuple[str, ModelPath]]) -> tuple[Run, ...]:
    runs: list[Run] = []
    for k, (text, path) in enumerate(items):
        if k:
            runs.append(Run("、"))
        runs.append(Run(text, path))
    return tuple(runs)
