"""Flows of shapes the samples do not contain, written for the accuracy tests (issue: review accuracy on
flows nobody tuned for). Each is small, in another business and wording than the samples."""

from __future__ import annotations

from flowdiag.check.engine import CheckResult, check_loaded
from flowdiag.check.findings import Finding
from flowdiag.load.validate import load_flow_text


def check(text: str, name: str = "own.yaml") -> CheckResult:
    return check_loaded(load_flow_text(text, name))


def hits(text: str, rule: str) -> list[Finding]:
    return [f for f in check(text).active() if f.rule == rule]


def rules(text: str) -> set[str]:
    return {f.rule for f in check(text).active()}


HEAD = """flowdiag: 1
document: {number: 資料7-1, title: 【例の事業の個人情報の流れ】}
"""

# An internet step with no encryption on the step or its line; both actors carry the standard list.
LIBRARY = HEAD + """actors:
  - {id: ward, name: 中央図書館, kind: ward, measures: {system: [sets.system]}}
  - id: vendor
    name: 予約連絡の受託事業者
    kind: contractor
    measures: {operational: [sets.itaku_contractor], system: [sets.system]}
data:
  - {id: holds, title: 予約者情報, items: [利用者番号, 氏名, 電話番号], at: ward}
steps:
  - {number: 1, from: ward, to: vendor, text: 予約者情報の送信, channel: internet, data: holds%s}
  - {number: 2, at: vendor, text: 契約終了後、予約者情報の消去, returns: true, data: holds}
%s"""

# 要配慮個人情報 on a plain USB while the ward's own measures say 暗号化機能付きUSBメモリ.
CHECKUP = HEAD + """actors:
  - id: ward
    name: 保健予防課
    kind: ward
    measures:
      operational: [暗号化機能付きUSBメモリを利用し、管理簿に記載, 鍵付きカバン等による運搬]
  - {id: lab, name: 健診結果入力の受託事業者, kind: contractor, measures: {operational: [sets.itaku_contractor]}}
data:
  - {id: exam, title: 健診結果, items: [受診者番号, 氏名, 血圧, 既往歴], at: ward, sensitive: [要配慮個人情報]}
steps:
  - {number: 1, from: ward, to: lab, text: 健診結果の提供, medium: %s, channel: hand, data: exam%s}
  - {number: 2, from: lab, to: ward, text: 契約終了後、健診結果の返却, medium: usb, channel: hand, returns: true,
     data: exam, measures: [sets.handover]}
"""

# A consultation line that collects data itself; the return covers only what the ward gave.
HOTLINE_ACTORS = HEAD + """actors:
  - {id: ward, name: 子ども家庭課, kind: ward}
  - id: ops
    name: 子育て相談の受託事業者
    kind: contractor
    places:
      - id: desk
        name: 【子育て相談ダイヤル】
        kind: callcenter
%s
  - {id: parents, name: 保護者, kind: person}
"""
HOTLINE_CAPTION = "        caption: [取得する個人情報, 保護者氏名・電話番号・相談内容]"
HOTLINE_STEPS = """steps:
  - {number: 1, from: ward, to: ops, text: 対象世帯情報の提供, medium: encrypted_usb, channel: hand, data: roster,
     measures: [sets.handover]}
  - {number: 2, from: parents, to: desk, text: 電話での子育て相談, channel: tel}
  - {number: 3, from: ops, to: ward, text: 契約終了後、対象世帯情報の返却, medium: encrypted_usb, channel: hand,
     returns: true, data: %s, measures: [sets.handover]}
"""
ROSTER = "  - {id: roster, title: 対象世帯情報, items: [世帯番号, 保護者氏名, 住所], at: ward}\n"


