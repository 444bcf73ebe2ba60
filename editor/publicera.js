/* The editor's page for publishing: lists what changed since the last publication and carries out publish,
 * roll back and throw away through the editor's backend (POST /api/publish, tools/publish_page.py). Its words
 * come from the page (#publish-strings), in the editor's language. */
(function () {
  "use strict";
  var words = JSON.parse(document.getElementById("publish-strings").textContent);
  var status = document.getElementById("publish-status");
  var buttons = function () { return document.querySelectorAll("button"); };

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) { return name in values ? values[name] : whole; });
  }

  function ask(body) {
    return fetch("/api/publish", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) })
      .then(function (response) { return response.json(); });
  }

  function busy(text) {
    status.textContent = text;
    Array.prototype.forEach.call(buttons(), function (button) { button.disabled = true; });
  }

  function done(result) {
    status.textContent = result.message;
    status.className = "publish-page__status" + (result.ok ? "" : " publish-page__status--refused");
    return load();
  }

  function element(tag, text) {
    var made = document.createElement(tag);
    if (text) made.textContent = text;
    return made;
  }

  function discardButton(label, confirmText, which) {
    var button = element("button", label);
    button.type = "button";
    button.addEventListener("click", function () {
      if (!window.confirm(confirmText)) return;
      busy("");
      ask({ action: "discard", file: which }).then(done);
    });
    return button;
  }

  function draw(state) {
    var changes = document.getElementById("changes");
    changes.textContent = "";
    if (!state.changes.length) changes.appendChild(element("p", words.no_changes));
    else {
      var list = element("ul");
      state.changes.forEach(function (change) {
        var item = element("li");
        var name = element("strong", change.label);
        item.appendChild(name);
        item.appendChild(document.createTextNode(" (" + change.how + ") "));
        if (change.fields.length) {
          var fields = element("ul");
          change.fields.forEach(function (field) { fields.appendChild(element("li", field)); });
          item.appendChild(fields);
        }
        item.appendChild(discardButton(fill(words.discard_file, { file: change.label }),
                                       fill(words.discard_confirm_file, { file: change.label }), change.file));
        list.appendChild(item);
      });
      changes.appendChild(list);
      changes.appendChild(discardButton(words.discard_all, words.discard_confirm_all, "all"));
    }
    // Git knows no name or e-mail to save the change under: the page asks, once (they are kept in git's settings).
    document.getElementById("publish-identity").hidden = Boolean(state.identity.name && state.identity.email);
    document.getElementById("publish-to").textContent = state.to ? fill(words.to, { to: state.to }) : words.no_to;
    document.getElementById("publish-button").disabled = !state.to || !state.changes.length;
    var rollback = document.getElementById("rollback-button");
    rollback.disabled = !state.can_rollback;
    rollback.setAttribute("aria-describedby", "publish-status");
  }

  function load() {
    return ask({ action: "state" }).then(function (state) {
      Array.prototype.forEach.call(buttons(), function (button) { button.disabled = false; });
      draw(state);
    });
  }

  document.getElementById("publish-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var message = document.getElementById("publish-message");
    var error = document.getElementById("publish-message-error");
    if (!message.value.trim()) {
      error.textContent = words.no_message;
      error.hidden = false;
      message.setAttribute("aria-invalid", "true");
      message.focus();
      return;
    }
    error.hidden = true;
    message.removeAttribute("aria-invalid");
    busy(words.publishing);
    var correction = document.getElementById("publish-correction");
    ask({ action: "publish", message: message.value, name: document.getElementById("publish-name").value,
         email: document.getElementById("publish-email").value, correction: correction.checked }).then(function (result) {
      if (result.ok) {
        message.value = "";
        correction.checked = false;
      }
      return done(result);
    });
  });

  document.getElementById("rollback-button").addEventListener("click", function () {
    busy(words.rolling_back);
    ask({ action: "rollback" }).then(done);
  });

  load();
})();
