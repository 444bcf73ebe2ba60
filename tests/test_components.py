"""Every component (overrides/components/<name>/): its header holds the view model's fields, its named examples
render and say what they must, and, in Chromium, pass axe and reflow at 320 px inside a page of the built site."""

from __future__ import annotations

import dataclasses
import importlib
import re
import types

import pytest
import yaml

from conftest import call_dir_of, call_path
from macros.components import COMPONENTS_DIR, all_components, render_component

COMPONENTS = all_components()
MODEL_LINE = re.compile(r"Model: (a tuple of )?(macros|tools)/(\w+)\.py (\w+)")


def header(name: str) -> str:
    source = (COMPONENTS_DIR / name / f"{name}.html").read_text(encoding="utf-8")
    assert source.startswith("{#"), f"{name}: the template starts with its header"
    return source[:source.index("#}")]


def model_class(name: str):
    found = MODEL_LINE.search(header(name))
    assert found, f"{name}: the header names its view model (Model: macros/<module>.py <Class>)"
    return bool(found.group(1)), getattr(importlib.import_module(f"{found.group(2)}.{found.group(3)}"), found.group(4))


def fields(cls) -> set[str]:
    return {field.name for field in dataclasses.fields(cls)}


def listed_fields(name: str) -> set[str]:
    """The names the header lists under its Model line, one per line, indented."""
    lines = header(name).split("Model:", 1)[1].splitlines()[1:]
    return {line.split()[0] for line in lines if re.match(r"^    \w", line)}


def with_defaults(value):
    """An example's model as the views give it: objects with attributes (as the dataclasses), and a piece of words or
    a paragraph without lang in the page's language."""
    if isinstance(value, dict):
        value = {key: with_defaults(item) for key, item in value.items()}
        if value.get("kind") == "words" or "pieces" in value:
            value.setdefault("lang", "")
        return types.SimpleNamespace(**value)
    if isinstance(value, list):
        return tuple(with_defaults(item) for item in value)
    return value


def examples(name: str) -> list[dict]:
    return yaml.safe_load((COMPONENTS_DIR / name / "examples.yml").read_text(encoding="utf-8"))["examples"]


def drawn(name: str, example: dict) -> str:
    return str(render_component(name, model=with_defaults(example["model"])))


def test_there_are_components_and_each_has_its_template_and_examples():
    assert len(COMPONENTS) >= 10
    for name in COMPONENTS:
        assert (COMPONENTS_DIR / name / f"{name}.html").is_file(), name
        assert examples(name), name


@pytest.mark.parametrize("name", COMPONENTS)
def test_the_header_lists_exactly_the_view_models_fields(name):
    _many, cls = model_class(name)
    assert listed_fields(name) == fields(cls), name


@pytest.mark.parametrize("name", COMPONENTS)
def test_each_example_has_the_view_models_fields_and_says_what_it_must(name):
    many, cls = model_class(name)
    for example in examples(name):
        models = example["model"] if many else [example["model"]]
        for model in models:
            assert set(model) == fields(cls), (name, example["name"])
        shown = drawn(name, example)
        assert example.get("contains"), (name, example["name"], "an example says what it must show")
        for text in example["contains"]:
            assert text in shown, (name, example["name"], text, shown)
        for text in example.get("lacks", []):
            assert text not in shown, (name, example["name"], text)


def test_a_components_missing_field_stops_the_render():
    import jinja2
    example = examples("notice_banner")[0]
    model = with_defaults(example["model"])
    del model.label
    with pytest.raises(jinja2.UndefinedError):
        render_component("notice_banner", model=model)


def test_a_text_of_the_data_is_escaped_and_cannot_become_markdown():
    model = with_defaults({"items": [[{"kind": "words", "text": "<script>x</script> [a](javascript:x) *b*"}]], "css_class": ""})
    shown = render_component("item_list", model=model)
    assert "<script>" not in shown and "[a]" not in shown and "*b*" not in shown


# --- in Chromium: every example inside a page of the built site, with its styles ----------------------------------

def whole_pages() -> list[str]:
    """Components that are a page of their own (the preview's page of problems)."""
    return [name for name in COMPONENTS if drawn(name, examples(name)[0]).lower().startswith("<!doctype")]


def examples_page(template: str) -> str:
    """The built start page with its article's content replaced by every component's examples."""
    blocks = []
    for name in [name for name in COMPONENTS if name not in whole_pages()]:
        for index, example in enumerate(examples(name)):
            # What the build hides for now is shown, so that axe and the reflow check see every part.
            shown = drawn(name, example).replace(" hidden data-search-exclude", "")
            if name == "in_phase":
                shown = f"<div{shown}><p>{example['name']}</p></div>"
            # Ids repeat between examples of one component: each example's own are made unique.
            shown = re.sub(r'(id|aria-labelledby|for)="([^"]+)"', lambda m: f'{m.group(1)}="{m.group(2)}-{name}-{index}"', shown)
            blocks.append(f'<section aria-label="{name} {index}"><h2>{name}: {example["name"]}</h2>{shown}</section>')
    start, end = template.index("<article"), template.index("</article>")
    opening = template[start:template.index(">", start) + 1]
    skip_target = re.search(r'<a href="#([^"]+)" class="md-skip">', template).group(1)  # the skip link still leads somewhere
    return template[:start] + opening + f'<h1 id="{skip_target}">Components</h1>' + "".join(blocks) + template[end:]


@pytest.mark.browser
def test_every_example_passes_axe_and_reflows_at_320_px(browser, site, served_under_subpath):
    from axe_playwright_python.sync_playwright import Axe
    page_html = examples_page((call_dir_of(site) / "index.html").read_text(encoding="utf-8"))
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.route("**/__components.html", lambda route: route.fulfill(body=page_html, content_type="text/html; charset=utf-8"))
    page.goto(served_under_subpath + call_path("__components.html"))  # beside the call's pages, whose addresses it keeps
    page.wait_for_load_state("load")
    assert page.locator("section .call-timeline").count() >= 1  # the examples are on the page, styled by the site
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    result = Axe().run(page)
    violations = [(v["id"], [node["target"] for node in v["nodes"]][:3]) for v in result.response["violations"]]
    assert not violations, violations
    for name in whole_pages():
        for example in examples(name):
            page.set_content(drawn(name, example))
            assert page.evaluate("document.documentElement.scrollWidth") <= 320, (name, example["name"])
            violations = [v["id"] for v in Axe().run(page).response["violations"]]
            assert not violations, (name, example["name"], violations)
    context.close()
