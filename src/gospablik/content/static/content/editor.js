/* The post editor: per-network preview, live style check, repost-cap status.
   Everything from the server is inserted as text (never as HTML). */
(function () {
  "use strict";
  var form = document.getElementById("post-form");
  if (!form) { return; }
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;

  function send(url, data) {
    return fetch(url, {method: "POST", body: data, credentials: "same-origin",
                       headers: {"X-CSRFToken": csrf}}).then(function (r) { return r.json(); });
  }
  function debounce(fn, ms) {
    var timer = null;
    return function () { clearTimeout(timer); timer = setTimeout(fn, ms); };
  }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function fill(list, items, cls) {
    list.textContent = "";
    items.forEach(function (text) { list.appendChild(el("li", cls, text)); });
  }

  function toggleFieldsets() {
    var fmt = form.elements.format.value;
    form.querySelectorAll("fieldset[data-formats]").forEach(function (fs) {
      fs.hidden = fs.dataset.formats.split(" ").indexOf(fmt) < 0;
    });
  }
  function newMedia() {
    var input = form.querySelector("input[type=file]");
    return Array.prototype.map.call(input ? input.files : [], function (f) {
      if (f.type === "image/gif") { return "gif"; }
      return f.type.indexOf("video/") === 0 ? "video" : "image";
    });
  }
  function previewData() {
    var data = new FormData(form);
    data.delete("media_files");
    data.delete("action");
    data.set("post", form.dataset.post || "");
    data.set("new_media", newMedia().join(","));
    return data;
  }

  function card(plan) {
    var box = el("div", "preview-card");
    box.dataset.network = plan.network;
    box.appendChild(el("h3", null, plan.network_label + ": " + plan.title));
    box.appendChild(el("div", "preview-text", plan.text));
    if (plan.link) { box.appendChild(el("div", "muted", "Ссылка вложением: " + plan.link)); }
    var over = plan.limit !== null && plan.length > plan.limit;
    var limit = plan.limit === null ? "без предела" : "из " + plan.limit;
    box.appendChild(el("div", "length" + (over ? " over" : ""), plan.length + " символов " + limit));
    plan.problems.forEach(function (p) { box.appendChild(el("div", "problem", p)); });
    plan.notes.forEach(function (n) { box.appendChild(el("div", "note", n)); });
    return box;
  }
  function capLine(c) {
    var text = c.account + ", неделя " + c.week_label + ": оригинальных " + c.originals +
      ", репостов " + c.reposts + " (" + c.share + " %)";
    if (c.cap !== null) {
      text += c.next_repost_allowed ? " (ещё один репост допустим)" :
        " (ещё один репост превысит предел " + c.cap + " %)";
    }
    return text;
  }
  function renderPreview(result) {
    var problems = document.getElementById("problems");
    var list = (result.errors || []).concat(result.problems || []);
    if (list.length) { fill(problems, list, null); }
    else { fill(problems, ["Всё в порядке: можно планировать"], "ok"); }
    fill(document.getElementById("cap-status"), (result.cap || []).map(capLine), null);
    var previews = document.getElementById("previews");
    previews.textContent = "";
    (result.plans || []).forEach(function (plan) { previews.appendChild(card(plan)); });
  }
  // the page's language decides the decimal mark («7,5» in Russian)
  function decimal(x) {
    var lang = document.documentElement.lang || "ru";
    return Number(x).toLocaleString(lang, {minimumFractionDigits: 1, maximumFractionDigits: 1});
  }
  function renderStyle(result) {
    var score = document.getElementById("style-score");
    score.className = result.score === null ? "muted" : "style-score";
    score.textContent = result.score === null ? "—" : "Оценка: " + decimal(result.score) + " из 10";
    document.getElementById("style-summary").textContent = result.summary || "";
    var text = form.elements.text.value;
    var issues = document.getElementById("style-issues");
    issues.textContent = "";
    result.issues.forEach(function (i) {
      var li = el("li");
      li.appendChild(el("span", "fragment", text.slice(i.start, i.end)));
      li.appendChild(document.createTextNode(" — " + i.message +
        (i.suggestion ? " Лучше: " + i.suggestion : "")));
      issues.appendChild(li);
    });
  }

  var refreshPreview = debounce(function () {
    send(form.dataset.previewUrl, previewData()).then(renderPreview);
  }, 400);
  var refreshStyle = debounce(function () {
    var data = new FormData();
    data.set("text", form.elements.text.value);
    send(form.dataset.styleUrl, data).then(renderStyle);
  }, 600);

  form.addEventListener("input", refreshPreview);
  form.addEventListener("change", function () { toggleFieldsets(); refreshPreview(); });
  form.elements.text.addEventListener("input", refreshStyle);
  toggleFieldsets();
  refreshPreview();
  refreshStyle();
}());
