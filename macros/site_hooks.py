"""The mkdocs hooks of every language's build (mkdocs.yml `hooks:`): the prepared call in, the language's pages out.

Each language builds separately (tools/build.py writes its configuration, with
`extra.language_code`). on_config hands the theme what it draws (config.extra), from
the call prepared once for the whole build (macros/prepared.py); on_page_markdown puts
in each page's text as the render stage drew it in the sandbox (macros/render_pages.py,
done by the gate before the build, or here on a bare `mkdocs build`); on_post_build
writes the language's calendar files. Nothing else touches a page: no page is rendered
by any other engine, and no git process is started for page information.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup, escape

from macros import changes, lifecycle
from macros.calendar import calendar_files
from macros.components import inline, tool_assets
from macros.context import Recorder, draw, status_view
from macros.front_matter import front_matter_problems, published_pages
from macros.prepared import current
from macros.problems import PageProblem
from macros.render_pages import description_names, render_page
from macros.security_policy import POLICY
from macros.structured_data import monetary_grant
from macros.templating import TemplateProblem
from macros.theme_files import theme_env

_state: dict = {}


def language_pages(docs_root: Path, code: str, call: dict) -> list[str]:
    """The pages a language publishes, as the site names them."""
    return sorted(path.stem + ".html" for path in published_pages(docs_root / code, call))


def material_bundle(theme_dirs: list[str]) -> str:
    """Material's script bundle (its name carries a hash), which material-on-demand.js loads on first use of search."""
    for folder in theme_dirs:
        found = sorted(Path(folder).glob("assets/javascripts/bundle.*.min.js"))
        if found:
            return f"assets/javascripts/{found[0].name}"
    raise FileNotFoundError("Material's assets/javascripts/bundle.*.min.js")


def on_config(config):
    prepared = current()
    languages = prepared.languages
    lang = languages[config["extra"]["language_code"]]
    docs_root = Path(config["docs_dir"]).parent
    _state.update(lang=lang, prepared=prepared)
    theme = config["theme"]
    theme.get_env = lambda: theme_env(theme)  # mkdocs asks the theme for its environment: ours (macros/theme_files.py)
    strings, call = lang.strings, prepared.call
    names = prepared.names(lang)

    # Theme templates see config, not page names: hand them what they draw. site_name is escaped once here, as
    # Markup: Material prints it unescaped, and `| e` leaves Markup alone.
    config["site_name"] = Markup(escape(call["funder"]["name"].get(lang.code) or call["funder"]["name"][lang.source]))
    config["site_description"] = Markup(escape(call["summary"].get(lang.code) or call["summary"][lang.source]))
    up = "../" * lang.path.count("/")
    extra = config["extra"]
    extra["language"] = {"code": lang.code, "name": lang.name, "theme": lang.theme, "full": lang.full}
    extra["languages"] = [
        {"code": other.code, "name": other.name, "prefix": up + other.path, "current": other == lang,
         "pages": language_pages(docs_root, other.code, call), "label_page": other.strings["language_link_page"],
         "label_start": other.strings["language_link_start"], "root": prepared.language_url(other)}
        for other in languages
    ]
    extra["own_pages"] = language_pages(docs_root, lang.code, call)
    extra["source_language"] = {"code": lang.source, "prefix": up + languages.authoritative.path}
    extra["ui"] = names["ui"]
    extra["theme_strings"] = dict(strings.get("theme", {}))
    extra["call"] = names["call"]
    extra["status"] = status_view(call, lang, prepared.moment)
    # The easy-to-read page says the phase in its own plain words (status.html picks it on that page).
    extra["status_easy"] = status_view(call, lang, prepared.moment, easy_read=True) if lang.easy_read_strings else None
    extra["last_changed"] = inline(changes.last_changed(prepared.history, lang))
    extra["notice"] = draw("notice_banner", lifecycle.latest_notice(call, lang, prepared.moment))  # summary languages too
    extra["jsonld"] = monetary_grant(call, lang, prepared.language_url(lang))
    extra["og_locale"] = {"self": strings["og_locale"], "others": [other.strings["og_locale"] for other in languages.others(lang)]}
    extra["easy_read"] = {"href": f"{lang.easy_read}.html", "label": strings["easy_read_link"]} if lang.easy_read else None
    extra["feed"] = {"href": ("" if lang.full else up + languages.authoritative.path) + "feed.xml",
                     "lang": lang.code if lang.full else lang.source, "label": strings["feed_link"]}
    extra["tool_assets"] = {}
    extra["content_security_policy"] = POLICY
    extra["material_bundle"] = material_bundle(config["theme"].dirs)
    # Material's header then includes partials/alternate.html (language links, the menu button's name);
    # a configuration that lists its own alternates (the benchmark's plain Material baseline) keeps them.
    extra.setdefault("alternate", True)
    # The 404 page: this language first, then every other. Its links are absolute (mkdocs writes
    # them so for 404.html): to the public address when the build has one, else the server root.
    root = prepared.site_url or "/"
    extra["not_found"] = [{"code": other.code, "heading": other.strings["not_found_heading"], "text": other.strings["not_found_text"],
                           "home": f"{root}{other.path}index.html", "home_label": other.strings["not_found_home"]}
                          for other in [lang, *languages.others(lang)]]
    return config


def _rendered(page, config):
    """The page as the render stage drew it: from the gate, or drawn now (a bare `mkdocs build`)."""
    prepared, lang = _state["prepared"], _state["lang"]
    source = Path(page.file.abs_src_path)
    cached = prepared.rendered.get((lang.code, source.name))
    if cached:
        return cached
    docs_dir = Path(config["docs_dir"])
    shown = f"{docs_dir.parent.name}/{docs_dir.name}/{page.file.src_uri}"
    problems = front_matter_problems(source.read_text(encoding="utf-8"), shown)
    if problems:
        raise PageProblem(problems[0])
    recorder = Recorder()
    names = prepared.names(lang, recorder)
    try:
        return render_page(source, shown, names, description_names(names, prepared.call, lang), recorder)
    except TemplateProblem as error:
        raise PageProblem(error.problem) from None


def on_page_markdown(markdown, page, config, files):
    rendered = _rendered(page, config)
    # Material prints a page's title and description unescaped (nav, <title>, meta tags): escaped once here.
    if page.meta.get("title"):
        page.meta["title"] = Markup(escape(str(page.meta["title"])))
        page.title = page.meta["title"]
    if page.meta.get("description"):
        page.meta["description"] = Markup(rendered.description)
    page.meta["tools"] = list(rendered.tools)
    for tool in rendered.tools:
        config["extra"]["tool_assets"][tool] = tool_assets(tool)
    return rendered.markdown


def on_post_build(config):
    """Write this language's calendar files (calendar/*.ics under its root)."""
    prepared, lang = _state["prepared"], _state["lang"]
    site_dir = Path(config["site_dir"])
    for path, contents in calendar_files(prepared.call, lang, prepared.moment, prepared.language_url(lang)).items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(contents)
