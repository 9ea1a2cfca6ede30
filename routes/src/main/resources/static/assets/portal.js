// The portal's only script, served from the hub itself (Content-Security-Policy: script-src 'self'):
// a form with data-confirm asks before it is sent.
document.addEventListener('submit', function (event) {
  var question = event.target.getAttribute && event.target.getAttribute('data-confirm');
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
