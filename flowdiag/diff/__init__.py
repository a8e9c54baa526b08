"""What changed between two versions of a flow: a change list, and marks for the chart.

- :func:`diff_flows` compares two loaded flows and returns a :class:`ChangeSet`;
- :func:`marks_for` / :func:`marks_since` give the renderer the 赤太字下線 marks, the 削除 lines
  and the caption label (:class:`flowdiag.model.marks.Marks`);
- :mod:`flowdiag.diff.report` and :mod:`flowdiag.diff.markdown` write the list as text, JSON or a
  Markdown 新旧対照表; :mod:`flowdiag.diff.gitrev` reads a flow from a git revision;
  :mod:`flowdiag.diff.canonical` lists one flow fact by fact for ``git diff`` (textconv).
"""

from .changes import Change, ChangeSet, FlowInfo, Side
from .compare import diff_flows
from .marks import caption, marks_for, marks_since, render_marks, word_spans

__all__ = ["Change", "ChangeSet", "FlowInfo", "Side", "caption", "diff_flows", "marks_for", "marks_since",
           "render_marks", "word_spans"]
