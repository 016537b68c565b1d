/* The content plan: drag a scheduled post to another day to reschedule it. */
(function () {
  "use strict";
  var table = document.getElementById("calendar");
  if (!table) { return; }
  var csrf = table.dataset.csrf;
  var dragged = null;

  function show(errors) {
    var box = document.getElementById("plan-message");
    box.textContent = "";
    errors.forEach(function (message) {
      var li = document.createElement("li");
      li.className = "error";
      li.textContent = message;
      box.appendChild(li);
    });
    box.hidden = false;
  }
  function move(item, day) {
    var data = new FormData();
    data.set("date", day);
    fetch(item.dataset.rescheduleUrl, {method: "POST", body: data, credentials: "same-origin",
                                       headers: {"X-CSRFToken": csrf}})
      .then(function (r) { return r.json(); })
      .then(function (result) {
        if (result.ok) { window.location.reload(); } else { show(result.errors); }
      });
  }

  table.querySelectorAll(".item[draggable=true]").forEach(function (item) {
    item.addEventListener("dragstart", function (event) {
      dragged = item;
      event.dataTransfer.setData("text/plain", item.dataset.rescheduleUrl);
      item.classList.add("dragging");
    });
    item.addEventListener("dragend", function () { item.classList.remove("dragging"); });
  });
  table.querySelectorAll("td.day").forEach(function (cell) {
    cell.addEventListener("dragover", function (event) {
      if (dragged) { event.preventDefault(); cell.classList.add("dragover"); }
    });
    cell.addEventListener("dragleave", function () { cell.classList.remove("dragover"); });
    cell.addEventListener("drop", function (event) {
      event.preventDefault();
      cell.classList.remove("dragover");
      if (dragged) { move(dragged, cell.dataset.date); }
      dragged = null;
    });
  });
}());
