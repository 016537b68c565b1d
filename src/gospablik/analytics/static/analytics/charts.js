// Chart exports in the browser: the chart's own SVG (with the chart stylesheet put back
// inside it, since pages carry no inline style), as SVG or drawn to a PNG.
(function () {
  "use strict";
  function chartCss() {
    for (var i = 0; i < document.styleSheets.length; i++) {
      var sheet = document.styleSheets[i];
      if (sheet.href && sheet.href.indexOf("analytics/pygal") !== -1) {
        return Array.prototype.map.call(sheet.cssRules, function (r) { return r.cssText; }).join("\n");
      }
    }
    return "";
  }
  function svgText(key) {
    var svg = document.querySelector('svg[data-chart="' + key + '"]').cloneNode(true);
    var style = document.createElementNS("http://www.w3.org/2000/svg", "style");
    style.textContent = chartCss();
    svg.insertBefore(style, svg.firstChild);
    return new XMLSerializer().serializeToString(svg);
  }
  function save(blob, name) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }
  function png(key) {
    var svg = document.querySelector('svg[data-chart="' + key + '"]');
    var box = svg.viewBox.baseVal;
    var image = new Image();
    image.onload = function () {
      var canvas = document.createElement("canvas");
      canvas.width = box.width * 2;
      canvas.height = box.height * 2;
      var context = canvas.getContext("2d");
      context.fillStyle = "#fff";
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      canvas.toBlob(function (blob) { save(blob, key + ".png"); }, "image/png");
    };
    image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svgText(key));
  }
  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-export-png],[data-export-svg]");
    if (!target) { return; }
    if (target.dataset.exportPng) { png(target.dataset.exportPng); return; }
    var key = target.dataset.exportSvg;
    save(new Blob([svgText(key)], { type: "image/svg+xml;charset=utf-8" }), key + ".svg");
  });
})();
