"""The user's cache (macros/user_cache.py) and the theme's loader (macros/theme_files.py): what the pipeline keeps
between builds, and what it lists of the theme."""

from __future__ import annotations

import os

import jinja2

from macros.theme_files import VisibleFilesLoader
from macros.user_cache import cache_dir, kept, prune, template_cache


def test_kept_bytes_are_made_once_and_found_by_what_made_them(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    made = []

    def make(text):
        made.append(text)
        return text.encode()

    assert kept("things", ("one", "v1"), lambda: make("one")) == b"one"
    assert kept("things", ("one", "v1"), lambda: make("again")) == b"one"
    assert kept("things", ("one", "v2"), lambda: make("two")) == b"two"
    assert made == ["one", "two"]
    assert len(list(cache_dir("things").iterdir())) == 2


def test_prune_leaves_a_folder_within_its_limit_and_drops_the_least_recently_used_beyond_it(tmp_path):
    for index in range(10):
        entry = tmp_path / f"{index:02d}.cache"
        entry.write_text(str(index))
        os.utime(entry, (1_000_000 + index, 1_000_000 + index))
    prune(tmp_path, "*.cache", 10)
    assert len(list(tmp_path.glob("*.cache"))) == 10
    prune(tmp_path, "*.cache", 5)  # beyond the limit: down to four fifths of it, the newest kept
    assert sorted(path.name for path in tmp_path.glob("*.cache")) == ["06.cache", "07.cache", "08.cache", "09.cache"]


def test_a_compiled_template_is_kept_and_a_changed_source_compiled_anew(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text("Hej {{ name }}", encoding="utf-8")

    def environment():
        return jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)), bytecode_cache=template_cache("test"))

    assert environment().get_template("page.html").render(name="Kiruna") == "Hej Kiruna"
    assert len(list((cache_dir("templates")).glob("test-*/*.cache"))) == 1
    assert environment().get_template("page.html").render(name="Luleå") == "Hej Luleå"
    (templates / "page.html").write_text("Hallå {{ name }}", encoding="utf-8")
    assert environment().get_template("page.html").render(name="Piteå") == "Hallå Piteå"


def test_the_theme_lists_no_file_of_a_hidden_folder_but_still_loads_one_by_name(tmp_path):
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "header.html").write_text("{% include '.icons/logo.svg' %}", encoding="utf-8")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "site.css").write_text("body {}", encoding="utf-8")
    (tmp_path / ".icons").mkdir()
    (tmp_path / ".icons" / "logo.svg").write_text("<svg></svg>", encoding="utf-8")
    loader = VisibleFilesLoader([str(tmp_path)])
    assert loader.list_templates() == ["assets/site.css", "partials/header.html"]
    assert jinja2.Environment(loader=loader).get_template("partials/header.html").render() == "<svg></svg>"
