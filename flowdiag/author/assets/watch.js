// flowdiag watch: ask the local server for the newest state and redraw. No libraries, no network
// beyond this computer.
"use strict";

const SEVERITY = { error: "誤り", warning: "警告", info: "情報" };
let version = 0;
let chart = 0;

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function where(p) {
  if (p.line === null || p.line === undefined) return "";
  return p.col ? `${p.line}行 ${p.col}列` : `${p.line}行`;
}

async function show(state) {
  document.title = `${state.file} — flowdiag watch`;
  document.getElementById("file").textContent = state.file;
  const status = document.getElementById("status");
  const errors = state.problems.filter((p) => p.severity === "error" && !p.waived).length;
  if (!state.ok) {
    status.className = "status bad";
    status.textContent = `読み込めません（誤り ${errors} 件）`;
  } else {
    status.className = "status ok";
    status.textContent = errors ? `描きました（点検の誤り ${errors} 件）` : "描きました";
  }
  document.getElementById("updated").textContent = state.updated ? `${state.updated} に更新` : "";

  const list = document.getElementById("list");
  list.replaceChildren();
  const counts = { error: 0, warning: 0, info: 0 };
  for (const p of state.problems) {
    counts[p.severity] = (counts[p.severity] || 0) + 1;
    const li = el("li", p.severity + (p.waived ? " waived" : ""));
    li.append(el("span", "sev", SEVERITY[p.severity] || p.severity));
    const at = where(p);
    if (at) li.append(el("span", "where", at + " "));
    li.append(el("span", "message", p.message + (p.rule ? ` [${p.rule}]` : "") + (p.waived ? `（承知済み: ${p.waived}）` : "")));
    if (p.hint) li.append(el("span", "hint", "→ " + p.hint));
    list.append(li);
  }
  document.getElementById("counts").textContent =
    `（誤り ${counts.error}、警告 ${counts.warning}、情報 ${counts.info}）`;
  document.getElementById("none").hidden = state.problems.length > 0;

  const box = document.getElementById("chart");
  const next = state.chart && state.chart !== chart ? state.chart : 0;
  if (next) chart = next;
  box.classList.toggle("stale", !state.ok && chart > 0);  // before the wait: the status above already says it
  if (next) await drawChart(next);
}

// The chart goes into the page itself (not an <img>), so it is drawn with the bundled font.
async function drawChart(v) {
  const res = await fetch(`/chart.svg?v=${v}`, { cache: "no-store" });
  if (!res.ok) return;
  const doc = new DOMParser().parseFromString(await res.text(), "image/svg+xml");
  const svg = doc.documentElement;
  if (svg.nodeName !== "svg") return;
  const holder = document.getElementById("svg");
  holder.replaceChildren(document.importNode(svg, true));
  holder.dataset.version = String(v);
  holder.hidden = false;
  document.getElementById("nochart").hidden = true;
}

async function poll() {
  for (;;) {
    try {
      const res = await fetch(`/state?after=${version}`, { cache: "no-store" });
      if (!res.ok) throw new Error(String(res.status));
      const state = await res.json();
      if (state.version !== version) {
        version = state.version;
        await show(state);
      }
    } catch (err) {
      const status = document.getElementById("status");
      status.className = "status waiting";
      status.textContent = "flowdiag watch が止まっています（コマンドを実行し直してください）";
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}

document.getElementById("fit").addEventListener("click", (ev) => {
  const box = document.getElementById("chart");
  const fit = box.classList.toggle("fit");
  ev.target.textContent = fit ? "幅に合わせる" : "原寸";
  ev.target.setAttribute("aria-pressed", String(fit));
});

poll();
