// Reloads a page whose content is still being produced (a certificate run), after the number of
// seconds its script tag names. Without JavaScript the page's own refresh link does the same.
(function () {
  var script = document.currentScript;
  var seconds = parseInt(script && script.getAttribute('data-seconds'), 10) || 2;
  setTimeout(function () { window.location.reload(); }, seconds * 1000);
})();
