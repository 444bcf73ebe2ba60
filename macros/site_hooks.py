"""The mkdocs hooks of every build (mkdocs.yml `hooks:`): the prepared call in, the language's pages out.

tools/build.py writes each build's configuration, with `extra.language_code` and `extra.unit`: "call" for one
call's pages in one language (its files at the call's place, the theme's files and search its language's, one
folder up), "site" for a language's own pages (the lists of calls, made from the calls' data in on_files, and its
pages about itself, mkdocs.yml `extra.site_pages`, with the theme's files and the search index every call shares); a
bare `mkdocs build` is one call on its own.
on_config hands the theme what it draws (config.extra), from the call prepared once for the whole build
(macros/prepared.py); on_page_markdown puts in each page's text as the render stage drew it in the sandbox
(macros/render_pages.py, done by the gate before the build, or here on a bare `mkdocs build`); on_post_build
writes the language's calendar files. Nothing else touches a page: no page is rendered by any other engine, and
no git process is started for page information.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from markupsafe import Markup, escape

from macros import changes, lifecycle
from macros import pieces as pc
from macros.calendar import calendar_files
from macros.components import inline, tool_assets
from macros.context import Recorder, draw, status_view
from macros.front_matter import front_matter_problems, published_pages
from macros.call_list import applicant_types, call_list, filter_page
from macros.prepared import current, current_site
from macros.problems import PageProblem
from macros.render_pages import description_names, render_page
from macros.security_policy import POLICY
from macros.structured_data import monetary_grant
from macros.templating import TemplateProblem
from macros.theme_files import theme_env

_state: dict = {}


def language_pages(docs_root: Path, code: str, call: dict, own: list[str]) -> list[str]:
    """The pages a call publishes in a language, as the site names them (the site's own pages, `own`, are not its)."""
    return sorted(path.stem + ".html" for path in published_pages(docs_root / code, call) if path.name not in own)


def site_page_names(docs_root: Path, code: str, own: list[str]) -> list[str]:
    """The site's own pages (mkdocs.yml `extra.site_pages`) that a language has, as the site names them."""
    return [name.replace(".md", ".html") for name in own if (docs_root / code / name).is_file()]


def about_site(languages, lang, docs_root: Path, own: list[str], here: str, up: str, place=lambda other: other.path) -> dict:
    """Where the footer of a page in `lang` finds each of the site's own pages, by name: at the language's place
    (`here`, from the page) where the language has it, else the authoritative language's, marked as such (`up` leads
    from the page to the site's root, `place(lang)` from there to a language's place)."""
    has = site_page_names(docs_root, lang.code, own)
    source = languages.authoritative
    return {name: {"href": here + name, "lang": lang.code, "own": True} if name in has
            else {"href": up + place(source) + name, "lang": source.code, "own": False}
            for name in (page.replace(".md", ".html") for page in own)}


def material_bundle(theme_dirs: list[str]) -> str:
    """Material's script bundle (its name carries a hash), which material-on-demand.js loads on first use of search."""
    for folder in theme_dirs:
        found = sorted(Path(folder).glob("assets/javascripts/bundle.*.min.js"))
        if found:
            return f"assets/javascripts/{found[0].name}"
    raise FileNotFoundError("Material's assets/javascripts/bundle.*.min.js")


def _shared_extra(config, lang, languages, pages_of, language_url, site_url: str, name: dict, description: str,
                  feed_label: str) -> dict:
    """What the theme draws on every page, a call's or the site's: the site's name and the page's description, the
    language and its links to the others (`pages_of(other)`: the pages that language has here), its interface
    strings, the feed to follow, the policy, the 404 page's words. Escaped once here, as Markup: Material prints
    site_name unescaped, and `| e` leaves Markup alone."""
    strings = lang.strings
    config["site_name"] = Markup(escape(name.get(lang.code) or name[lang.source]))
    config["site_description"] = Markup(escape(description))
    up = "../" * lang.path.count("/")
    extra = config["extra"]
    extra["language"] = {"code": lang.code, "name": lang.name, "theme": lang.theme, "full": lang.full}
    extra["languages"] = [
        {"code": other.code, "name": other.name, "prefix": up + other.path, "current": other == lang,
         "pages": pages_of(other), "label_page": other.strings["language_link_page"],
         "label_start": other.strings["language_link_start"], "root": language_url(other)}
        for other in languages
    ]
    extra["own_pages"] = pages_of(lang)
    extra["source_language"] = {"code": lang.source, "prefix": up + languages.authoritative.path}
    extra["ui"] = {key: value for key, value in strings.items() if isinstance(value, str)}
    extra["theme_strings"] = dict(strings.get("theme", {}))
    extra["og_locale"] = {"self": strings["og_locale"], "others": [other.strings["og_locale"] for other in languages.others(lang)]}
    extra["feed"] = {"href": ("" if lang.full else up + languages.authoritative.path) + "feed.xml",
                     "lang": lang.code if lang.full else lang.source, "label": feed_label}
    extra["tool_assets"] = {}
    extra["content_security_policy"] = POLICY
    extra["material_bundle"] = material_bundle(config["theme"].dirs)
    # Material's header then includes partials/alternate.html (language links, the menu button's name);
    # a configuration that lists its own alternates (the benchmark's plain Material baseline) keeps them.
    extra.setdefault("alternate", True)
    # The 404 page (the site's, at its root): this language first, then every other. Its links are absolute (mkdocs
    # writes them so for 404.html): to the public address when the build has one, else the server root.
    root = site_url or "/"
    extra["not_found"] = [{"code": other.code, "heading": other.strings["not_found_heading"], "text": other.strings["not_found_text"],
                           "home": f"{root}{other.path}index.html", "home_label": other.strings["not_found_home"]}
                          for other in [lang, *languages.others(lang)]]
    return extra


def on_config(config):
    if config["extra"].get("unit") == "site":
        return _site_config(config)
    prepared = current()
    languages = prepared.languages
    lang = languages[config["extra"]["language_code"]]
    docs_root = Path(config["docs_dir"]).parent
    # A call in a site (tools/build.py) shares its language's theme files and search; a bare `mkdocs build` of a call
    # (the benchmark's plain Material baseline) has its own.
    unit = config["extra"].get("unit", "alone")
    _state.update(lang=lang, prepared=prepared, unit=unit)
    theme = config["theme"]
    # mkdocs asks the theme for its environment: ours (macros/theme_files.py), where a call's pages find the files
    # their language shares one folder up.
    theme.get_env = lambda: theme_env(theme, shared_up="../" if unit == "call" else "")
    strings, call = lang.strings, prepared.call
    names = prepared.names(lang)
    own = config["extra"]["site_pages"]
    # Theme templates see config, not page names: hand them what they draw.
    extra = _shared_extra(config, lang, languages, lambda other: language_pages(docs_root, other.code, call, own), prepared.language_url,
                          prepared.site_url, call["funder"]["name"], call["summary"].get(lang.code) or call["summary"][lang.source],
                          strings["feed_link"])
    extra["ui"] = names["ui"]
    extra["call"] = names["call"]
    extra["status"] = status_view(call, lang, prepared.moment)
    # The easy-to-read page says the phase in its own plain words (status.html picks it on that page).
    extra["status_easy"] = status_view(call, lang, prepared.moment, easy_read=True) if lang.easy_read_strings else None
    extra["last_changed"] = inline(changes.last_changed(prepared.history, lang))
    extra["notice"] = draw("notice_banner", lifecycle.latest_notice(call, lang, prepared.moment))  # summary languages too
    extra["withdrawn"] = draw("withdrawn_notice", lifecycle.withdrawn_notice(call, lang, prepared.moment))
    extra["jsonld"] = monetary_grant(call, lang, prepared.language_url(lang))
    extra["easy_read"] = {"href": f"{lang.easy_read}.html", "label": strings["easy_read_link"]} if lang.easy_read else None
    extra["calls_list"] = {"href": "../index.html", "label": strings["calls_all_link"]}
    # The site's pages about itself, at the site's place of each language (a call's place without its slug).
    extra["about"] = about_site(languages, lang, docs_root, own, "../", "../" * lang.path.count("/"),
                                lambda other: other.path.removesuffix(f"{prepared.slug}/"))
    return config


def _site_config(config):
    """A language's own pages: the list of the site's calls, at the language's place, with the theme's files and
    the search index every call of the language shares (tools/build.py)."""
    site = current_site()
    lang = site.languages[config["extra"]["language_code"]]
    newest = site.calls[-1]
    docs_root = Path(config["config_file_path"]).parent / "docs"  # the project's pages (tools/build.py names its root)
    own = config["extra"]["site_pages"]
    _state.update(lang=lang, site=site, unit="site", docs_root=docs_root)
    theme = config["theme"]
    theme.get_env = lambda: theme_env(theme)
    strings = lang.strings
    lists = ["index.html", *(filter_page(kind["id"]) for kind in applicant_types(site_calls(site), site.moment))]
    extra = _shared_extra(config, lang, site.languages, lambda other: lists + site_page_names(docs_root, other.code, own),
                          site.language_url, site.site_url, newest.call["funder"]["name"], strings["calls_description"],
                          strings["calls_feed_link"])
    extra["about"] = about_site(site.languages, lang, docs_root, own, "", "../" * lang.path.count("/"))
    extra.update(call=None, status=None, status_easy=None, last_changed=None, notice=None, jsonld=None, easy_read=None,
                 calls_list=None)
    return config


def site_calls(site) -> list[tuple[str, dict]]:
    """The site's calls as its lists take them: each call's start page from the language's place, and its data."""
    return [(f"{call.slug}/index.html", call.call) for call in site.calls]


def site_index(site, lang, applicant: dict | None = None) -> str:
    """The language's list of the site's calls, as the Markdown of its start page (no editor's text: its words are
    the language's strings, its facts the calls' data); with `applicant` (an applicant type), of the page of the
    calls that type may apply for, which the site's search leaves out (the start page has the same calls)."""
    listed = draw("call_list", call_list(site_calls(site), lang, site.moment, applicant["id"] if applicant else None))
    if applicant is None:
        return f"# {escape(lang.strings['calls_heading'])}\n\n{listed}\n"
    # The type's name is an editor's text: drawn as the components draw a line (plain text, no Markdown).
    heading = inline(pc.filled(lang.strings["calls_filter_heading"], name=pc.text(applicant["name"], lang)))
    return f"---\nsearch:\n  exclude: true\n---\n\n# {heading}\n\n{listed}\n"


def site_lists(site, lang) -> dict[str, str]:
    """The language's lists of calls by name: the list of every call, and the list for each applicant type."""
    pages = {"index.md": site_index(site, lang)}
    for kind in applicant_types(site_calls(site), site.moment):
        pages[filter_page(kind["id"]).replace(".html", ".md")] = site_index(site, lang, kind)
    return pages


def on_files(files, config):
    """A call's pages only: the theme's files are its language's, copied once (tools/build.py), and the site's own
    pages are the site's. The site's own build gets its lists of calls, made from the calls' data, and its pages
    about itself (docs/<lang>/, as the gate rendered them with the site's names: on_page_markdown)."""
    from mkdocs.structure.files import File, Files
    own = config["extra"]["site_pages"]
    if _state.get("unit") == "site":
        lang, folder = _state["lang"], _state["docs_root"] / _state["lang"].code
        lists = site_lists(_state["site"], lang)
        generated = [File.generated(config, name, content=content) for name, content in lists.items()]
        generated += [File.generated(config, name, abs_src_path=str(folder / name)) for name in own if (folder / name).is_file()]
        return Files([*[file for file in files if file.src_uri not in lists], *generated])
    files = Files([file for file in files if file.src_uri not in own])
    if _state.get("unit") != "call":
        return files
    docs_dir = str(Path(config["docs_dir"]).resolve())
    return Files([file for file in files if file.abs_src_path and str(Path(file.abs_src_path).resolve()).startswith(docs_dir)])


def on_page_context(context, page, config, nav):
    """A call's pages address the search index, and Material's scripts their scope, at the language's place."""
    if _state.get("unit") == "call":
        context["base_url"] = posixpath.normpath(posixpath.join(context["base_url"], ".."))
    return context


def _rendered(page, config):
    """The page as the render stage drew it: from the gate, or drawn now (a bare `mkdocs build`). The site's own
    pages are taken from the gate's rendering of its newest call: they read only the site's facts, alike in every call."""
    lang = _state["lang"]
    source = Path(page.file.abs_src_path)
    if _state["unit"] == "site":
        return _state["site"].calls[-1].rendered[(lang.code, source.name)]
    prepared = _state["prepared"]
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
    if _state.get("unit") == "site" and page.file.src_uri not in config["extra"]["site_pages"]:
        return markdown
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
    if _state.get("unit") == "site":
        return
    prepared, lang = _state["prepared"], _state["lang"]
    site_dir = Path(config["site_dir"])
    for path, contents in calendar_files(prepared.call, lang, prepared.moment, prepared.language_url(lang)).items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(contents)
