// Comments without a full page reload. Without this script (or without
// fetch) the forms still work: a POST answered by a redirect to #comments.
// With it, the form is posted with fetch and the #comments block of the answer
// (the article after the redirect, or the refusal page with its message and
// the reader's text) replaces the current one.
(function () {
  "use strict";
  if (!window.fetch || !window.DOMParser || !window.URLSearchParams) return;
  function enhance(root) {
    var forms = root.querySelectorAll("form.comment-form, form.comment-report");
    Array.prototype.forEach.call(forms, function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var button = form.querySelector("button[type=submit]");
        if (button) button.disabled = true;
        fetch(form.action, {
          method: "POST",
          body: new URLSearchParams(new FormData(form)),
          credentials: "same-origin",
          cache: "no-store"
        })
          .then(function (response) { return response.text(); })
          .then(function (text) {
            var fresh = new DOMParser().parseFromString(text, "text/html").getElementById("comments");
            var current = document.getElementById("comments");
            if (!fresh || !current) { form.submit(); return; }
            var imported = document.importNode(fresh, true);
            current.parentNode.replaceChild(imported, current);
            enhance(imported);
            var note = imported.querySelector("[role=status], [role=alert]");
            if (note) { note.setAttribute("tabindex", "-1"); note.focus(); }
          })
          .catch(function () { form.submit(); });
      });
    });
  }
  var comments = document.getElementById("comments");
  if (comments) enhance(comments);
})();
