// Irreversible actions ask first. A form (or the button that sends it) carrying
// data-confirm="…" asks that question in the browser's dialog; on yes the form is sent with
// confirmed=1 and the server acts at once, on no nothing is sent. Without this script the
// server answers a confirmation page instead, so the pages work without it.
(function () {
  'use strict';

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) { return; }
    var button = event.submitter || null;
    var question = (button && button.getAttribute('data-confirm')) || form.getAttribute('data-confirm');
    if (!question) { return; }
    if (!window.confirm(question)) {
      event.preventDefault();
      return;
    }
    var flag = form.querySelector('input[type="hidden"][name="confirmed"]');
    if (!flag) {
      flag = document.createElement('input');
      flag.type = 'hidden';
      flag.name = 'confirmed';
      form.appendChild(flag);
    }
    flag.value = '1';
  });
}());
