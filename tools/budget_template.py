"""The budget template per full language: a spreadsheet whose formulas are the call's rule.

The applicant types the calculator's fields (the project's costs, public and private cash, time as
hours and value per hour, premises); formulas, not values, give the time's value, the most the call
can pay (within both the cap and the rate), the co-financing needed, the co-financing of the plan and
the balance, as macros/budget.py and calculator.js compute them:

- support = MIN(cap, INT(costs × rate in basis points / 10 000)), in whole kronor; the rate is kept as
  a percentage cell and read as ROUND(rate × 10 000) basis points, so 29 % of 100 kr is 29 kr, never 28;
- the time's value = INT((hundredths of hours × hundredths of kronor + 5 000) / 10 000), half up.

Labels are the language's strings (the calculator's and the `downloads` group), the money format is
the language's (formats.money, with its locale's separators); the input cells are unlocked, the rest protected (without a password,
so an applicant may adapt it). Under SOURCE_DATE_EPOCH the file is the same byte for byte.
"""

from __future__ import annotations

import io
import locale
import re
import zipfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from macros import formatting as fmt
from macros.budget import Rule
from macros.calculator import FIELDS, rule_of
from macros.downloads import download
from macros.instants import zone_of
from macros.user_cache import kept
from macros.view import plain

# Where things are: column B holds every value; each row is named here once.
ROWS = {"title": 1, "funder": 2, "made": 3, "rule_heading": 5, "cap": 6, "rate": 7, "plan_heading": 9, "plan_hint": 10,
        "costs": 11, "public_cash": 12, "private_cash": 13, "inkind_hours": 14, "inkind_rate": 15, "inkind_premises": 16,
        "results_heading": 18, "time_value": 19, "support": 20, "cofinancing_needed": 21, "cofinancing": 22, "balance": 23,
        "limit": 24}
INPUTS = tuple(field.name for field in FIELDS)


def cell(name: str) -> str:
    return f"B{ROWS[name]}"


def _absolute(name: str) -> str:
    return f"$B${ROWS[name]}"


def _by_rate() -> str:
    return f"INT({cell('costs')}*ROUND({_absolute('rate')}*10000,0)/10000)"


# The rule as formulas, by the name of the result (the calculator's output names).
FORMULAS = {
    "time_value": f"=INT((ROUND({cell('inkind_hours')}*100,0)*ROUND({cell('inkind_rate')}*100,0)+5000)/10000)",
    "support": f"=MIN({_absolute('cap')},{_by_rate()})",
    "cofinancing_needed": f"={cell('costs')}-{cell('support')}",
    "cofinancing": f"={cell('public_cash')}+{cell('private_cash')}+{cell('time_value')}+{cell('inkind_premises')}",
    "balance": f"={cell('cofinancing')}-{cell('cofinancing_needed')}",
}


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if text else ""


# Windows' locale ids by locale name, from Python's own table: a number format that names its locale shows
# that locale's separators ("800 000 kr" in Swedish, "SEK 800,000" in English) in LibreOffice.
LOCALE_IDS = {name: number for number, name in locale.windows_locale.items()}


def locale_prefix(lang) -> str:
    """"[$-41D]" for sv_SE; nothing where Windows has no id for the locale (the program's own then applies)."""
    number = LOCALE_IDS.get(lang.locale)
    return f"[$-{number:X}]" if number else ""


def number_formats(lang) -> dict[str, str]:
    """The language's number formats for the template: money as its pattern says ("{number} kr", "SEK {number}"),
    money with öre (the value of an hour), hours, and a signed balance."""
    prefix = locale_prefix(lang)
    before, _, after = fmt.plural(lang.formats["money"], 2, lang).partition("{number}")
    money = f"{_quoted(before)}#,##0{_quoted(after)}"
    return {"money": prefix + money, "money_decimals": prefix + money.replace("#,##0", "#,##0.00", 1), "hours": prefix + "#,##0.00",
            "balance": f"{prefix}+{money};{prefix}-{money};{prefix}{money}"}


def percent_format(rule: Rule, lang) -> str:
    """The language's percent pattern ("{number} %", "{number}%") with as many decimals as the rate needs."""
    digits = "0" if rule.max_rate_basis_points % 100 == 0 else "0.00"
    return locale_prefix(lang) + lang.formats["percent"].replace("{number}", digits)


@dataclass(frozen=True)
class Texts:
    """What the template says, in its language."""

    sheet: str
    title: str
    funder: str
    made: str
    labels: dict


def texts_for(call: dict, lang, made_on: str) -> Texts:
    strings = lang.strings
    labels = {name: strings[f"calc_{name}_label"] for name in INPUTS + ("support", "cofinancing_needed", "cofinancing", "balance")}
    labels |= {"rule_heading": strings["budget_rule_heading"], "cap": strings["budget_cap_label"], "rate": strings["budget_rate_label"],
               "plan_heading": strings["budget_plan_heading"], "plan_hint": strings["budget_plan_hint"],
               "results_heading": strings["calc_results_heading"], "time_value": strings["budget_time_value_label"],
               "limit": strings["calc_examples_limit"], "limit_cap": strings["calc_examples_limit_cap"],
               "limit_rate": strings["calc_examples_limit_rate"], "negative": strings["calc_error_negative"]}
    return Texts(strings["budget_sheet"], plain(call["title"], lang), plain(call["funder"]["name"], lang),
                 fmt.fill_template(strings["budget_made"], date=made_on), labels)


