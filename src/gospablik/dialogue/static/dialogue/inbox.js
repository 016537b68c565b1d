// Inbox keyboard: j / k select a thread, Enter (or o) opens it.
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll("#inbox tr.thread-row"));
  if (!rows.length) return;
  var current = -1;
  function select(i) {
    if (current >= 0) rows[current].classList.remove("selected");
    current = Math.max(0, Math.min(rows.length - 1, i));
    rows[current].classList.add("selected");
    rows[current].scrollIntoView({block: "nearest"});
  }
  document.addEventListener("keydown", function (e) {
    var tag = (e.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select" || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "j") { select(current + 1); e.preventDefault(); }
    else if (e.key === "k") { select(current - 1); e.preventDefault(); }
    else if ((e.key === "Enter" || e.key === "o") && current >= 0) { window.location = rows[current].dataset.href; }
  });
})();