def hotline(way: str, returned: str = "roster") -> str:
    """The hotline flow with the collected data written as a caption (``caption``), as a data set at the
    place (``data``), or as a caption bound to a data set by ``collects:`` (``collects``)."""
    if way == "caption":
        return HOTLINE_ACTORS % HOTLINE_CAPTION + "data:\n" + ROSTER + HOTLINE_STEPS % returned
    if way == "data":
        return (HOTLINE_ACTORS % "" + "data:\n" + ROSTER
                + "  - {id: calls, title: 相談受付記録, items: [保護者氏名, 電話番号, 相談内容], at: desk}\n"
                + HOTLINE_STEPS % returned)
    assert way == "collects"
    return (HOTLINE_ACTORS % (HOTLINE_CAPTION + "\n        collects: [calls]") + "data:\n" + ROSTER
            + "  - {id: calls, title: 相談受付記録, items: [保護者氏名, 電話番号, 相談内容]}\n"
            + HOTLINE_STEPS % returned)


# A union of shops: the union holds the contract, its member shops deliver.
UNION = HEAD + """actors:
  - {id: ward, name: 高齢者支援課, kind: ward}
  - id: union
    name: 区内弁当事業協同組合
    kind: contractor
%s
  - {id: seniors, name: 配食サービス利用者, kind: person}
data:
  - {id: route, title: 配達先情報, items: [氏名, 住所, 電話番号], at: ward}
steps:
  - {number: 1, from: ward, to: union, text: 配達先情報の提供, medium: encrypted_usb, channel: hand, data: route,
     measures: [sets.handover]}
  - {number: 2, from: union, to: seniors, text: 組合員の店舗による配達, channel: 訪問, data: route}
  - {number: 3, from: union, to: ward, text: 契約終了後、配達先情報とUSBメモリの返却, medium: encrypted_usb, channel: hand,
     returns: true, data: route, measures: [sets.handover]}
%s"""

# A cloud written in 公用文 spellings (サーバー, アクセスログの取得), holding 要配慮個人情報.
KAIGO = HEAD + """actors:
  - id: ward
    name: 介護保険課
    kind: ward
    measures: {system: [特定相手以外の通信不可, 通信内容の暗号化, アクセスログの取得]}
  - id: saas
    name: 認定審査クラウド
    kind: cloud
    measures:
      system: [特定相手以外の通信不可, 通信内容の暗号化, アクセスログの取得, サーバー冗長化, 国内法が適用されるサーバー環境]
data:
  - {id: cases, title: 認定調査票, items: [被保険者番号, 氏名, 心身の状況], at: saas, sensitive: [要配慮個人情報]}
links:
  - {between: [ward, saas], channel: lgwan, encrypted: true}
steps:
  - {number: 1, from: ward, to: saas, text: 認定調査票の登録, channel: lgwan, encrypted: true, data: cases}
  - {number: 2, at: saas, text: 契約終了後、クラウド上の認定調査票の消去, returns: true, data: cases}
"""

# A development contractor whose bullets are the checklist-3 labels, whole and split at 「・」.
DENSAN = HEAD + """actors:
  - {id: ward, name: 情報システム課, kind: ward}
  - id: dev
    name: 税務システム改修の受託事業者
    kind: contractor
    measures:
      operational:
%s
steps:
  - {number: 1, from: ward, to: dev, text: 改修仕様の共有}
packet:
  kinds: 電算処理
  checklists:
    - checklist: 電算処理
      ward: {operational: {"*": ○}, system: {"*": ○}}
      partner: {operational: {"*": ○}, system: {"*": －}}
"""

# An exchange with the national network: another public body's system, not a contractor.
NATIONAL = HEAD + """actors:
  - {id: ward, name: 国保年金課, kind: ward, measures: {system: [sets.system]}}
  - {id: nns, name: 情報提供ネットワークシステム, kind: system}
data:
  - {id: query, title: 照会情報, items: [宛名番号, 個人番号, 所得額], at: ward, sensitive: [特定個人情報]}
links:
  - {between: [ward, nns], channel: lgwan, encrypted: true}
steps:
  - {number: 1, from: ward, to: nns, text: 所得情報の照会, channel: lgwan, encrypted: true, data: query}
  - {number: 2, from: nns, to: ward, text: 照会結果の受領, channel: lgwan, encrypted: true, data: query}
%s"""

