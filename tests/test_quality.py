"""Quality gates over every built page of both languages: axe-core, the Nu Html Checker,
the Content-Security-Policy, keyboard use, and escaping of everything from the data."""

from __future__ import annotations

import re
import shutil
import subprocess
from urllib.parse import urlsplit

import pytest

from conftest import REFERENCE_CALL, REPO, build_or_fail, call_dir_of, call_path, copy_call, set_yaml_text
from macros.call_data import load_call
from macros import formatting as fmt
from pages import html_pages, read, site_place, walked_pages

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.fixture(params=["under a sub-path", "at the root"])
def served(request, site):
    """Every page under a sub-path; the 404 page, whose links are root-absolute
    without SITE_URL, where it works: at the root."""
    if request.param == "at the root":
        return request.getfixturevalue("served_at_root"), ["404.html"]
    return request.getfixturevalue("served_under_subpath"), [str(path.relative_to(site)) for path in walked_pages(site)]


def test_axe_finds_no_violation_on_any_page(browser, served):
    from axe_playwright_python.sync_playwright import Axe
    axe = Axe()
    page = browser.new_page()
    found = {}
    base, paths = served
    for path in paths:
        page.goto(base + path)
        result = axe.run(page)
        violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result.response["violations"]]
        if violations:
            found[path] = violations
    page.close()
    assert not found, found


def test_axe_on_a_phone_screen(browser, site, served_under_subpath):
    from axe_playwright_python.sync_playwright import Axe
    page = browser.new_page(viewport={"width": 360, "height": 740})
    for path in ("index.html", "en/index.html", "fi/index.html"):
        page.goto(served_under_subpath + path)
        assert not Axe().run(page).response["violations"], path
    page.close()


def test_the_nu_html_checker_finds_no_error(site):
    if not VNU.exists():
        pytest.fail(f"{VNU} is missing: run `make test`, which installs it with npm")
    if not shutil.which("java"):
        pytest.fail("java is missing: run `make test` as root, or `sudo apt-get install -y default-jre-headless`")
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "text", "--skip-non-html", str(site)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_page_has_a_strict_content_security_policy(site):
    """No page has an executable inline script: scripts come from the site itself, nothing else."""
    for path in html_pages(site):
        metas = read(path).find("meta", http_equiv="Content-Security-Policy")
        assert len(metas) == 1, path
        head = path.read_text(encoding="utf-8").split("<head>", 1)[1].lstrip()
        assert head.startswith("<meta http-equiv=\"Content-Security-Policy\""), path  # first, before anything loads
        policy = dict(part.strip().split(" ", 1) for part in metas[0]["content"].split(";"))
        assert policy["default-src"] == "'self'"
        assert policy["script-src"] == "'self'", path
        assert policy["object-src"] == "'none'"
        html = path.read_text(encoding="utf-8")
        executable = [tag for tag in re.findall(r"<script\b[^>]*>", html) if "src=" not in tag and "application/json" not in tag
                      and "application/ld+json" not in tag]
        assert not executable, (path, executable)


def test_no_page_breaks_its_policy_asks_another_host_or_logs_an_error(browser, served):
    """Every page until the network is idle: no violation of its Content Security Policy, no request to another host,
    no error in the console or thrown. A few load side by side, so their waits for silence overlap; one walk for all
    of it, since each page's wait for silence is most of the time."""
    base, paths = served
    own = urlsplit(base).netloc
    context = browser.new_context()
    context.add_init_script(CSP_VIOLATIONS)
    for start in range(0, len(paths), 6):
        opened = []
        for path in paths[start:start + 6]:
            page = context.new_page()
            requests, errors = [], []
            page.on("request", lambda request, seen=requests: seen.append(request.url))
            page.on("console", lambda message, seen=errors: seen.append(message.text) if message.type == "error" else None)
            page.on("pageerror", lambda error, seen=errors: seen.append(str(error)))
            page.goto(base + path, wait_until="commit")
            opened.append((path, page, requests, errors))
        for path, page, requests, errors in opened:
            page.wait_for_load_state("networkidle")
            violations = page.evaluate("window.__cspViolations")
            assert not violations, (path, violations)
            foreign = [url for url in requests if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != own]
            assert not foreign, (path, foreign)
            assert not errors, (path, errors)
            page.close()
    context.close()


def test_a_page_works_from_disk_and_says_search_is_unavailable(browser, site):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((call_dir_of(site, "en") / "funding.html").as_uri())
    assert page.locator(".call-search-unavailable").is_visible()
    assert not page.locator("input[data-md-component=search-query]").is_visible()
    page.get_by_role("link", name="Svenska", exact=True).first.click()
    assert page.url == (call_dir_of(site) / "funding.html").as_uri()
    assert not errors
    page.close()


@pytest.mark.parametrize(("path", "other"), [("index.html", "English"), ("en/contact.html", "Svenska"), ("fi/index.html", "Svenska")])
def test_keyboard_alone_reaches_skip_link_language_search_and_footer(browser, served_under_subpath, path, other):
    page = browser.new_page()
    page.goto(served_under_subpath + call_path(path))
    page.wait_for_load_state("networkidle")
    reached = []
    for _ in range(60):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("""() => { const e = document.activeElement;
            return (e.getAttribute('href') || e.getAttribute('name') || e.tagName) + '|' + (e.textContent || '').trim(); }"""))
    assert reached[0].startswith("#"), reached[0]  # the skip link comes first
    assert any(entry.endswith("|" + other) for entry in reached)
    assert any(entry.startswith("query|") for entry in reached)
    assert any(entry.split("|")[0].endswith("accessibility.html") for entry in reached)
    # The skip link moves focus past the header and navigation.
    page.goto(served_under_subpath + call_path(path))
    page.wait_for_load_state("networkidle")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**#" + reached[0].split("|")[0].lstrip("#"), timeout=5000)
    page.close()


def test_the_accessibility_statement_states_method_result_and_date(site, call):
    from conftest import loaded
    phrases = {"sv": ("delvis förenlig", "WCAG 2.2"), "en": ("partly complies", "WCAG 2.2")}
    for lang in loaded().languages.full:
        text = read(site_place(site, lang) / "accessibility.html").text
        assert "axe-core" in text and "Nu Html Checker" in text
        for phrase in phrases[lang.code]:
            assert phrase in text
        assert fmt.format_date(call["accessibility"]["assessed_on"], lang) in text
        assert "digg.se/tdosanmalan" in text


def test_markup_in_the_data_is_shown_as_text_and_never_run(tmp_path, browser):
    call_dir = tmp_path / REFERENCE_CALL.name
    copy_call(REFERENCE_CALL, call_dir)
    hostile = '<script>window.__ran=1</script><img src=x onerror="window.__ran=2">'
    call_yml = call_dir / "call.yml"
    set_yaml_text(call_yml, ("summary", "en"), hostile + " " + load_call(call_dir)["summary"]["en"])
    intro = call_dir / "text" / "en" / "intro.closed.md"
    intro.write_text(intro.read_text(encoding="utf-8") + "\n<script>window.__ran=3</script>\n", encoding="utf-8")
    site = build_or_fail(tmp_path / "site", call_dir=call_dir)
    page = browser.new_page()
    page.goto((call_dir_of(site, "en") / "index.html").as_uri())
    assert page.evaluate("window.__ran") is None
    body = page.locator("article").inner_text()
    assert hostile in body
    assert "<script>window.__ran=3</script>" in body
    page.close()
