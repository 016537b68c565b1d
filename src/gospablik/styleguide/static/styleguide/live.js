// Live style check: debounced POST to /api/style/check, result rendered with textContent only.
(function () {
  var form = document.getElementById("style-check");
  if (!form) return;
  var text = document.getElementById("style-text");
  var network = document.getElementById("style-network");
  var out = document.getElementById("style-result");
  var timer = null;
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;

  // the page's language decides the decimal mark («7,5» in Russian)
  function decimal(x) {
    var lang = document.documentElement.lang || "ru";
    return Number(x).toLocaleString(lang, {minimumFractionDigits: 1, maximumFractionDigits: 1});
  }

  function el(tag, cls, content) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (content !== undefined) node.textContent = content;
    return node;
  }

  function render(report, source) {
    var chars = Array.from(source);  // the API counts code points, JS strings count UTF-16 units
    out.replaceChildren();
    var head = el("p");
    head.appendChild(el("span", "badge " + (report.score >= 7 ? "green" : report.score >= 4 ? "amber" : "red"),
      "Оценка " + decimal(report.score) + " из 10"));
    head.appendChild(document.createTextNode(" " + (report.summary || "")));
    out.appendChild(head);
    var list = el("ul");
    report.issues.forEach(function (issue) {
      var item = el("li");
      var whole = issue.start === 0 && issue.end >= chars.length;
      if (!whole) item.appendChild(el("mark", "", chars.slice(issue.start, issue.end).join("")));
      item.appendChild(document.createTextNode((whole ? "" : " — ") + issue.message));
      if (issue.suggestion) item.appendChild(el("span", "muted", " → " + issue.suggestion));
      list.appendChild(item);
    });
    out.appendChild(list);
  }

  function check() {
    var source = text.value;
    var body = {text: source, ministry: form.dataset.ministry};
    if (network.value) body.network = network.value;
    fetch(form.dataset.endpoint, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrf},
      body: JSON.stringify(body)
    }).then(function (r) { return r.json(); }).then(function (report) {
      if (text.value === source) render(report, source);
    });
  }

  function schedule() { clearTimeout(timer); timer = setTimeout(check, 300); }
  text.addEventListener("input", schedule);
  network.addEventListener("change", schedule);
})();
