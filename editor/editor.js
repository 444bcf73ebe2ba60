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

  /* The words of the project's own widgets, in the editor's language (index.html: the messages
     editor_form_*); `editor-local` marks the editor served by make edit on this computer. */
  var WORDS = (function () {
    var element = document.getElementById("editor-strings");
    return element ? JSON.parse(element.textContent) : {};
  })();
  var LOCAL = !!document.getElementById("editor-local");
  var R = window.TranslationRecords;

  function counted(key, count) {
    var entry = WORDS[key];
    if (entry && typeof entry === "object") {
      entry = entry[new Intl.PluralRules(document.documentElement.lang || undefined).select(count)] || entry.other;
    }
    return String(entry || "").replace("{count}", String(count));
  }

  function pad(number) { return (number < 10 ? "0" : "") + number; }

  function today() {
    var now = new Date();
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function draft(props) {
    var entry = props.getEntry ? props.getEntry() : null;
    return { path: entry ? entry.get("path") : null, data: entry ? plain(entry.get("data")) : {} };
  }

  function sameText(a, b) {
    var keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every(function (key) { return a[key] === b[key]; });
  }

  /* The records of the translations in the file open in the form: its `translations` field (TranslationsControl)
     answers for them, and each file's data as loaded or last saved is kept, to tell what a save changed. */
  var Records = {
    widget: null,
    loaded: {},
    texts: [],  // the text widgets drawn, told when the records change (the records' field comes last in a form)
    changed: function () { Records.texts.forEach(function (text) { text.lookUp(); }); },
    codes: function () { return Records.widget ? setting(Records.widget.props.field, "codes") || [] : []; },
    answer: function (code, names, now, keep) {
      var current = draft(Records.widget.props).data[R.SECTION] || {};
      Records.widget.props.onChange(R.answered(current, code, names, now, keep, today()));
    }
  };

  var TranslationsControl = createClass({
    getInitialState: function () {
      return { lagging: null };
    },

    componentDidMount: function () {
      Records.widget = this;
      var shown = draft(this.props);
      if (shown.path) Records.loaded[shown.path] = shown.data;
      this.count();
      Records.changed();
    },

    componentDidUpdate: function (previous) {
      if (previous.value !== this.props.value) {
        this.count();
        Records.changed();
      }
    },

    componentWillUnmount: function () {
      if (Records.widget === this) Records.widget = null;
      this.gone = true;
    },

    /* How many translations of the file are not up to date with their Swedish. */
    count: function () {
      var self = this, codes = setting(this.props.field, "codes") || [], source = this.props.field.get("source");
      var data = draft(this.props).data, records = data[R.SECTION] || {};
      var work = [];
      R.textNodes(data, codes).forEach(function (found) {
        var node = found.node;
        if (typeof node[source] !== "string") return;
        Object.keys(node).forEach(function (code) {
          if (code === source || node[code] === node[source]) return;
          var record = (records[code] || {})[found.shown];
          work.push(record ? R.fingerprint(node[source]).then(function (now) { return R.sourceOf(record) !== now; })
                           : Promise.resolve(true));
        });
      });
      Promise.all(work).then(function (answers) {
        if (!self.gone) self.setState({ lagging: answers.filter(Boolean).length });
      });
    },

    render: function () {
      var lagging = this.state.lagging;
      return h("p", { id: this.props.forID, className: "sprak__sammanfattning", role: "status" },
        lagging === null ? "" : lagging ? counted("summary", lagging) : WORDS.summary_none || "");
    }
  });

  CMS.registerWidget("translations", TranslationsControl, function () { return null; });

  /* A save: the records as the change leaves them (a text whose Swedish and translation both changed is up to
     date; one whose Swedish alone changed keeps what it was made from), written in the same save and shown in
     the form, so that the next save starts from them. */
  CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      var entry = event.entry, path = entry.get("path"), widget = Records.widget;
      if (!widget || !(path in Records.loaded)) return undefined;
      var data = entry.get("data"), after = plain(data);
      return R.afterSave(Records.loaded[path], after, after[R.SECTION] || {}, Records.codes(), widget.props.field.get("source"))
        .then(function (records) {
          if (!Object.keys(records).length) return data;
          if (Records.widget === widget) widget.props.onChange(records);
          return data.set(R.SECTION, records);  // always in order: the form's own map of them has none
        });
    }
  });

  CMS.registerEventListener({
    name: "postSave",
    handler: function (event) {
      var entry = event.entry;
      if (entry && entry.get("path") in Records.loaded) Records.loaded[entry.get("path")] = plain(entry.get("data"));
    }
  });

  /* Under a translation: whether it is up to date (how), and when it is not, what changed in the Swedish since
     `was` (where known) and the two answers (tools/translations.py: make translated, and KEEP=1). */
  function answers(id, how, was, source, answer) {
    var parts = [h("p", { key: "how", className: "sprak__status sprak__status--" + how }, WORDS[how] || "")];
    if (how === "behind" || how === "unmarked") {
      if (was && typeof source === "string") {
        parts.push(h("p", { key: "changes-label", className: "sprak__andring-rubrik" }, WORDS.changes));
        parts.push(h("p", { key: "changes", className: "sprak__andring" }, R.wordChanges(was, source).map(function (run, index) {
          if (run.how === "same") return run.text + " ";
          return h(run.how === "added" ? "ins" : "del", { key: index },
            h("span", { className: "editor-visually-hidden" }, (WORDS[run.how] || "") + " "), run.text, " ");
        })));
      } else if (how === "behind") {
        parts.push(h("p", { key: "no-earlier", className: "sprak__andring-rubrik" }, WORDS.no_earlier));
      }
      parts.push(h("div", { key: "answers", className: "sprak__svar" },
        h("button", { type: "button", className: "sprak__knapp", onClick: function () { answer(false); } }, WORDS.mark),
        h("button", { type: "button", className: "sprak__knapp", onClick: function () { answer(true); } }, WORDS.keep)));
    }
    return h("div", { id: id, className: "sprak__oversattning" }, parts);
  }

  var LanguagesControl = createClass({
    getInitialState: function () {
      return { translations: {} };
    },

    componentDidMount: function () {
      Records.texts.push(this);
      this.lookUp();
    },

    componentDidUpdate: function (previous) {
      if (previous.value !== this.props.value) this.lookUp();
    },

    componentWillUnmount: function () {
      var self = this;
      Records.texts = Records.texts.filter(function (text) { return text !== self; });
      this.gone = true;
    },

    /* For each translation of this text: up to date, behind its Swedish, never marked, or changed together with
       its Swedish (up to date once saved); what the Swedish was when it was made, where known. */
    lookUp: function () {
      var self = this, value = plain(this.props.value), languages = setting(this.props.field, "languages") || [];
      var source = (languages[0] || {}).code;
      if (!Records.widget || typeof value[source] !== "string") {
        if (!this.gone) this.setState({ translations: {} });
        return;
      }
      var shown = draft(this.props), codes = Records.codes(), records = shown.data[R.SECTION] || {};
      var names = R.textNodes(shown.data, codes).filter(function (found) { return sameText(found.node, value); })
        .map(function (found) { return found.shown; });
      var before = null;
      R.textNodes(Records.loaded[shown.path] || {}, codes).forEach(function (found) {
        if (found.shown === names[0]) before = found.node;
      });
      var changed = before && before[source] !== value[source];
      Promise.all([R.fingerprint(value[source]), changed ? R.fingerprint(before[source]) : null]).then(function (prints) {
        var now = prints[0], then = prints[1], found = {};
        languages.slice(1).forEach(function (lang) {
          var code = lang.code;
          if (!names.length || !value[code] || value[code] === value[source]) return;
          var record = names.map(function (name) { return (records[code] || {})[name]; }).filter(Boolean)[0];
          var how = !record ? "unmarked" : R.sourceOf(record) === now ? "fresh" : "behind";
          if (how !== "fresh" && changed && before[code] !== value[code]) how = "together";
          var was = record && record.was ? record.was : changed && record && R.sourceOf(record) === then ? before[source] : null;
          found[code] = { how: how, was: was, now: now, names: names };
        });
        if (!self.gone) self.setState({ translations: found });
      });
    },

    answer: function (code, keep) {
      var found = this.state.translations[code];
      if (!found || !Records.widget) return;
      Records.answer(code, found.names, found.now, keep);
    },

    status: function (lang, id) {
      var self = this, found = this.state.translations[lang.code];
      if (!found) return null;
      var source = plain(this.props.value)[(setting(this.props.field, "languages") || [{}])[0].code];
      return answers(id + "-status", found.how, found.was, source, function (keep) { self.answer(lang.code, keep); });
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
        return { error: { message: (WORDS.text_missing || "").replace("{languages}", missing.join(", ")) } };
      }
      var limit = field.get("max_length") || 1500;
      var long = languages.filter(function (lang) { return (value[lang.code] || "").length > limit; })
        .map(function (lang) { return lang.label; });
      if (long.length) {
        return { error: { message: (WORDS.text_too_long || "").replace("{languages}", long.join(", ")).replace("{limit}", String(limit)) } };
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
              "aria-describedby": self.state.translations[lang.code] ? id + "-status" : undefined,
              onChange: function (event) { self.change(lang.code, event.target.value); },
              onFocus: self.props.setActiveStyle,
              onBlur: self.props.setInactiveStyle
            }),
            index > 0 ? self.status(lang, id) : null);
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

  /* A longer text's translation (call/text/<lang>/<name>.md): its record, in its header. The Swedish text is another
     file, read through the editor's own backend (Decap's loadEntry: this computer's, or the repository's host). */
  var TextTranslationControl = createClass({
    getInitialState: function () {
      return { source: null, now: null, failed: false };
    },

    componentDidMount: function () {
      var self = this, entry = this.props.getEntry();
      var read = this.props.loadEntry(this.props.field.get("source_collection"), entry ? entry.get("slug") : "");
      Promise.resolve(read).then(function (found) {
        var body = found && found.data ? found.data.body : null;
        if (typeof body !== "string") throw new Error("no source");
        return R.fingerprint(body).then(function (now) {
          if (!self.gone) self.setState({ source: body, now: now });
        });
      }).catch(function () {
        if (!self.gone) self.setState({ failed: true });
      });
    },

    componentWillUnmount: function () {
      this.gone = true;
    },

    answer: function (keep) {
      var record = { source: this.state.now };
      if (keep) record.kept = today();
      record.was = this.state.source;
      this.props.onChange(record);
    },

    render: function () {
      var self = this, record = plain(this.props.value), state = this.state;
      if (state.failed) return h("p", { id: this.props.forID, className: "sprak__status" }, WORDS.no_source);
      if (state.now === null) return h("p", { id: this.props.forID, className: "sprak__status" }, "");
      var recorded = R.sourceOf(record);
      var how = !recorded ? "unmarked" : recorded === state.now ? "fresh" : "behind";
      return answers(this.props.forID, how, record && record.was, state.source, function (keep) { self.answer(keep); });
    }
  });

  CMS.registerWidget("text_translation", TextTranslationControl, function () { return null; });

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

  /* Decap's phrases in the editor's language (editor/decap-phrases.json, by language: on the editor's page as
     #decap-phrases): `missing` fills what Decap's own table of the language lacks, which would show in English;
     `save_not_publish` replaces Decap's words that say "publish" for what is a save to this computer, in the local
     editor only (here publishing means the site readers see, make publish; hosted, Decap's "Publicera" merges the
     change into the branch the pipeline publishes, live). */
  var PHRASES = (function () {
    var element = document.getElementById("decap-phrases");
    return element ? JSON.parse(element.textContent) : {};
  })();

  function withMissing(phrases, missing) {
    var merged = {};
    Object.keys(phrases || {}).forEach(function (key) { merged[key] = phrases[key]; });
    Object.keys(missing).forEach(function (key) {
      var have = merged[key];
      merged[key] = typeof missing[key] === "object" ? withMissing(have, missing[key]) : (have || missing[key]);
    });
    return merged;
  }

  function replaced(phrases, replacements) {
    var merged = {};
    Object.keys(phrases || {}).forEach(function (key) { merged[key] = phrases[key]; });
    Object.keys(replacements).forEach(function (key) {
      merged[key] = typeof replacements[key] === "object" ? replaced(merged[key], replacements[key]) : replacements[key];
    });
    return merged;
  }

  Object.keys(PHRASES).forEach(function (code) {
    var own = withMissing(CMS.getLocale(code), PHRASES[code].missing || {});
    CMS.registerLocale(code, LOCAL ? replaced(own, PHRASES[code].save_not_publish || {}) : own);
  });
})();
