// Thread page: keyboard (n next, r answer, t template, a assign), templates with {имя},
// live style check of the answer, delivery state refreshed without reloading.
// Words shown to the user come from the app's JavaScript catalogue (djangojs: gettext).
(function () {
  var form = document.getElementById("answer-form");
  var text = form ? form.querySelector("textarea[name=text]") : null;
  var templates = document.getElementById("template-select");
  var answers = document.getElementById("answers");
  var out = document.getElementById("style-result");

  function typing(e) {
    var tag = (e.target.tagName || "").toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || e.ctrlKey || e.metaKey || e.altKey;
  }
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { document.activeElement.blur(); return; }
    if (typing(e)) return;
    var next = document.getElementById("next-thread");
    if (e.key === "n" && next) { window.location = next.href; }
    else if (e.key === "r" && text) { text.focus(); e.preventDefault(); }
    else if (e.key === "t" && templates) { templates.focus(); e.preventDefault(); }
    else if (e.key === "a") {
      var assign = document.querySelector("#assign-form select");
      if (assign) { assign.focus(); e.preventDefault(); }
    }
  });

  if (text && form) {
    text.addEventListener("keydown", function (e) {  // Ctrl+Enter sends the answer
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); form.submit(); }
    });
  }
  var assignSelect = document.querySelector("#assign-form select");
  if (assignSelect) {
    assignSelect.addEventListener("change", function () { assignSelect.form.submit(); });
  }

  if (templates && text) {
    templates.addEventListener("change", function () {
      var option = templates.options[templates.selectedIndex];
      if (!option || !option.dataset.text) return;
      var name = (document.getElementById("resident-name").value || "").split(" ")[0];
      text.value = option.dataset.text.split("{имя}").join(name);
      text.dispatchEvent(new Event("input"));
      text.focus();
    });
  }

  if (form && text && out) {
    var timer = null;
    var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    function render(report) {
      out.replaceChildren();
      var head = document.createElement("p");
      var lang = document.documentElement.lang || undefined;
      var score = report.score.toLocaleString(lang, {minimumFractionDigits: 1, maximumFractionDigits: 1});
      head.textContent = interpolate(gettext("Стиль: %s из 10."), [score]) + " " + (report.summary || "");
      out.appendChild(head);
      var list = document.createElement("ul");
      report.issues.slice(0, 8).forEach(function (issue) {
        var item = document.createElement("li");
        item.textContent = issue.message + (issue.suggestion ? " → " + issue.suggestion : "");
        list.appendChild(item);
      });
      out.appendChild(list);
    }
    function check() {
      var source = text.value;
      if (!source.trim()) { out.replaceChildren(); return; }
      fetch(form.dataset.styleEndpoint, {
        method: "POST", credentials: "same-origin",
        headers: {"Content-Type": "application/json", "X-CSRFToken": csrf},
        body: JSON.stringify({text: source, ministry: form.dataset.ministry, network: form.dataset.network})
      }).then(function (r) { return r.ok ? r.json() : null; }).then(function (report) {
        if (report && text.value === source) render(report);
      }).catch(function () {});
    }
    text.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(check, 300); });
  }

  if (answers) {
    function refresh() {
      var list = answers.querySelector("ul.answers");
      if (!list || !list.dataset.pending) return;
      fetch(answers.dataset.url, {credentials: "same-origin"})
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) { if (html !== null) answers.innerHTML = html; });  // server-escaped
    }
    setInterval(refresh, 2000);
  }
})();
