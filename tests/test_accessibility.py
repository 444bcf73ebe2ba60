"""WCAG 2.2 AA beyond what axe can see, in Chromium, on every page of every language: reflow at 320 px
with and without the text-spacing override, text resized to 200 %, target sizes, a keyboard walk through
every focus stop, forced colours, reduced motion, and the structure a screen reader meets (from the
browser's accessibility tree). Each failure names the page, the element and the criterion."""

from __future__ import annotations

import re
import urllib.parse

import pytest

from conftest import call_path, loaded
from pages import walked_pages

LANGUAGES = loaded().languages
TEXT_SPACING = ("* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }"
                " p, li, dd, dt { margin-bottom: 2em !important; }")
TOOL_PAGES = ("calculator.html", "eligibility.html", "checklist.html")

DESCRIBE = """e => {
  const id = e.id ? '#' + e.id : '';
  const cls = typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\\s+/).slice(0, 2).join('.') : '';
  const text = (e.getAttribute('aria-label') || e.textContent || e.value || '').trim().replace(/\\s+/g, ' ').slice(0, 30);
  return e.tagName.toLowerCase() + id + cls + (text ? ' "' + text + '"' : '');
}"""


@pytest.fixture(scope="module")
def page_urls(site, served_under_subpath) -> list[str]:
    return [served_under_subpath + str(path.relative_to(site)) for path in walked_pages(site)]


def short(url: str, base: str) -> str:
    return url.replace(base, "")


def failures_on_every_page(page, page_urls, base: str, find, where: str = "") -> list[str]:
    """Open each page and ask find(page) what fails there (each finding names its criterion):
    one line per finding, starting with the page."""
    failures = []
    for url in page_urls:
        page.goto(url)
        failures += [f"{short(url, base)}{where}: {finding}" for finding in find(page)]
    return failures


# --- 1.4.10 Reflow, 1.4.12 Text spacing, 1.4.4 Resize text -----------------------------------------------

OVERFLOWING = """() => {
  const describe = """ + DESCRIBE + """;
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  return [...document.querySelectorAll('body *')].filter(e => {
    const r = e.getBoundingClientRect();
    if (r.right <= width + 1 || e.offsetParent === null) return false;
    for (let a = e.parentElement; a; a = a.parentElement) {
      if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(a).overflowX)) return false;
    }
    return true;
  }).slice(0, 3).map(describe);
}"""

CLIPPED = """() => {
  const describe = """ + DESCRIBE + """;
  return [...document.querySelectorAll('main *, .md-header *, .md-footer *')].filter(e => {
    const s = getComputedStyle(e);
    if (e.offsetParent === null || s.visibility === 'hidden' || !e.textContent.trim()) return false;
    if (e.closest('.call-table, .md-search, .md-sidebar, [hidden], .md-header__topic + .md-header__topic')) return false;
    if (e.matches('.md-ellipsis, .md-header__topic')) return false;  // the site's name, which the footer also gives
    const clips = ['hidden', 'clip'].includes(s.overflowX) || ['hidden', 'clip'].includes(s.overflowY);
    return clips && (e.scrollHeight > e.clientHeight + 2 || e.scrollWidth > e.clientWidth + 2);
  }).slice(0, 3).map(describe);
}"""


def test_reflow_at_320_px_with_and_without_text_spacing(browser, page_urls, served_under_subpath):
    page = browser.new_page(viewport={"width": 320, "height": 640})
    failures = []
    for url in page_urls:
        for spacing in (False, True):
            page.goto(url)
            if spacing:
                page.add_style_tag(content=TEXT_SPACING)
            wide = page.evaluate(OVERFLOWING)
            if wide:
                failures.append(f"{short(url, served_under_subpath)}{' (text spacing)' if spacing else ''}: "
                                f"scrolls sideways at 320 px because of {wide} (1.4.10 Reflow)")
            if spacing:
                clipped = page.evaluate(CLIPPED)
                if clipped:
                    failures.append(f"{short(url, served_under_subpath)}: text cut off with text spacing: {clipped} (1.4.12 Text Spacing)")
    page.close()
    assert not failures, "\n".join(failures)