# An erasure certificate that names the data it certifies.
CERTIFICATE = HEAD + """actors:
  - {id: ward, name: 納税課, kind: ward}
  - id: printer
    name: 納付書印刷の受託事業者
    kind: contractor
    places: [{id: press, name: 印刷工場, kind: office}]
data:
  - {id: slips, title: 納付書データ, items: [氏名, 住所, 税額, 障害者控除の有無], at: [press], sensitive: [要配慮個人情報]}
steps:
  - {number: 1, at: press, text: 納付書データの作成, data: slips}
  - {number: 2, at: ward, text: 印刷結果の確認, data: slips}
  - {number: 3, at: press, text: 契約終了後、納付書データの消去, returns: true, data: slips}
  - {number: 4, from: printer, to: ward, text: 消去証明書の提出, medium: paper, channel: hand, data: slips}
"""

# A subcontractor that only reaches the SaaS as a client: it hosts no server.
NURSERY = HEAD + """actors:
  - {id: ward, name: 保育課, kind: ward, measures: {system: [sets.system]}}
  - {id: op, name: 保育所運営事業者, kind: contractor, measures: {system: [sets.system]}}
  - id: app
    name: 連絡アプリ保守会社
    kind: subcontractor
%s    measures: {system: [通信内容の暗号化, アクセスログ取得]}
  - {id: cloud, name: 入所管理SaaS, kind: cloud, measures: {system: [sets.system]}}
data:
  - {id: kids, title: 入所児童情報, items: [児童氏名, 保護者氏名, 連絡先], at: cloud}
links:
  - {between: [op, cloud], channel: internet, encrypted: true}
  - {between: [app, cloud], channel: internet, encrypted: true}
steps:
  - {number: 1, from: op, to: cloud, text: 入所児童情報の登録, channel: internet, encrypted: true, data: kids}
  - {number: 2, at: app, text: 連絡アプリの保守}
  - {number: 3, at: cloud, text: 契約終了後、全データの消去, returns: true, data: kids}
packet:
  kinds: [業務委託, 再委託]
  forms: [{kind: 再委託, partner: 連絡アプリ保守会社, consent: true}]
"""

# A form that writes its items as 住民基本台帳情報（…） and in one line with （任意）.
JUMIN = HEAD + """actors:
  - {id: ward, name: 防災課, kind: ward}
  - {id: sender, name: 発送の受託事業者, kind: contractor}
data:
  - {id: hh, title: 発送対象者情報, items: [世帯番号, 世帯主氏名, 郵便番号, 住所, メールアドレス], at: ward}
steps:
  - {number: 1, from: ward, to: sender, text: 発送対象者情報の提供, medium: encrypted_usb, channel: hand, data: hh,
     measures: [sets.handover]}
  - {number: 2, from: sender, to: ward, text: 契約終了後、発送対象者情報の返却, medium: encrypted_usb, channel: hand,
     returns: true, data: hh, measures: [sets.handover]}
packet:
  kinds: 業務委託
  forms:
    - kind: 業務委託
      items: [住民基本台帳情報（世帯番号、世帯主氏名、郵便番号、住所）, メールアドレス（任意）]
      media: 電磁的媒体(USBメモリ)
"""

