/* The page shown while a data file cannot be read: a button restores that file (POST /api/publish, action
 * "restore", tools/publish_page.py), then the editor opens again. */
(function () {
  "use strict";
  var status = document.getElementById("publish-status");
  Array.prototype.forEach.call(document.querySelectorAll("button.restore"), function (button) {
    button.addEventListener("click", function () {
      button.disabled = true;
      fetch("/api/publish", { method: "POST", headers: { "Content-Type": "application/json" },
                              body: JSON.stringify({ action: "restore", file: button.getAttribute("data-file") }) })
        .then(function (response) { return response.json(); })
        .then(function (result) {
          status.textContent = result.message;
          if (result.ok) setTimeout(function () { location.reload(); }, 1500);
          else button.disabled = false;
        });
    });
  });
})();