def test_a_table_too_wide_for_a_phone_scrolls_in_its_own_labelled_region(browser, served_under_subpath):
    page = browser.new_page(viewport={"width": 320, "height": 640})
    for lang in LANGUAGES.full:
        page.goto(served_under_subpath + lang.path + "calculator.html")
        region = page.locator(".call-table").first
        assert region.get_attribute("role") == "region" and region.get_attribute("tabindex") == "0"
        label = page.locator("#" + region.get_attribute("aria-labelledby")).inner_text()
        assert label == lang.strings["calc_examples_caption"]
        assert page.evaluate("e => e.scrollWidth > e.clientWidth", region.element_handle())  # it does scroll, by itself
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.close()


def test_text_resized_to_200_percent_cuts_nothing_off(browser, page_urls, served_under_subpath):
    """Text alone at twice its size (Material's root is 125 %): no sideways scroll at 1280 px, nothing clipped."""
    def cut_off(page):
        page.add_style_tag(content="html { font-size: 250% !important; }")
        wide, clipped = page.evaluate(OVERFLOWING), page.evaluate(CLIPPED)
        return [f"{wide or clipped} (1.4.4 Resize Text)"] if wide or clipped else []

    page = browser.new_page(viewport={"width": 1280, "height": 800})
    failures = failures_on_every_page(page, page_urls, served_under_subpath, cut_off)
    page.close()
    assert not failures, "\n".join(failures)


# --- 2.5.8 Target size ------------------------------------------------------------------------------------