# Paper both ways: a password notice to the contractor (no data), printed notices back to the ward.
NOTICES = HEAD + """actors:
  - {id: ward, name: 保険年金課, kind: ward}
  - {id: mailer, name: 通知書封入の受託事業者, kind: contractor}
data:
  - {id: addr, title: 宛名データ, items: [氏名, 住所], at: ward}
  - {id: letters, title: 封入済み通知書, items: [氏名, 住所]}
steps:
  - {number: 1, from: ward, to: mailer, text: 宛名データの提供, medium: dvd, channel: hand, encrypted: true, data: addr,
     measures: [handover.locked_bag, handover.ledger, handover.password_separately]}
  - {number: "1'", from: ward, to: mailer, text: パスワード通知書の提供, medium: paper, channel: hand,
     measures: [handover.locked_bag, handover.ledger]}
  - {number: 2, at: mailer, text: 通知書の封入封緘, data: [addr, letters]}
  - {number: 3, from: mailer, to: ward, text: 封入済み通知書の納品, medium: paper, channel: hand, data: letters,
     measures: [handover.locked_bag, handover.ledger]}
  - {number: 4, from: mailer, to: ward, text: 契約終了後、DVD-R・パスワード通知書の返却, medium: [dvd, paper], channel: hand,
     returns: true, data: addr, measures: [handover.locked_bag, handover.ledger]}
packet:
  kinds: 業務委託
  forms:
    - {kind: 業務委託, items: [氏名, 住所], media: 電磁的媒体(DVD-R)及び紙媒体}
"""

# Visiting nurses who carry smartphones with the visit list, and call a family member.
VISITS = HEAD + """actors:
  - {id: ward, name: 健康推進課, kind: ward}
  - id: nurse
    name: 訪問指導の受託事業者
    kind: contractor
    places:
      - id: phone
        name: 訪問員のスマートフォン
%s
  - {id: clients, name: 訪問対象者, kind: person}
  - {id: family, name: 家族（緊急連絡先）, kind: person}
data:
  - {id: visits, title: 訪問対象者情報, items: [氏名, 住所, 電話番号, 緊急連絡先], at: ward}
steps:
  - {number: 1, from: ward, to: phone, text: 訪問予定の配信, channel: vpn, data: visits}
  - {number: 2, from: phone, to: clients, text: 訪問指導, channel: 訪問}
  - {number: 3, from: nurse, to: family, text: 体調急変時の連絡, channel: tel%s}
  - {number: 4, at: nurse, text: 契約終了後、訪問対象者情報の消去, returns: true, data: visits}
"""

# A USB handed over and uploaded to a SaaS; nothing says what becomes of the USB.
UPLOAD = HEAD + """actors:
  - {id: ward, name: 地域振興課, kind: ward}
  - {id: agent, name: 事務局の受託事業者, kind: contractor}
  - {id: saas, name: 申請管理SaaS, kind: cloud, measures: {system: [sets.system]}}
data:
  - {id: members, title: 町会会員情報, items: [氏名, 住所], at: ward}
steps:
  - {number: 1, from: ward, to: agent, text: 会員情報の提供, medium: usb, channel: hand, data: members,
     measures: [sets.handover]}
  - {number: 2, from: agent, to: saas, text: 会員情報の取込み, channel: internet, encrypted: true, data: members}
%s  - {number: 4, at: agent, text: 契約終了後、会員情報の消去, returns: true, data: members}
  - {number: 5, at: saas, text: 契約終了後、SaaS上の会員情報の消去, returns: true, data: members}
"""

# A contractor connected to the ward over LGWAN.
LGWAN = HEAD + """actors:
  - {id: ward, name: 税務課, kind: ward, measures: {system: [sets.system]}}
  - {id: bpo, name: 入力業務の受託事業者, kind: %s, measures: {system: [sets.system]}}
data:
  - {id: forms_, title: 申告書データ, items: [氏名, 所得額], at: ward}
links:
  - {between: [ward, bpo], channel: lgwan, encrypted: true}
steps:
  - {number: 1, from: ward, to: bpo, text: 申告書データの送信, channel: lgwan, encrypted: true, data: forms_}
  - {number: 2, at: bpo, text: 契約終了後、申告書データの消去, returns: true, data: forms_}
"""
