// One-key decisions in the review queue: ↓/j next, ↑ previous, d delete, k keep,
// b delete and sanction, x mark for a bulk action. No inline script (strict CSP).
(function () {
  "use strict";
  var items = Array.prototype.slice.call(document.querySelectorAll("#queue .mod-item"));
  if (!items.length) { return; }
  var current = 0;

  function select(index) {
    if (index < 0 || index >= items.length) { return; }
    items[current].classList.remove("current");
    current = index;
    items[current].classList.add("current");
    items[current].scrollIntoView({block: "nearest"});
  }

  function typing(target) {
    var tag = (target && target.tagName) || "";
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }

  items.forEach(function (item, index) {
    item.addEventListener("click", function () { select(index); });
  });
  select(0);

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
    var key = event.key;
    if (key === "ArrowDown" || key === "j") { select(current + 1); event.preventDefault(); return; }
    if (key === "ArrowUp") { select(current - 1); event.preventDefault(); return; }
    if (key === "x") {
      var box = items[current].querySelector("input[type=checkbox]");
      if (box) { box.checked = !box.checked; }
      return;
    }
    var button = items[current].querySelector('button[data-key="' + key + '"]');
    if (button) { event.preventDefault(); button.click(); }
  });
})();