TARGETS = """() => {
  const describe = """ + DESCRIBE + """;
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, label[for], summary, [role=button], [tabindex]:not([tabindex="-1"])';
  const scopes = document.querySelectorAll('.md-header, .md-footer, .calc, .calc__results, .elig, .checklist, .checklist__print, .call-language, .call-timeline');
  const found = new Set();
  scopes.forEach(scope => scope.querySelectorAll(selector).forEach(e => found.add(e)));
  const targets = [...found].filter(e => {
    const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && !e.closest('[hidden]');
  }).map(e => ({e, r: e.getBoundingClientRect()}));
  const small = targets.filter(t => t.r.width < 24 || t.r.height < 24);
  const center = r => [r.left + r.width / 2, r.top + r.height / 2];
  const circleHitsRect = (c, r) => {
    const x = Math.max(r.left, Math.min(c[0], r.right)), y = Math.max(r.top, Math.min(c[1], r.bottom));
    return Math.hypot(c[0] - x, c[1] - y) < 12;
  };
  return small.filter(t => {
    const c = center(t.r);
    // An input's own label is the same target (activating it activates the input).
    return targets.some(o => o !== t && !(o.e.tagName === 'LABEL' && o.e.control === t.e) && !(t.e.tagName === 'LABEL' && t.e.control === o.e)
      && (circleHitsRect(c, o.r) || (small.includes(o) && Math.hypot(c[0] - center(o.r)[0], c[1] - center(o.r)[1]) < 24)));
  }).slice(0, 5).map(t => describe(t.e) + ' ' + Math.round(t.r.width) + 'x' + Math.round(t.r.height));
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_every_control_is_at_least_24_px_or_spaced(browser, page_urls, served_under_subpath, width):
    def too_small(page):
        small = page.evaluate(TARGETS)
        return [f"{small} (2.5.8 Target Size (Minimum))"] if small else []

    page = browser.new_page(viewport={"width": width, "height": 800})
    failures = failures_on_every_page(page, page_urls, served_under_subpath, too_small, f" at {width} px")
    page.close()
    assert not failures, "\n".join(failures)


# --- 2.4.7 Focus visible, 2.4.11 Focus not obscured, 1.4.11 Non-text contrast ----------------------------

FOCUS_STATE = """() => {
  const describe = """ + DESCRIBE + """;
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const parse = c => { const m = c.match(/[\\d.]+/g) || [0, 0, 0, 0]; return [+m[0], +m[1], +m[2], m.length > 3 ? +m[3] : 1]; };
  const lum = ([r, g, b]) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const background = el => { for (; el; el = el.parentElement) { const c = parse(getComputedStyle(el).backgroundColor); if (c[3] > 0.9) return c; } return [255, 255, 255, 1]; };
  const s = getComputedStyle(e);
  const r = e.getBoundingClientRect();
  const header = document.querySelector('.md-header');
  const headerBottom = header && getComputedStyle(header).position !== 'static' ? header.getBoundingClientRect().bottom : 0;
  let indicator = 0;
  if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) {
    indicator = ratio(parse(s.outlineColor), background(parseFloat(s.outlineOffset) > 0 ? e.parentElement : e));
  }
  const shadows = (s.boxShadow.match(/rgba?\\([^)]*\\)/g) || []).map(parse).filter(c => c[3] > 0.9);
  for (const c of shadows) indicator = Math.max(indicator, ratio(c, background(e.parentElement)));
  const inHeader = header && header.contains(e);
  // Scrolled away inside a container of its own (the sidebar; the page itself is the viewport check).
  let clipped = false;
  for (let a = e.parentElement; a && a !== document.body && a !== document.documentElement; a = a.parentElement) {
    const o = getComputedStyle(a).overflowY;
    if (a.scrollHeight > a.clientHeight && ['auto', 'scroll', 'hidden'].includes(o)) {
      const f = a.getBoundingClientRect();
      if (r.bottom <= f.top + 1 || r.top >= f.bottom - 1) clipped = true;
    }
  }
  // Hidden under the header: every point of it that is on screen shows the header instead.
  const points = [[r.left + r.width / 2, r.top + r.height / 2], [r.left + 2, r.top + 2], [r.right - 2, r.bottom - 2]]
    .filter(([x, y]) => x >= 0 && y >= 0 && x < innerWidth && y < innerHeight);
  const covered = points.length > 0 && points.every(([x, y]) => { const top = document.elementFromPoint(x, y);
    return top && top !== e && !e.contains(top) && header && header.contains(top); });
  return {
    name: describe(e),
    indicator: indicator,
    obscured: !inHeader && headerBottom > 0 && covered,
    offscreen: r.bottom <= 0 || r.top >= innerHeight || r.right <= 0 || r.left >= innerWidth || clipped,
    key: e.tagName + (e.id || '') + (e.getAttribute('href') || '') + (e.getAttribute('name') || '') + (e.value || '') + Math.round(r.top + scrollY) + Math.round(r.left),
  };
}"""


def settle(page) -> None:
    """Wait for transitions to finish: a reader sees the page once it has settled."""
    for _wait in range(40):
        if not page.evaluate("document.getAnimations().some(a => a.playState === 'running')"):
            return
        page.wait_for_timeout(50)


# Where everything that scrolls stands: the page and each scrolled container (the sidebar's own
# scrolling; a programmatic smooth scroll is not among document.getAnimations()).
SCROLLS = "() => [scrollX, scrollY, ...[...document.querySelectorAll('*')].filter(e => e.scrollTop || e.scrollLeft).map(e => e.scrollTop + ',' + e.scrollLeft)].join(' ')"


def settle_scrolling(page) -> None:
    """Wait until nothing scrolls any more: a reader sees where focus has come to rest."""
    before = page.evaluate(SCROLLS)
    for _wait in range(40):
        page.wait_for_timeout(50)
        now = page.evaluate(SCROLLS)
        if now == before:
            return
        before = now


# One round trip per focus stop: where focus is, whether the page is still moving, and what a reader sees.
FOCUS_STEP = """() => ({
  inSearch: !!(document.activeElement && document.activeElement.closest('.md-search')),
  moving: document.getAnimations().some(a => a.playState === 'running'),
  bundle: typeof window.document$ !== 'undefined',
  state: (""" + FOCUS_STATE + """)(),
})"""


# The search has closed: its toggle is off and the page scrolls again (Material locks it while the search is open).
SEARCH_CLOSED = """() => { const toggle = document.querySelector('[data-md-toggle="search"]');
  return (!toggle || !toggle.checked) && !document.body.hasAttribute('data-md-scrolllock'); }"""


def walk(page, url: str, base: str, limit: int = 250) -> list[str]:
    page.goto(url, wait_until="load")
    failures, seen, was_in_search = [], set(), False
    for _ in range(limit):
        page.keyboard.press("Tab")
        step = page.evaluate(FOCUS_STEP)
        if step["inSearch"] and not step["bundle"]:
            # Focusing the search loads Material's bundle (material-on-demand.js): let it start, as a reader's pace would.
            for _wait in range(100):
                page.wait_for_timeout(100)
                if page.evaluate("typeof window.document$ !== 'undefined'"):
                    break
            page.wait_for_timeout(150)
            step = page.evaluate(FOCUS_STEP)
        if was_in_search and not step["inSearch"]:
            # The search closes and gives the page back its scrolling: wait for that, not for a fixed time.
            for _wait in range(40):
                if page.evaluate(SEARCH_CLOSED):
                    break
                page.wait_for_timeout(25)
            settle(page)
            step = page.evaluate(FOCUS_STEP)
        was_in_search = step["inSearch"]
        if step["moving"]:
            settle(page)
            step = page.evaluate(FOCUS_STEP)
        state = step["state"]
        if state and state["obscured"]:
            settle_scrolling(page)  # measured mid-scroll under load once; judge where focus comes to rest
            state = page.evaluate(FOCUS_STEP)["state"]
        if state is None:
            continue
        if state["key"] in seen:
            break
        seen.add(state["key"])
        where = f"{short(url, base)}: {state['name']}"
        if state["offscreen"]:
            failures.append(f"{where}: focused out of sight (2.4.7 Focus Visible)")
        elif state["indicator"] < 3:
            failures.append(f"{where}: focus indicator contrast {state['indicator']:.2f}:1 (2.4.7 Focus Visible, 1.4.11 Non-text Contrast)")
        if state["obscured"]:
            failures.append(f"{where}: hidden under the sticky header (2.4.11 Focus Not Obscured (Minimum))")
    return failures


def test_every_focus_stop_is_visible_and_never_under_the_header(browser, page_urls, served_under_subpath):
    """Every page, every stop. With reduced motion each stop is read in its final state at once (the phone
    walks below take the default motion, transitions and all)."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, reduced_motion="reduce")
    page = context.new_page()
    failures = []
    for url in page_urls:
        failures += walk(page, url, served_under_subpath)
    context.close()
    assert not failures, "\n".join(failures)



