"""The mkdocs-macros module: gives one language's build the prepared call, and renders its pages.

Each language builds separately (tools/build.py writes its configuration, with
`extra.language_code`). define_env hands the theme what it draws (config.extra),
from the call prepared once for the whole build (macros/prepared.py).

Pages are rendered here, not by mkdocs-macros' own renderer (switched off with
render_by_default: false, because it is not sandboxed): on_post_page_macros
renders each page's text in the sandbox (macros/templating.py) with exactly the
names a page may use, and refuses anything else with the page's file and line.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup, escape

from . import changes, lifecycle
from .calendar import calendar_files
from .context import Recorder, draw, status_view
from .front_matter import front_matter_problems, published_pages, split_front_matter
from .prepared import current
from .security_policy import POLICY
from .structured_data import monetary_grant
from .templating import TemplateProblem, render
from .components import inline, tool_assets


class PageProblem(Exception):
    """A page that cannot be built: raised with the problem, which names its file and line."""

    def __init__(self, problem):
        self.problem = problem
        super().__init__(str(problem))


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


def define_env(env):
    prepared = current()
    languages = prepared.languages
    lang = languages[env.conf["extra"]["language_code"]]
    docs_root = Path(env.conf["docs_dir"]).parent
    recorder = Recorder()
    names = prepared.names(lang, recorder)
    _state.update(lang=lang, names=names, recorder=recorder, prepared=prepared)
    strings, call = lang.strings, prepared.call

    # Theme templates see config, not macro variables: hand them what they draw. site_name is
    # escaped once here, as Markup: Material prints it unescaped, and `| e` leaves Markup alone.
    env.conf["site_name"] = Markup(escape(call["funder"]["name"].get(lang.code) or call["funder"]["name"][lang.source]))
    env.conf["site_description"] = Markup(escape(call["summary"].get(lang.code) or call["summary"][lang.source]))
    up = "../" * lang.path.count("/")
    extra = env.conf["extra"]
    extra["language"] = {"code": lang.code, "name": lang.name, "theme": lang.theme, "full": lang.full}
    extra["languages"] = [
        {"code": other.code, "name": other.name, "prefix": up + other.path, "current": other == lang,
         "pages": language_pages(docs_root, other.code, call), "label_page": other.strings["language_link_page"],
         "label_start": other.strings["language_link_start"], "root": prepared.language_url(other)}
        for other in languages
    ]
    extra["own_pages"] = language_pages(docs_root, lang.code, call)
    extra["source_language"] = {"code": lang.source, "prefix": up + languages.authoritative.path}
    extra["ui"] = {key: value for key, value in strings.items() if isinstance(value, str)}
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
    extra["material_bundle"] = material_bundle(env.conf["theme"].dirs)
    # Material's header then includes partials/alternate.html (language links, the menu button's name);
    # a configuration that lists its own alternates (the benchmark's plain Material baseline) keeps them.
    extra.setdefault("alternate", True)
    # The 404 page: this language first, then every other. Its links are absolute (mkdocs writes
    # them so for 404.html): to the public address when the build has one, else the server root.
    root = prepared.site_url or "/"
    extra["not_found"] = [{"code": other.code, "heading": other.strings["not_found_heading"], "text": other.strings["not_found_text"],
                           "home": f"{root}{other.path}index.html", "home_label": other.strings["not_found_home"]}
                          for other in [lang, *languages.others(lang)]]


def on_pre_page_macros(env):
    """Refuse what would hand a page to mkdocs-macros' own (unsandboxed) renderer."""
    if env.page.meta.get("render_macros"):
        raise PageProblem(f"{env.page.file.src_uri}: render_macros")


def on_post_page_macros(env):
    """Render the page's text in the sandbox, with its file and line for any problem."""
    lang, names, recorder = _state["lang"], _state["names"], _state["recorder"]
    page = env.page
    source = Path(page.file.abs_src_path)
    docs_dir = Path(env.conf["docs_dir"])
    shown = f"{docs_dir.parent.name}/{docs_dir.name}/{page.file.src_uri}"
    text = source.read_text(encoding="utf-8")
    problems = front_matter_problems(text, shown)
    if problems:
        raise PageProblem(problems[0])
    _front, _body, offset = split_front_matter(text)
    recorder.tools.clear()
    cached = _state["prepared"].rendered.get((lang.code, source.name))
    try:
        if cached:
            env.markdown, tools = cached
            recorder.tools.update(tools)
        else:
            env.markdown = str(render(env.markdown, names, shown, offset + 1))
        # Material prints a page's title and description unescaped (nav, <title>, meta tags): escape them once here.
        if page.meta.get("title"):
            page.meta["title"] = Markup(escape(str(page.meta["title"])))
            page.title = page.meta["title"]
        description = page.meta.get("description")
        if description:
            rendered = render(str(description), names, shown, 2, html_allowed=False)  # plain text for a meta tag
            page.meta["description"] = Markup(escape(rendered.striptags()))
    except TemplateProblem as error:
        raise PageProblem(error.problem) from None
    tools = sorted(recorder.tools)
    page.meta["tools"] = tools
    for tool in tools:
        env.conf["extra"]["tool_assets"][tool] = tool_assets(tool)


def on_post_build(env):
    """Write this language's calendar files (calendar/*.ics under its root)."""
    prepared, lang = _state["prepared"], _state["lang"]
    site_dir = Path(env.conf["site_dir"])
    for path, contents in calendar_files(prepared.call, lang, prepared.moment, prepared.language_url(lang)).items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(contents)
