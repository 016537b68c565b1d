// The post page follows its publication state (GET …/state/, same access as the page)
// while the post or a publication is still on its way, e.g. after «Опубликовать сейчас».
(function () {
  var status = document.getElementById("post-status");
  if (!status || !status.dataset.state) return;
  var table = document.getElementById("publications");
  var every = 2000, until = Date.now() + 10 * 60 * 1000;

  function badge(node, item) {
    node.textContent = item.label;
    node.className = "badge" + (item.badge ? " " + item.badge : "");
  }

  function publication(item) {
    var row = table && table.querySelector("tr[data-publication='" + item.id + "']");
    if (!row) return;
    badge(row.querySelector("[data-role=status]"), item);
    var live = row.querySelector("[data-role=live]");
    live.textContent = "";
    if (item.url && !row.querySelector("a[href='" + item.url + "']")) {
      var link = document.createElement("a");
      link.href = item.url;
      link.rel = "noopener noreferrer";
      link.textContent = table.dataset.openLabel;
      live.appendChild(link);
      live.appendChild(document.createTextNode(" · " + item.published_at));
    }
    if (item.error) {
      var error = document.createElement("div");
      error.className = "error-text";
      error.textContent = item.error;
      live.appendChild(error);
    }
  }

  function ask() {
    fetch(status.dataset.state, {credentials: "same-origin", headers: {Accept: "application/json"}})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        if (!state) return;
        badge(status, state);
        state.publications.forEach(publication);
        if (state.moving && Date.now() < until) setTimeout(ask, every);
      })
      .catch(function () { if (Date.now() < until) setTimeout(ask, every * 2); });
  }

  ask();
})();