def workbook(rule: Rule, texts: Texts, lang_code: str, formats: dict[str, str]):
    """The template as an openpyxl workbook (its dates are the build's, set by _fixed_zip)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = texts.sheet[:31]
    labels = texts.labels
    sheet["A1"], sheet["A2"], sheet["A3"] = texts.title, texts.funder, texts.made
    sheet["A1"].font = Font(name="Calibri", bold=True, size=14)
    for row, height in ((ROWS["title"], 40), (ROWS["made"], 30)):  # long texts wrap over both columns
        sheet.merge_cells(f"A{row}:B{row}")
        sheet[f"A{row}"].alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[row].height = height
    for heading in ("rule_heading", "plan_heading", "results_heading"):
        sheet[f"A{ROWS[heading]}"] = labels[heading]
        sheet[f"A{ROWS[heading]}"].font = Font(name="Calibri", bold=True, size=12)
    sheet[f"A{ROWS['plan_hint']}"] = labels["plan_hint"]
    sheet[f"A{ROWS['plan_hint']}"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells(f"A{ROWS['plan_hint']}:B{ROWS['plan_hint']}")
    sheet.row_dimensions[ROWS["plan_hint"]].height = 45
    for name in ("cap", "rate", *INPUTS, "time_value", "support", "cofinancing_needed", "cofinancing", "balance", "limit"):
        sheet[f"A{ROWS[name]}"] = labels[name]
    money = formats["money"]
    sheet[cell("cap")] = rule.max_support_sek
    sheet[cell("cap")].number_format = money
    sheet[cell("rate")] = rule.max_rate_basis_points / 10000
    sheet[cell("rate")].number_format = formats["percent"]
    plan_fill = PatternFill("solid", fgColor="FFF2CC")
    for name in INPUTS:
        target = sheet[cell(name)]
        target.protection = Protection(locked=False)
        target.fill = plan_fill
        target.number_format = money
    sheet[cell("inkind_hours")].number_format = formats["hours"]
    sheet[cell("inkind_rate")].number_format = formats["money_decimals"]
    for name, formula in FORMULAS.items():
        sheet[cell(name)] = formula
        sheet[cell(name)].number_format = money
    sheet[cell("balance")].number_format = formats["balance"]
    sheet[cell("support")].font = Font(name="Calibri", bold=True)
    sheet[cell("limit")] = (f"=IF({_absolute('cap')}<={_by_rate()},{_quoted(labels['limit_cap'])},"
                            f"{_quoted(labels['limit_rate'])})")
    not_negative = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                                  showErrorMessage=True, error=labels["negative"], errorTitle=labels["plan_heading"])
    sheet.add_data_validation(not_negative)
    not_negative.add(f"{cell(INPUTS[0])}:{cell(INPUTS[-1])}")
    sheet.column_dimensions["A"].width = 52
    sheet.column_dimensions["B"].width = 22
    sheet.protection.sheet = True
    sheet.protection.formatCells = False
    sheet.protection.formatColumns = False
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # printed on one page across
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    book.properties.title = texts.title
    book.properties.creator = texts.funder
    book.properties.language = lang_code
    book.properties.lastModifiedBy = None
    return book


DATED = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def _fixed_zip(data: bytes, moment) -> bytes:
    """The same archive with every entry, and the file's 'created' and 'modified' properties, dated at the build's
    moment, so a build under SOURCE_DATE_EPOCH is byte for byte the one before (openpyxl uses the clock)."""
    stamp = max(moment.timetuple()[:6], (1980, 1, 1, 0, 0, 0))
    modified = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            content = source.read(entry.filename)
            if entry.filename == "docProps/core.xml":
                content = DATED.sub(rb"\g<1>" + modified + rb"\g<2>", content)
            target.writestr(fixed, content)
    return out.getvalue()


def template_bytes(rule: Rule, texts: Texts, lang, moment) -> bytes:
    """The template, made once and kept in the user's cache by what shapes it (openpyxl is a third of a language's
    build), then dated at the build's moment."""
    formats = {**number_formats(lang), "percent": percent_format(rule, lang)}

    def make() -> bytes:
        buffer = io.BytesIO()
        workbook(rule, texts, lang.code, formats).save(buffer)
        return buffer.getvalue()

    shaped_by = (repr((rule, texts, formats, lang.code)), metadata.version("openpyxl"), Path(__file__).read_text(encoding="utf-8"))
    return _fixed_zip(kept("budget-templates", shaped_by, make), moment)


def write_budget_template(language_root: Path, prepared, lang) -> None:
    """A full language's template beside its pages (each language's build makes its own, in parallel)."""
    if not lang.full:
        return
    moment = prepared.moment
    made_on = fmt.format_date(moment.astimezone(zone_of(prepared.call)).date(), lang)
    data = template_bytes(rule_of(prepared.call), texts_for(prepared.call, lang, made_on), lang, moment)
    (language_root / download(lang, "budget").file).write_bytes(data)
