// Selecting a passage of a post's text fills the remark form (anchor, post, quote, offsets).
// Offsets are counted in Unicode code points, like Python's str indices on the server.
(function () {
  "use strict";
  var form = document.getElementById("remark-form");
  if (!form) { return; }

  function codePoints(text) { return Array.from(text).length; }

  function offsetIn(container, node, offset) {
    var range = document.createRange();
    range.selectNodeContents(container);
    range.setEnd(node, offset);
    return codePoints(range.toString());
  }

  function setValue(id, value) {
    var field = document.getElementById(id);
    if (field) { field.value = value; }
  }

  function onSelect(event) {
    var container = event.currentTarget;
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) { return; }
    var range = selection.getRangeAt(0);
    if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) { return; }
    var start = offsetIn(container, range.startContainer, range.startOffset);
    var end = offsetIn(container, range.endContainer, range.endOffset);
    if (end <= start) { return; }
    setValue("id_anchor", "passage");
    setValue("id_item", container.getAttribute("data-item"));
    setValue("id_quote", range.toString());
    setValue("id_start", String(start));
    setValue("id_end", String(end));
    form.classList.add("has-passage");
  }

  var texts = document.querySelectorAll(".item-text[data-item]");
  for (var i = 0; i < texts.length; i++) {
    texts[i].addEventListener("mouseup", onSelect);
    texts[i].addEventListener("keyup", onSelect);
  }
  // Typing a quote by hand drops stale offsets: the server then finds the quote itself.
  var quote = document.getElementById("id_quote");
  if (quote) {
    quote.addEventListener("input", function () { setValue("id_start", ""); setValue("id_end", ""); });
  }
})();
