// Collect the checked duties into one ?ids=1,2,3 parameter for the letter link.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form.id !== "letter-form") return;
  event.preventDefault();
  var ids = Array.prototype.map.call(
    document.querySelectorAll('input[name="ids"][form="letter-form"]:checked'),
    function (box) { return box.value; });
  window.location = form.action + "?ids=" + encodeURIComponent(ids.join(","));
});
