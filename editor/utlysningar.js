/* The editor's page of the site's calls: "Ny utlysning" through the editor's backend (POST /api/calls,
 * tools/calls_page.py). The answer says what happened, what to go through before the new call is published, and
 * links to the form on it. Its words come from the page (#calls-strings), in the editor's language. */
(function () {
  "use strict";
  var words = JSON.parse(document.getElementById("calls-strings").textContent);
  var status = document.getElementById("publish-status");
  var form = document.getElementById("new-call-form");
  var button = document.getElementById("new-call-button");

  function element(tag, text) {
    var made = document.createElement(tag);
    if (text) made.textContent = text;
    return made;
  }

  function show(result) {
    status.textContent = "";
    status.className = "publish-page__status" + (result.ok ? "" : " publish-page__status--refused");
    status.appendChild(element("p", result.message));
    if (result.ok) {
      var list = element("ul");
      result.items.forEach(function (item) { list.appendChild(element("li", item)); });
      status.appendChild(list);
      status.appendChild(element("p", words.new_way_back));
      var link = element("a", result.link);
      link.href = result.href;
      var line = element("p");
      line.appendChild(link);
      status.appendChild(line);
    }
    button.disabled = false;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    button.disabled = true;
    status.textContent = words.working;
    fetch("/api/calls", { method: "POST", headers: { "Content-Type": "application/json" },
                          body: JSON.stringify({ action: "new", from: form.elements.from.value }) })
      .then(function (response) { return response.json(); })
      .then(show, function () { show({ ok: false, message: words.failed }); });
  });
})();
