/* litkg query page: load a named query, bind its parameters, POST it to /query, show the result as a table.
   Vanilla JavaScript, no library. The page's data (named queries, prefixes, page links) is a JSON block. */
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("litkg-data").textContent);
  const form = document.getElementById("query-form");
  const editor = document.getElementById("query");
  const paramsRow = document.getElementById("params");
  const runButton = document.getElementById("run");
  const status = document.getElementById("status");
  const results = document.getElementById("results");
  const byName = new Map(data.queries.map((q) => [q.name, q]));
  const prefixes = Object.entries(data.prefixes).sort((a, b) => b[1].length - a[1].length);
  let current = null;

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function shorten(iri) {
    for (const [prefix, base] of prefixes) {
      if (iri.startsWith(base) && iri.length > base.length) return prefix + ":" + iri.slice(base.length);
    }
    return iri;
  }

  function pageOf(iri) {
    for (const [kind, starts] of Object.entries(data.pages)) {
      if (starts.some((s) => iri.startsWith(s))) return "/" + kind + "?iri=" + encodeURIComponent(iri);
    }
    return null;
  }

  /* a parameter's value as a SPARQL term: an IRI (<...>, http(s)://..., or prefix:name), an integer, or a string */
  function term(value) {
    const v = value.trim();
    const bare = v.startsWith("<") && v.endsWith(">") ? v.slice(1, -1) : v;
    if (/^https?:\/\/[^\s<>"{}|\\^`]+$/.test(bare)) return "<" + bare + ">";
    const m = /^([A-Za-z][\w-]*):([^\s<>"{}|\\^`]+)$/.exec(v);
    if (m && Object.prototype.hasOwnProperty.call(data.prefixes, m[1])) return "<" + data.prefixes[m[1]] + m[2] + ">";
    if (/^-?\d+$/.test(v)) return v;
    return JSON.stringify(v);
  }

  function showParams(query) {
    paramsRow.textContent = "";
    paramsRow.hidden = !query || query.params.length === 0;
    if (!query) return;
    for (const p of query.params) {
      const label = el("label", {}, "?" + p);
      const input = el("input", { type: "text", name: "param-" + p, "data-param": p,
        placeholder: "IRI or prefixed name, e.g. concept:platform/facebook" });
      label.appendChild(input);
      paramsRow.appendChild(label);
    }
  }

  function select(name) {
    const query = byName.get(name);
    if (!query) return;
    current = query;
    editor.value = query.text;
    document.querySelectorAll("button.named").forEach((b) => b.classList.toggle("active", b.dataset.name === name));
    showParams(query);
    if (query.params.length === 0) run();
    else paramsRow.querySelector("input").focus();
  }

  /* the text sent: the editor's query, with the filled parameters it uses bound by a trailing VALUES clause */
  function queryText() {
    let text = editor.value;
    if (current && !paramsRow.hidden) {
      const bound = [...paramsRow.querySelectorAll("input")].filter((i) =>
        i.value.trim() && new RegExp("[?$]" + i.dataset.param + "\\b").test(text));
      if (bound.length) {
        text = text.replace(/\s+$/, "") + "\nVALUES (" + bound.map((i) => "?" + i.dataset.param).join(" ") +
          ") { (" + bound.map((i) => term(i.value)).join(" ") + ") }\n";
      }
    }
    return text;
  }

  function cell(value) {
    const td = el("td");
    if (!value) return td;
    if (value.type === "uri") {
      const local = pageOf(value.value);
      const a = el("a", { href: local || value.value, title: value.value });
      /* break long IRIs after / # - only */
      shorten(value.value).split(/(?<=[\/#-])/).forEach((part, i) => {
        if (i) a.appendChild(document.createElement("wbr"));
        a.appendChild(document.createTextNode(part));
      });
      td.appendChild(a);
    } else if (value.type === "bnode") {
      td.textContent = "_:" + value.value;
    } else {
      td.textContent = value.value;
      if (value["xml:lang"]) td.appendChild(el("span", { class: "literal-lang" }, "@" + value["xml:lang"]));
    }
    return td;
  }

  function renderTable(json) {
    const vars = json.head.vars;
    const rows = json.results.bindings;
    const table = el("table", { class: "results", id: "result-table" });
    const head = el("tr");
    vars.forEach((v) => head.appendChild(el("th", {}, v)));
    table.appendChild(el("thead")).appendChild(head);
    const body = el("tbody");
    for (const row of rows) {
      const tr = el("tr");
      vars.forEach((v) => tr.appendChild(cell(row[v])));
      body.appendChild(tr);
    }
    table.appendChild(body);
    results.appendChild(table);
    return rows.length + " row" + (rows.length === 1 ? "" : "s");
  }

  async function run() {
    results.textContent = "";
    status.className = "";
    status.textContent = "Running…";
    runButton.disabled = true;
    const started = performance.now();
    try {
      const response = await fetch("/query", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded",
          Accept: "application/sparql-results+json, text/turtle;q=0.9" },
        body: new URLSearchParams({ query: queryText() }),
      });
      const type = response.headers.get("Content-Type") || "";
      const seconds = ((performance.now() - started) / 1000).toFixed(2) + " s";
      if (!response.ok) {
        status.className = "failed";
        status.textContent = "Error " + response.status + " (" + seconds + ")";
        results.appendChild(el("p", { class: "error" }, await response.text()));
      } else if (type.startsWith("application/sparql-results+json")) {
        const json = await response.json();
        if ("boolean" in json) {
          results.appendChild(el("p", { id: "result-boolean" }, "Answer: " + json.boolean));
          status.textContent = "ASK (" + seconds + ")";
        } else {
          status.textContent = renderTable(json) + " (" + seconds + ")";
        }
      } else {
        results.appendChild(el("pre", { class: "graph" }, await response.text()));
        status.textContent = "Graph as Turtle (" + seconds + ")";
      }
    } catch (err) {
      status.className = "failed";
      status.textContent = "The endpoint could not be reached: " + err;
    } finally {
      runButton.disabled = false;
    }
  }

  document.querySelectorAll("button.named").forEach((b) => {
    b.addEventListener("click", () => {
      history.replaceState(null, "", "#" + b.dataset.name);
      select(b.dataset.name);
    });
  });
  form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
  editor.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); run(); }
  });
  paramsRow.addEventListener("keydown", (event) => {
    if (event.key === "Enter") { event.preventDefault(); run(); }
  });
  const start = decodeURIComponent(location.hash.slice(1));
  if (byName.has(start)) select(start);
})();
