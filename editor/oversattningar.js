/* The editor's page for translations: lists every translated text that lags behind its Swedish source, with what
 * changed in the Swedish, and records the editor's answer through the editor's backend (POST /api/translations,
 * tools/translations_page.py), as `make translated` would. Its words come from the page (#translations-strings). */
(function () {
  "use strict";
  var words = JSON.parse(document.getElementById("translations-strings").textContent);
  var status = document.getElementById("translations-status");

  function ask(body) {
    return fetch("/api/translations", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) })
      .then(function (response) { return response.json(); });
  }

  function element(tag, text, className) {
    var made = document.createElement(tag);
    if (text) made.textContent = text;
    if (className) made.className = className;
    return made;
  }

  /* The Swedish now, with the words removed and added since the translation was made marked as such (the marks
     are words too, hidden on screen, so a screen reader says them). */
  function changes(runs) {
    var shown = element("p", "", "translations-page__changes");
    runs.forEach(function (run) {
      if (run.how === "same") {
        shown.appendChild(document.createTextNode(run.text + " "));
        return;
      }
      var mark = element(run.how === "added" ? "ins" : "del");
      mark.appendChild(element("span", words[run.how] + " ", "translations-page__said"));
      mark.appendChild(document.createTextNode(run.text));
      shown.appendChild(mark);
      shown.appendChild(document.createTextNode(" "));
    });
    return shown;
  }

  function answer(label, action, key) {
    var button = element("button", label);
    button.type = "button";
    button.addEventListener("click", function () {
      status.textContent = words.saving;
      Array.prototype.forEach.call(document.querySelectorAll("button"), function (each) { each.disabled = true; });
      ask({ action: action, keys: [key] }).then(function (result) {
        status.textContent = result.message;
        status.className = "publish-page__status" + (result.ok ? "" : " publish-page__status--refused");
        return load();
      });
    });
    return button;
  }

  function draw(state) {
    var texts = document.getElementById("texts");
    texts.textContent = "";
    if (!state.ok) {
      texts.appendChild(element("p", state.message));
      return;
    }
    if (!state.texts.length) {
      texts.appendChild(element("p", words.none));
      return;
    }
    state.texts.forEach(function (text, index) {
      var section = element("section", "", "translations-page__text");
      var heading = element("h2", text.label + " (" + text.language + ")");
      heading.id = "text-" + index;
      section.setAttribute("aria-labelledby", heading.id);
      section.appendChild(heading);
      section.appendChild(element("p", text.why));
      if (text.found_before) {
        section.appendChild(element("p", words.changes));
        section.appendChild(changes(text.changes));
      } else {
        section.appendChild(element("p", words.no_earlier));
        section.appendChild(element("blockquote", text.source));
      }
      section.appendChild(answer(words.mark, "mark", text.key));
      section.appendChild(answer(words.keep, "keep", text.key));
      texts.appendChild(section);
    });
  }

  function load() {
    return ask({ action: "state" }).then(draw);
  }

  load();
})();
