"""``flowdiag diff`` as a user runs it: exit codes, formats, files, git revisions, and git's own diff
through the documented .gitattributes + diff driver / textconv set-up, in a real repository."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import ROOT, run_cli

OLD = "samples/000-keitai-toilet.yaml"
NEW = "samples/000-keitai-toilet-r7.yaml"
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def test_no_change_exits_0():
    proc = run_cli("diff", OLD, OLD)
    assert proc.returncode == 0
    assert "変更はありません" in proc.stdout


def test_changes_exit_1_and_quiet_prints_nothing():
    proc = run_cli("diff", OLD, NEW, "-q")
    assert (proc.returncode, proc.stdout, proc.stderr) == (1, "", "")


@pytest.mark.parametrize("args", [("diff", OLD, "missing.yaml"), ("diff", OLD), ("diff",),
                                  ("diff", OLD, NEW, "--rev", "HEAD"), ("diff", "--rev", "-x", OLD),
                                  ("diff", "--textconv"), ("diff", OLD, NEW, "--format", "xml")])
def test_bad_input_exits_2_without_traceback(args):
    proc = run_cli(*args)
    assert proc.returncode == 2, proc.stdout
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip()


def test_broken_flow_is_reported_with_its_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("flowdiag: 1\ndocument: {number: 資料1-1, title: 例}\nactors:\n  - {id: a, name: 区, nmae: x}\n",
                   encoding="utf-8")
    proc = run_cli("diff", OLD, str(bad))
    assert proc.returncode == 2
    assert f"{bad}:4:" in proc.stderr and "nmae" in proc.stderr


def test_output_file_is_utf8(tmp_path):
    out = tmp_path / "新旧対照表.md"
    proc = run_cli("diff", OLD, NEW, "-f", "markdown", "-o", str(out))
    assert proc.returncode == 1
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# 新旧対照表") and "| 箇所 | 変更後 | 変更前 |" in text
    assert proc.stdout == ""


def test_json_is_machine_readable():
    proc = run_cli("diff", OLD, NEW, "-f", "json")
    data = json.loads(proc.stdout)
    assert data["changed"] is True
    assert data["summary"]["renumbered"] == 8
    assert data["render"]["caption"] == "※令和6年度第1回本管理運営会議からの変更点は、赤太字下線部"
    first = data["changes"][0]
    assert {"kind", "area", "subject", "field", "old", "new", "marks", "detail"} <= set(first)
    assert first["old"]["line"] == 6


def test_help_is_japanese_first():
    proc = run_cli("diff", "--help")
    assert proc.returncode == 0
    assert proc.stdout.index("2つの版のフローを比べ") < proc.stdout.index("Show what changed")


# ---------------------------------------------------------------- git

def _git_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(HOME=str(home), GIT_CONFIG_NOSYSTEM="1", GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org", GIT_PAGER="cat", PAGER="cat",
               LANG="C.UTF-8")
    env.pop("GIT_DIR", None)
    env.pop("GIT_WORK_TREE", None)
    return env


@pytest.fixture
def repo(tmp_path):
    """A repository holding sample 000 as committed (v1), then the r7 version in a second commit."""
    root = tmp_path / "repo"
    (root / "flows").mkdir(parents=True)
    env = _git_env(tmp_path)

    def git(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True, check=check,
                              timeout=120)

    git("init", "-q", "-b", "main")
    flow = root / "flows" / "keitai.yaml"
    shutil.copy(ROOT / OLD, flow)
    git("add", ".")
    git("commit", "-q", "-m", "r6")
    git("tag", "r6")
    shutil.copy(ROOT / NEW, flow)
    git("commit", "-q", "-am", "r7")
    git("tag", "r7")
    return root, flow, git, env


@needs_git
def test_rev_against_the_working_file(repo):
    root, flow, git, _ = repo
    assert run_cli("diff", "--rev", "HEAD", str(flow)).returncode == 0
    proc = run_cli("diff", "--rev", "HEAD~1", str(flow))
    assert proc.returncode == 1, proc.stderr
    assert "旧: HEAD~1:flows/keitai.yaml（令和6年度第1回）" in proc.stdout
    assert "(HEAD~1:flows/keitai.yaml:106 → " in proc.stdout
    assert "番号 振り直し ③③′→④④′" in proc.stdout


@needs_git
def test_two_revisions_and_a_relative_path(repo):
    root, flow, git, _ = repo
    flow.write_text("not a flow any more", encoding="utf-8")  # the working file is not read
    proc = run_cli("diff", "--rev", "r6", "--rev", "r7", "flows/keitai.yaml", cwd=root)
    assert proc.returncode == 1, proc.stderr
    assert "新: r7:flows/keitai.yaml（令和7年度第1回）" in proc.stdout


@needs_git
def test_rev_errors_are_messages(repo, tmp_path):
    root, flow, git, _ = repo
    proc = run_cli("diff", "--rev", "nosuch", str(flow))
    assert proc.returncode == 2 and "リビジョン「nosuch」が見つかりません" in proc.stderr
    other = root / "flows" / "new.yaml"
    shutil.copy(ROOT / OLD, other)
    proc = run_cli("diff", "--rev", "r6", str(other))
    assert proc.returncode == 2 and "このファイルはありません" in proc.stderr
    outside = tmp_path / "outside" / "x.yaml"
    outside.parent.mkdir()
    shutil.copy(ROOT / OLD, outside)
    proc = run_cli("diff", "--rev", "HEAD", str(outside))
    assert proc.returncode == 2 and "Git リポジトリの中のファイルではありません" in proc.stderr
    assert "Traceback" not in proc.stderr


def _setup_driver(root: Path, git) -> None:  # type: ignore[no-untyped-def]
    """What docs/diff.md tells users to do (with this interpreter instead of a flowdiag on PATH)."""
    (root / ".gitattributes").write_text("flows/*.yaml diff=flowdiag\n", encoding="utf-8")
    cmd = f"{shlex.quote(sys.executable)} -m flowdiag diff"
    git("config", "diff.flowdiag.command", f"{cmd} --git")
    git("config", "diff.flowdiag.textconv", f"{cmd} --textconv")


@needs_git
def test_git_diff_shows_the_semantic_change_list(repo):
    root, flow, git, _ = repo
    _setup_driver(root, git)
    proc = git("diff", "r6", "r7", "--", "flows/keitai.yaml")
    out = proc.stdout
    assert "flowdiag diff a/flows/keitai.yaml b/flows/keitai.yaml" in out
    assert "追加 ステップ③「転出者を除いた配布対象者の確定」" in out
    assert "番号 振り直し ③③′→④④′、④④′→⑤⑤′、⑤→⑥、⑤′→⑥′、⑥→⑦、⑦→⑧、⑧→⑩、⑨→⑫（8 ステップ）" in out
    assert "削除 主体「委託事業者」の【システム上の対策】「サーバ冗長化」" in out
    assert "(a/flows/keitai.yaml:106 → b/flows/keitai.yaml:" in out
    assert "@@" not in out  # not a line diff


@needs_git
def test_git_diff_of_the_working_tree_and_a_broken_file(repo):
    root, flow, git, _ = repo
    _setup_driver(root, git)
    text = flow.read_text(encoding="utf-8").replace("R7.9月から順次", "R7.8月から順次")
    flow.write_text(text, encoding="utf-8")
    out = git("diff").stdout
    assert "変更 ステップ⑥「携帯トイレ等の配布」の時点・期間: R7.9月から順次 → R7.8月から順次" in out
    flow.write_text(text + "\n  broken: [\n", encoding="utf-8")
    proc = git("diff", check=False)
    assert proc.returncode == 0, proc.stderr
    assert "行単位の差分" in proc.stdout and "+  broken: [" in proc.stdout


@needs_git
def test_git_textconv_for_log_and_no_ext_diff(repo):
    root, flow, git, _ = repo
    _setup_driver(root, git)
    out = git("diff", "--no-ext-diff", "r6", "r7", "--", "flows/keitai.yaml").stdout
    assert "-ステップ「区で調達した携帯トイレ等を梱包資材に梱包」 番号: ③③′" in out
    assert "+ステップ「区で調達した携帯トイレ等を梱包資材に梱包」 番号: ④④′" in out
    assert "-主体「委託事業者」 【システム上の対策】: サーバ冗長化" in out
    row = "チェックリスト5（業務委託） 委託にあたり区が行う情報保護対策【システム上の対策】「特定相手以外の通信不可」"
    assert f"-{row}: －" in out and f"+{row}: ○" in out
    assert "+チェックリスト5（業務委託） 委託事業者に行わせる情報保護対策【運用上の対策】「再委託先への立入調査等」: ○" in out
    assert "付議事項 様式「業務委託」・期間: 令和7年7月22日から令和8年2月28日まで" in out
    log = git("log", "-p", "-1", "--", "flows/keitai.yaml").stdout
    assert "+ステップ「転出者を除いた配布対象者の確定」 経路: 委託先パソコンで" in log
    assert "+ステップ「転出者を除いた配布対象者の確定」 経路: 委託先パソコンで" in git("show", "r7").stdout
    assert "追加 ステップ③「転出者を除いた配布対象者の確定」" in git("show", "--ext-diff", "r7").stdout
    blame = git("blame", "flows/keitai.yaml").stdout
    assert "文書 版: 令和7年度第1回" in blame


@needs_git
def test_git_driver_for_added_and_deleted_files(repo):
    root, flow, git, _ = repo
    _setup_driver(root, git)
    extra = root / "flows" / "extra.yaml"
    shutil.copy(ROOT / OLD, extra)
    git("add", "flows/extra.yaml")
    out = git("diff", "--cached").stdout
    assert "flowdiag diff a/flows/extra.yaml b/flows/extra.yaml" in out and "新しいファイル" in out
    git("commit", "-q", "-m", "extra")
    git("rm", "-q", "flows/extra.yaml")
    out = git("diff", "--cached").stdout
    assert "削除されたファイル" in out


def test_checklist_rows_that_cannot_be_read_fall_back_to_lists(monkeypatch):
    from click.testing import CliRunner

    from flowdiag.cli import diff_cmd, main

    def broken(_loaded):
        raise KeyError("template")

    monkeypatch.setattr(diff_cmd, "checklist_cells", broken)
    result = CliRunner().invoke(main, ["diff", str(ROOT / OLD), str(ROOT / NEW)])
    assert result.exit_code == 1, result.output
    assert "印を並び順で比べます" in result.output
    assert "【システム上の対策】1〜11件目: － → ○" in result.output