def test_focus_stays_in_sight_when_materials_bundle_starts_after_the_reader_moved_on(browser, served_under_subpath):
    """On a slow connection the bundle (loaded when the search is first focused) may start after a keyboard
    reader has left the search for the sidebar; as it starts it scrolls the sidebar to the current page.
    The link that has the focus must stay in sight (2.4.11)."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, reduced_motion="reduce")
    page = context.new_page()
    held = []
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: held.append(route))
    page.goto(served_under_subpath + call_path("contact.html"))  # the current page sits low in a sidebar that scrolls
    page.focus(".md-search__input")
    for _wait in range(100):
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "the search did not ask for Material's bundle"
    page.focus(".md-sidebar--primary .md-nav__link")
    page.wait_for_timeout(1000)  # the bundle arrives a second later
    held[0].continue_()
    for _wait in range(100):  # the page's CSP allows no eval, so no wait_for_function
        if page.evaluate("typeof window.document$ !== 'undefined'"):
            break
        page.wait_for_timeout(100)
    page.wait_for_timeout(1500)
    state = page.evaluate(FOCUS_STATE)
    context.close()
    assert not state["offscreen"] and not state["obscured"], f"contact.html: {state['name']} out of sight (2.4.11 Focus Not Obscured)"

@pytest.mark.parametrize("path", ["index.html", "calculator.html", "en/eligibility.html", "fi/index.html"])
def test_on_a_phone_too(browser, served_under_subpath, path):
    page = browser.new_page(viewport={"width": 390, "height": 700})
    failures = walk(page, served_under_subpath + call_path(path), served_under_subpath)
    page.close()
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_the_menu_opens_and_closes_by_keyboard_on_a_phone(browser, served_under_subpath, lang):
    """On a phone or at 400 % zoom the menu is a drawer; a keyboard opens it, reaches its links and closes it (2.1.1)."""
    page = browser.new_page(viewport={"width": 390, "height": 700})
    page.goto(served_under_subpath + lang.path + "index.html")
    button = page.get_by_role("button", name=lang.strings["menu_button_label"], exact=True)
    assert button.get_attribute("aria-expanded") == "false"
    button.focus()
    page.keyboard.press("Enter")
    settle(page)
    assert button.get_attribute("aria-expanded") == "true"
    focused = page.evaluate("document.activeElement.closest('.md-sidebar--primary') !== null")
    assert focused and page.evaluate(FOCUS_STATE)["offscreen"] is False
    page.keyboard.press("Escape")
    settle(page)
    assert button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.classList.contains('call-menu-button')")
    page.close()


# --- Forced colours (Windows contrast themes) ----------------------------------------------------------

def crop(page, box: dict, size: int = 14) -> bytes:
    return page.screenshot(clip={"x": box["x"] + 2, "y": box["y"] + 4, "width": size, "height": size})


@pytest.mark.parametrize("lang", LANGUAGES.full, ids=lambda lang: lang.code)
def test_the_tools_work_and_read_in_forced_colours(browser, served_under_subpath, lang):
    context = browser.new_context(forced_colors="active", viewport={"width": 1000, "height": 900})
    page = context.new_page()
    # The calculator: its bar's parts differ by pattern, and each is named with its amount.
    page.goto(served_under_subpath + lang.path + "calculator.html?costs=1200000&public_cash=100000&private_cash=100000"
              "&inkind_hours=200&inkind_rate=450&inkind_premises=300000")
    assert page.evaluate("matchMedia('(forced-colors: active)').matches")
    parts = ["support", "public_cash", "private_cash", "time", "premises"]
    shots = {}
    page.locator(".calc__bar").scroll_into_view_if_needed()
    for part in parts:
        segment = page.locator(f".calc__segment--{part}")
        box = segment.bounding_box()
        assert box and box["width"] >= 16, part
        shots[part] = crop(page, box)
        legend = page.locator(f".calc__part--{part}")
        assert legend.is_visible() and lang.strings[f"calc_part_{part}"] in legend.inner_text()
    assert len(set(shots.values())) == len(parts), "two parts of the bar look alike in forced colours"
    # A focused field shows its focus.
    field = page.locator("#calc-public_cash")
    field.scroll_into_view_if_needed()
    box = field.bounding_box()
    before = page.screenshot(clip={"x": box["x"] - 6, "y": box["y"] - 6, "width": box["width"] + 12, "height": box["height"] + 12})
    field.focus()
    page.keyboard.press("End")
    after = page.screenshot(clip={"x": box["x"] - 6, "y": box["y"] - 6, "width": box["width"] + 12, "height": box["height"] + 12})
    assert before != after, "no visible focus in forced colours"
    # The eligibility check: a radio button shows that it is chosen, and the check still answers.
    page.goto(served_under_subpath + lang.path + "eligibility.html")
    radio = page.locator('input[name="applicant_type"]').first
    radio.scroll_into_view_if_needed()
    box = radio.bounding_box()
    unchosen = crop(page, {"x": box["x"] - 4, "y": box["y"] - 6}, size=int(box["width"]) + 6)
    radio.check()
    chosen = crop(page, {"x": box["x"] - 4, "y": box["y"] - 6}, size=int(box["width"]) + 6)
    assert unchosen != chosen, "a chosen radio button looks like an unchosen one"
    page.locator("#elig-months").fill("6")
    page.locator('input[name="scope"]').first.check()
    assert page.locator(".elig__overall").inner_text() == lang.strings["elig_overall_yes"]
    # The checklist: a ticked box looks ticked.
    page.goto(served_under_subpath + lang.path + "checklist.html")
    box_element = page.locator('input[name="done"]').first
    box_element.scroll_into_view_if_needed()
    box = box_element.bounding_box()
    unticked = crop(page, {"x": box["x"] - 4, "y": box["y"] - 6}, size=int(box["width"]) + 6)
    box_element.check()
    assert crop(page, {"x": box["x"] - 4, "y": box["y"] - 6}, size=int(box["width"]) + 6) != unticked
    context.close()


# --- Reduced motion ------------------------------------------------------------------------------------------

MOVING = """() => {
  const describe = """ + DESCRIBE + """;
  const seconds = v => Math.max(...v.split(',').map(x => parseFloat(x) * (x.trim().endsWith('ms') ? 0.001 : 1)));
  return [...document.querySelectorAll('*')].filter(e => {
    const s = getComputedStyle(e);
    return seconds(s.transitionDuration) > 0.001 || (s.animationName !== 'none' && seconds(s.animationDuration) > 0.001);
  }).slice(0, 5).map(describe).concat(getComputedStyle(document.documentElement).scrollBehavior === 'smooth' ? ['html: smooth scrolling'] : []);
}"""


def test_nothing_moves_for_a_reader_who_asked_for_less_motion(browser, page_urls, served_under_subpath):
    context = browser.new_context(reduced_motion="reduce")
    def moving(page):
        moved = page.evaluate(MOVING)
        return [f"{moved} (2.3.3 Animation from Interactions; reduced motion)"] if moved else []

    failures = failures_on_every_page(context.new_page(), page_urls, served_under_subpath, moving)
    context.close()
    assert not failures, "\n".join(failures)


# --- The structure a screen reader meets, from the accessibility tree ----------------------------------------

def structure_problems(snapshot: str) -> list[str]:
    problems = []
    # A line whose text holds ": " is quoted whole in the snapshot's YAML: - 'heading "A: b" [level=1]'.
    levels = [int(level) for level in re.findall(r"- '?heading .*\[level=(\d)\]", snapshot)]
    if levels.count(1) != 1:
        problems.append(f"{levels.count(1)} headings of level 1 (1.3.1 Info and Relationships)")
    for before, after in zip(levels, levels[1:]):
        if after > before + 1:
            problems.append(f"heading level {before} followed by {after} (1.3.1 Info and Relationships)")
            break
    for landmark in ("banner", "navigation", "main", "contentinfo"):
        if not re.search(rf"^\s*- {landmark}\b", snapshot, re.M):
            problems.append(f"no {landmark} landmark (1.3.1 Info and Relationships)")
    for role in ("form", "status", "region", "dialog"):
        for line in re.findall(rf"^\s*- '?{role}(?![\w-])(.*)$", snapshot, re.M):
            if not line.strip().startswith('"'):
                problems.append(f"a {role} without a name (4.1.2 Name, Role, Value)")
    return problems


def test_every_page_has_one_h1_ordered_headings_landmarks_and_named_forms_and_live_regions(browser, page_urls, served_under_subpath):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    failures = failures_on_every_page(page, page_urls, served_under_subpath,
                                      lambda page: structure_problems(page.locator("body").aria_snapshot()))
    page.close()
    assert not failures, "\n".join(failures)


def test_the_tools_forms_and_live_regions_are_named_in_the_tree(browser, served_under_subpath):
    page = browser.new_page()
    for lang in LANGUAGES.full:
        for name, expected in (("calculator.html", ("calc_form_label", "calc_verdict_label")),
                               ("eligibility.html", ("elig_form_label", "elig_result_label")),
                               ("checklist.html", ("check_form_label", "check_progress_label"))):
            page.goto(served_under_subpath + lang.path + name)
            snapshot = page.locator("main").aria_snapshot()
            assert f'form "{lang.strings[expected[0]]}"' in snapshot, (lang.code, name)
            assert f'status "{lang.strings[expected[1]]}"' in snapshot, (lang.code, name)
    page.close()


def test_the_checks_catch_what_they_look_for():
    """The structure check fails on a page that breaks it (a check that cannot fail tests nothing)."""
    bad = "- banner:\n- main:\n  - heading \"A\" [level=1]\n  - heading \"B\" [level=3]\n  - heading \"C\" [level=1]\n  - form:\n  - status\n"
    found = " ".join(structure_problems(bad))
    for expected in ("2 headings of level 1", "level 1 followed by 3", "no navigation", "no contentinfo",
                     "a form without a name", "a status without a name"):
        assert expected in found, expected


def test_the_focus_walk_finds_a_stop_under_the_header(browser):
    """The walk fails on a link that stays under a sticky header, once scrolling has settled."""
    html = ('<!doctype html><html lang="en"><title>t</title><body style="margin:0;height:3000px">'
            '<header class="md-header" style="position:fixed;top:0;left:0;right:0;height:100px;background:#fff;z-index:2"></header>'
            '<a href="#a" style="position:absolute;top:30px;left:10px">under</a>'
            '<a href="#b" style="position:absolute;top:300px;left:10px">seen</a></body></html>')
    page = browser.new_page(viewport={"width": 800, "height": 600})
    url = "data:text/html," + urllib.parse.quote(html)
    found = walk(page, url, url)
    page.close()
    assert any('"under": hidden under the sticky header (2.4.11' in line for line in found), found
    assert not any('"seen": hidden' in line for line in found), found
