/* The browser editor's own widget: a text of the call in every language side by side.
 *
 * A text in the data is {sv: "…", en: "…", fi: "…"}; the editor's configuration
 * (tools/editor_config.py) lists the languages each text shows, the authoritative
 * one first, and whether the text is long. Keys are written in that order and an
 * emptied language is left out, so that a save changes only the lines of what was
 * changed. Plain JavaScript with Decap's React helpers (window.h, window.createClass).
 */
(function () {
  "use strict";

  function plain(value) {
    if (!value) return {};
    if (typeof value.toJS === "function") return value.toJS();
    return value;
  }

  function setting(field, name) {
    var value = field.get(name);
    return value && typeof value.toJS === "function" ? value.toJS() : value;
  }

  /* Whether each translation is up to date with its Swedish source, from the editor's backend (the records
     make translated writes; tools/translations_page.py), known by the Swedish text and the language. Asked once
     for all texts, and again after a few seconds (a save may have changed them). Hosted, the page carries no
     words for it (index.html), there is no backend to ask, and nothing is shown. */
  var WORDS = (function () {
    var element = document.getElementById("editor-strings");
    return element ? JSON.parse(element.textContent) : {};
  })();
  var asked = null;
  var askedAt = 0;

  function translationStatuses() {
    if (!document.getElementById("editor-strings")) return Promise.resolve([]);  // hosted: no backend of ours
    if (!asked || Date.now() - askedAt > 3000) {
      askedAt = Date.now();
      asked = fetch("/api/translations", { method: "POST", headers: { "Content-Type": "application/json" },
                                           body: JSON.stringify({ action: "statuses" }) })
        .then(function (response) { return response.ok ? response.json() : { statuses: [] }; })
        .then(function (answer) { return answer.statuses || []; })
        .catch(function () { return []; });
    }
    return asked;
  }

  var LanguagesControl = createClass({
    getInitialState: function () {
      return { statuses: {} };
    },

    componentDidMount: function () {
      this.lookUp();
    },

    componentDidUpdate: function (previous) {
      var before = plain(previous.value), now = plain(this.props.value);
      var source = (setting(this.props.field, "languages") || [{}])[0].code;
      if (before[source] !== now[source]) this.lookUp();
    },

    lookUp: function () {
      var self = this;
      translationStatuses().then(function (statuses) {
        var value = plain(self.props.value);
        var source = (setting(self.props.field, "languages") || [{}])[0].code;
        var found = {};
        statuses.forEach(function (entry) {
          if (entry.source === value[source]) found[entry.code] = entry.status;
        });
        if (self.mounted !== false) self.setState({ statuses: found });
      });
    },

    componentWillUnmount: function () {
      this.mounted = false;
    },

    isValid: function () {
      var field = this.props.field;
      var value = plain(this.props.value);
      var languages = setting(field, "languages") || [];
      var any = languages.some(function (lang) { return (value[lang.code] || "").trim() !== ""; });
      if (field.get("required") === false && !any) return true;
      var missing = languages.filter(function (lang) { return (value[lang.code] || "").trim() === ""; })
        .map(function (lang) { return lang.label; });
      if (missing.length) {
        return { error: { message: "Fyll i texten på " + missing.join(", ") + "." } };
      }
      var limit = field.get("max_length") || 1500;
      var long = languages.filter(function (lang) { return (value[lang.code] || "").length > limit; })
        .map(function (lang) { return lang.label; });
      if (long.length) {
        return { error: { message: "Texten på " + long.join(", ") + " är längre än " + limit + " tecken." } };
      }
      return true;
    },

    change: function (code, text) {
      var value = plain(this.props.value);
      var languages = setting(this.props.field, "languages") || [];
      var next = {};
      languages.forEach(function (lang) {
        var shown = lang.code === code ? text : value[lang.code];
        if (shown) next[lang.code] = shown;
      });
      Object.keys(value).forEach(function (key) {  // a language the table no longer lists: kept as it was
        if (!(key in next) && !languages.some(function (lang) { return lang.code === key; })) next[key] = value[key];
      });
      this.props.onChange(next);
    },

    render: function () {
      var self = this;
      var field = this.props.field;
      var value = plain(this.props.value);
      var languages = setting(field, "languages") || [];
      var multiline = field.get("multiline");
      return h("div", { className: "sprak", id: this.props.forID, role: "group" },
        languages.map(function (lang, index) {
          var id = self.props.forID + "-" + lang.code;
          return h("div", { key: lang.code, className: "sprak__falt" },
            h("label", { htmlFor: index === 0 ? self.props.forID + "-first" : id, className: "sprak__namn" }, lang.label),
            h("textarea", {
              id: index === 0 ? self.props.forID + "-first" : id,
              className: "sprak__text" + (multiline ? " sprak__text--lang" : ""),
              lang: lang.code,
              value: value[lang.code] || "",
              rows: multiline ? 6 : 2,
              "aria-describedby": self.state.statuses[lang.code] ? id + "-status" : undefined,
              onChange: function (event) { self.change(lang.code, event.target.value); },
              onFocus: self.props.setActiveStyle,
              onBlur: self.props.setInactiveStyle
            }),
            index > 0 && self.state.statuses[lang.code] ?
              h("p", { id: id + "-status", className: "sprak__status sprak__status--" + self.state.statuses[lang.code] },
                WORDS[self.state.statuses[lang.code]] || "") : null);
        }));
    }
  });

  var LanguagesPreview = createClass({
    render: function () {
      var value = plain(this.props.value);
      return h("div", {}, Object.keys(value).map(function (code) {
        return h("p", { key: code, lang: code }, value[code]);
      }));
    }
  });

  CMS.registerWidget("languages", LanguagesControl, LanguagesPreview);

  /* A save the backend refuses: Decap shows the reasons in one notice at the top, and the backend also names each
     field they concern by the form's labels (outermost first: list, item, field). Each message is shown under its
     field too, and the field's input points to it. Decap has no hook for a backend's answer, so the page's fetch is
     wrapped to read the answers to saves; anything else passes through untouched. */
  function labelText(label) {
    return label.textContent.replace(/\s*\(?frivillig\)?\s*$/i, "").trim();
  }

  // The smallest element around `from` whose text holds `text`: how far a label of the path is from the field.
  function distance(from, text) {
    for (var node = from, steps = 0; node; node = node.parentElement, steps += 1) {
      if ((node.textContent || "").indexOf(text) !== -1) return steps;
    }
    return 1e6;
  }

  function fieldOf(labels) {
    var last = labels[labels.length - 1];
    var candidates = Array.prototype.filter.call(document.querySelectorAll("label[for]"), function (label) {
      return labelText(label) === last;
    });
    var best = null, bestScore = Infinity;
    candidates.forEach(function (label) {
      var score = labels.slice(0, -1).reduce(function (sum, text) { return sum + distance(label.parentElement, text); }, 0);
      if (score < bestScore) { best = label; bestScore = score; }
    });
    return best;
  }

  function clearFieldErrors() {
    Array.prototype.forEach.call(document.querySelectorAll(".editor-field-error"), function (shown) {
      var input = document.getElementById(shown.getAttribute("data-for") || "");
      if (input) {
        var rest = (input.getAttribute("aria-describedby") || "").split(" ").filter(function (id) { return id && id !== shown.id; });
        if (rest.length) input.setAttribute("aria-describedby", rest.join(" ")); else input.removeAttribute("aria-describedby");
        input.removeAttribute("aria-invalid");
      }
      shown.remove();
    });
  }

  function showOnFields(fields) {
    clearFieldErrors();
    fields.forEach(function (field, index) {
      var label = fieldOf(field.labels || []);
      if (!label) return;
      var shown = document.createElement("p");
      shown.id = "editor-field-error-" + index;
      shown.className = "editor-field-error";
      shown.setAttribute("role", "alert");
      shown.textContent = field.message;
      // A field inside a folded list item is not drawn: the message goes under the item's row, naming the field.
      var visible = label;
      while (visible && visible.offsetParent === null) visible = visible.parentElement;
      if (visible === label) {
        label.insertAdjacentElement("afterend", shown);
      } else if (visible) {
        shown.textContent = field.labels[field.labels.length - 1] + ": " + field.message;
        visible.appendChild(shown);
      }
      var input = document.getElementById(label.htmlFor);
      if (input) {
        var described = (input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
        input.setAttribute("aria-describedby", described.concat(shown.id).join(" "));
        input.setAttribute("aria-invalid", "true");
        shown.setAttribute("data-for", input.id);
      }
    });
  }

  var plainFetch = window.fetch.bind(window);
  window.fetch = function (url, options) {
    var saving = options && typeof options.body === "string" && options.body.indexOf('"persistEntry"') !== -1;
    return plainFetch(url, options).then(function (response) {
      if (saving && response.status === 422) {
        response.clone().json().then(function (answer) { showOnFields(answer.fields || []); }).catch(function () {});
      } else if (saving && response.ok) {
        clearFieldErrors();
      }
      return response;
    });
  };

  /* No media: the call has no images or files to upload, so the header's Media tab (Decap's own library,
     which would offer uploads the backend refuses) is replaced by a library that never stands alone. */
  CMS.registerMediaLibrary({
    name: "ingen",
    init: function () {
      return { show: function () {}, hide: function () {}, enableStandalone: function () { return false; } };
    }
  });

  /* Decap's Swedish lacks some phrases (they would show in English): added here, the rest kept. */
  var MISSING_SWEDISH = {
    auth: { loginWithForgejo: "Logga in med Forgejo" },
    collection: {
      collectionTop: { viewAsList: "Visa som lista", viewAsGrid: "Visa som rutnät" },
      entries: { unpublishedHeader: "Opublicerade poster" }
    },
    editor: {
      editorControl: { field: { widgetLabel: "Fältet %{widgetLabel}" } },
      editorControlPane: { i18n: { copyFromLocale: "Fyll i från ett annat språk",
        copyFromLocaleConfirm: "Vill du fylla i från %{locale}?\nAllt som står nu skrivs över." } },
      editorInterface: { toggleNotes: "Visa eller dölj anteckningar" },
      editorNotesPane: { title: "Anteckningar", emptyState: "Inga anteckningar än.", addNote: "Lägg till anteckning",
        addPlaceholder: "Skriv en anteckning …", editPlaceholder: "Ändra anteckningen …", save: "Spara", cancel: "Avbryt",
        edit: "Ändra", "delete": "Ta bort", resolve: "Klar", unresolve: "Inte klar",
        confirmDelete: "Vill du ta bort anteckningen?", shortcut: "Tips: Ctrl+Enter lägger till anteckningen." },
      editorToolbar: { statusInfoTooltipDraft: "Posten är ett utkast.", statusInfoTooltipInReview: "Posten granskas." },
      editorWidgets: {
        markdown: { strikethrough: "Genomstruken", toggleMode: { rich: "Byt till formaterad text", markdown: "Byt till Markdown" } },
        image: { chooseMultiple: "Välj bilder", addMore: "Lägg till fler bilder", removeAll: "Ta bort alla bilder" },
        file: { chooseMultiple: "Välj filer", addMore: "Lägg till fler filer", removeAll: "Ta bort alla filer" },
        datetime: { setToNow: "Sätt %{fieldLabel} till nu" },
        list: { add: "Lägg till en rad i %{item}", addType: "Lägg till %{item}" },
        object: { expand: "Visa", collapse: "Dölj" }
      }
    },
    mediaLibrary: { mediaLibraryModal: { close: "Stäng" } },
    ui: {
      settingsDropdown: { account: "Kontoinställningar" },
      toast: { noteAdded: "Anteckningen är tillagd", onFailToAddNote: "Anteckningen gick inte att lägga till: %{details}",
        noteUpdated: "Anteckningen är ändrad", onFailToUpdateNote: "Anteckningen gick inte att ändra: %{details}",
        noteDeleted: "Anteckningen är borttagen", onFailToDeleteNote: "Anteckningen gick inte att ta bort: %{details}",
        noteResolved: "Anteckningen är klar", noteReopened: "Anteckningen är öppen igen",
        onFailToToggleNote: "Anteckningen gick inte att ändra: %{details}" }
    }
  };

  function withMissing(phrases, missing) {
    var merged = {};
    Object.keys(phrases || {}).forEach(function (key) { merged[key] = phrases[key]; });
    Object.keys(missing).forEach(function (key) {
      var have = merged[key];
      merged[key] = typeof missing[key] === "object" ? withMissing(have, missing[key]) : (have || missing[key]);
    });
    return merged;
  }

  /* Decap's words that say "publish" for what is a save to this computer: here, publishing means the site
     readers see (make publish), so the editor says "Spara". These replace Decap's own phrases in the local editor
     only: hosted, Decap's "Publicera" merges the change into the branch the pipeline publishes, live. */
  var SAVE_NOT_PUBLISH = {
    editor: {
      editor: { onPublishing: "Vill du spara ändringarna?",
        onPublishingWithUnsavedChanges: "Du har ändringar som inte är sparade. Spara dem först." },
      editorToolbar: { publish: "Spara", publishing: "Sparar …", published: "Sparad", publishNow: "Spara nu",
        publishAndCreateNew: "Spara och skapa ny", publishAndDuplicate: "Spara och kopiera",
        deployButtonLabel: "Visa i förhandsvisningen" }
    },
    ui: { toast: { entrySaved: "Sparat", entryPublished: "Sparat", onFailToPublishEntry: "Kunde inte spara: %{details}" } }
  };

  function replaced(phrases, replacements) {
    var merged = {};
    Object.keys(phrases || {}).forEach(function (key) { merged[key] = phrases[key]; });
    Object.keys(replacements).forEach(function (key) {
      merged[key] = typeof replacements[key] === "object" ? replaced(merged[key], replacements[key]) : replacements[key];
    });
    return merged;
  }

  var swedish = withMissing(CMS.getLocale("sv"), MISSING_SWEDISH);
  CMS.registerLocale("sv", document.getElementById("editor-strings") ? replaced(swedish, SAVE_NOT_PUBLISH) : swedish);
})();
