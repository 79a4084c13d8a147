// The profile editor on the operators' site (issue 13): the text is checked as it is typed
// (debounced, posted to the validate endpoint: the same checks as `manage.py check_profiles`)
// and each problem is listed with its line and path. Also: the copy button of the one-time
// sign-in link on the result page. No inline script (CSP).
(function () {
  "use strict";

  function csrf(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function show(form, problems, failed) {
    var status = form.querySelector(".profile-status");
    var list = form.querySelector(".profile-problems");
    var text = form.querySelector("textarea[name=text]");
    list.replaceChildren();
    if (failed) {
      status.textContent = status.dataset.failed;
      return;
    }
    status.textContent = problems.length ? "" : status.dataset.valid;
    status.classList.toggle("text-success", !problems.length);
    text.classList.toggle("is-invalid", problems.length > 0);
    problems.forEach(function (problem) {
      var item = document.createElement("li");
      item.className = "profile-problem";
      if (problem.line) {
        item.dataset.line = problem.line;
        var where = document.createElement("button");
        where.type = "button";
        where.className = "btn btn-link btn-sm p-0 align-baseline text-danger";
        where.textContent = status.dataset.line + " " + problem.line;
        where.addEventListener("click", function () { goToLine(text, problem.line); });
        item.append(where, " · ");
      }
      var path = document.createElement("code");
      path.textContent = problem.path || "(top)";
      item.append(path, ": " + problem.message);
      list.append(item);
    });
  }

  function goToLine(textarea, line) {
    var lines = textarea.value.split("\n");
    var start = 0;
    for (var i = 0; i < line - 1 && i < lines.length; i++) start += lines[i].length + 1;
    textarea.focus();
    textarea.setSelectionRange(start, start + (lines[line - 1] || "").length);
  }

  function setUp(form) {
    var text = form.querySelector("textarea[name=text]");
    var status = form.querySelector(".profile-status");
    var timer = null;
    var sequence = 0;
    function check() {
      var mine = ++sequence;
      status.textContent = status.dataset.checking;
      fetch(form.dataset.validateUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf(form), Accept: "application/json" },
        body: JSON.stringify({ kind: form.dataset.kind, owner: form.dataset.owner || null, text: text.value })
      })
        .then(function (response) { return response.json().then(function (body) { return [response.ok, body]; }); })
        .then(function (pair) {
          if (mine !== sequence) return;
          if (pair[0]) { show(form, pair[1].problems || [], false); return; }
          var problems = (pair[1].problems || []);
          if (!problems.length && pair[1].fields) {
            Object.keys(pair[1].fields).forEach(function (key) {
              pair[1].fields[key].forEach(function (message) { problems.push({ path: key, message: message, line: null }); });
            });
          }
          show(form, problems, false);
        })
        .catch(function () { if (mine === sequence) show(form, [], true); });
    }
    text.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(check, 400);
    });
    if (text.value.trim()) check();
  }

  function setUpCopy(button) {
    button.addEventListener("click", function () {
      var input = document.querySelector(button.dataset.copy);
      input.select();
      var done = function () { button.textContent = button.dataset.copied; };
      if (navigator.clipboard) navigator.clipboard.writeText(input.value).then(done, done);
      else { document.execCommand("copy"); done(); }
    });
  }

  function init() {
    document.querySelectorAll("form.profile-editor[data-validate-url]").forEach(setUp);
    document.querySelectorAll("button[data-copy]").forEach(setUpCopy);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
