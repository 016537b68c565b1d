// Chart exports in the browser: PNG drawn from the chart's own SVG, SVG as a file.
(function () {
  "use strict";
  function svgOf(key) {
    return document.querySelector('svg[data-chart="' + key + '"]');
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
  function svgBlob(svg) {
    var text = new XMLSerializer().serializeToString(svg);
    return new Blob([text], { type: "image/svg+xml;charset=utf-8" });
  }
  function png(key) {
    var svg = svgOf(key);
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
    image.src = URL.createObjectURL(svgBlob(svg));
  }
  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-export-png],[data-export-svg]");
    if (!target) { return; }
    if (target.dataset.exportPng) { png(target.dataset.exportPng); }
    else { save(svgBlob(svgOf(target.dataset.exportSvg)), target.dataset.exportSvg + ".svg"); }
  });
})();
