// 字数 of the work summary, counted while typing. The same rule as TitleBridgeCore's ZiCount
// (四(二): 不少于3000字); the server counts again when the text is saved and submitted.
(function () {
  'use strict';

  // Unicode White_Space, as Swift's `isWhitespace` sees it (JavaScript's \s differs at U+0085 and U+FEFF).
  var WHITE = [0x9, 0xA, 0xB, 0xC, 0xD, 0x20, 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000];

  function isWhite(v) { return WHITE.indexOf(v) >= 0 || (v >= 0x2000 && v <= 0x200A); }

  function isIdeograph(v) {
    return (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) || (v >= 0xF900 && v <= 0xFAFF) ||
      (v >= 0x20000 && v <= 0x2FA1F) || (v >= 0x30000 && v <= 0x323AF);
  }

  function isFullWidthCounted(v) {
    return (v >= 0x3000 && v <= 0x303F) || (v >= 0xFF00 && v <= 0xFFEF) || (v >= 0x3040 && v <= 0x30FF) ||
      (v >= 0xAC00 && v <= 0xD7AF) || (v >= 0x1100 && v <= 0x11FF) || (v >= 0x3130 && v <= 0x318F) ||
      v === 0x2014 || v === 0x2018 || v === 0x2019 || v === 0x201C || v === 0x201D || v === 0x2026 || v === 0x00B7;
  }

  function count(text) {
    var zi = 0, inRun = false;
    for (var ch of text) {
      var v = ch.codePointAt(0);
      if (isIdeograph(v)) { zi += 1; inRun = false; }
      else if (isWhite(v)) { inRun = false; }
      else if (isFullWidthCounted(v)) { zi += 1; inRun = false; }
      else if (!inRun) { zi += 1; inRun = true; }
    }
    return zi;
  }

  function attach(area) {
    var output = document.getElementById(area.getAttribute('data-zi-counter'));
    var value = output && output.querySelector('[data-zi-value]');
    if (!value) { return; }
    var minimum = parseInt(area.getAttribute('data-zi-minimum'), 10) || 0;
    // How many are still needed, hidden once the minimum is reached (pages may leave it out).
    var needed = output.querySelector('[data-zi-needed]');
    var remaining = output.querySelector('[data-zi-remaining]');
    function update() {
      var n = count(area.value);
      value.textContent = String(n);
      if (needed) { needed.textContent = String(Math.max(0, minimum - n)); }
      if (remaining) { remaining.hidden = n >= minimum; }
      output.classList.toggle('zi-short', n < minimum);
      output.classList.toggle('zi-enough', n >= minimum);
    }
    area.addEventListener('input', update);
    update();
  }

  Array.prototype.forEach.call(document.querySelectorAll('textarea[data-zi-counter]'), attach);
  window.TitleBridgeZiCount = count;
}());
