"""Every single fact of the call, once: the name a page asks for it by, where it lives in the data, its kind,
and whether the public log of changes follows it.

Whatever needs to know the facts reads this table: the names pages use (`view.facts`, `{{ call.max_support }}`),
the public log of changes (`history`, `changes`), the fact finder (`tools/factfinder.py`, which spots each
kind typed by hand) and the README's list of names (a test holds it to the table).

- A new fact: a row here (its kind says how it is drawn in every language and how it is spotted), its field
  in the schema, and a line in the README's table of names.
- A kind is drawn by `view.draw_fact` and formatted in the change log and the feed by `changes.fact_text`; a kind the fact
  finder knows (KINDS_SPOTTED) is searched for in every form the languages write it.
"""

from __future__ import annotations

from dataclasses import dataclass

# The kinds of fact: how each is drawn on a page (macros/view.py, draw_fact).
KINDS = (
    "text",            # a text of the data in every language ({sv: …, en: …})
    "money",           # whole kronor: "800 000 kr", "SEK 800,000"
    "money_in_words",  # the same with its unit written out, for easy-to-read text
    "percent",         # "75 %", "75%"
    "percent_in_words",
    "months",          # "12 månader", "12 months"
    "date",            # a day, in <time>
    "closing_date",    # the closing day, with the closing time where the data gives one
    "time",            # a time of day
    "named_link",      # {name: {…}, url}: the name, linked where the data has an address
    "choice",          # a name in the authoritative language, quoted and marked as such in every language
    "person",          # a name, as written
    "email",
    "phone",
    "role_contact",    # who answers for a role (the path names the role)
    "guidelines",      # the funder's guidelines, linked where the data has their address
    "complaint_link",  # an address shown as itself
    "value",           # a value of the data as it is (a keyword)
    "speaks_language", # "yes" where the contact answers in the page's language
)
# The kinds the fact finder spots typed by hand (tools/factfinder.py).
KINDS_SPOTTED = ("money", "percent", "months", "date", "closing_date", "person", "email", "phone")


@dataclass(frozen=True)
class Fact:
    name: str  # what a page asks for: {{ call.<name> }}
    path: str  # its place in call.yml: "funding.max_support_sek"
    kind: str  # one of KINDS
    # The public log lists its changes: "" not, "value" the value at path, "languages" its text in every
    # language, "source" its text in the authoritative language, or the path of a part ("application.eservice.url").
    history: str = ""

    @property
    def spotted(self) -> bool:
        return self.kind in KINDS_SPOTTED


# What every call of a site has from the site's file (site.yml), under the same names in the call as loaded
# (macros/call_data.py): the facts at these paths are the site's, and the site's own pages may ask for them.
SITE_FACTS = ("funder", "role_contacts", "accessibility")

FACTS = (
    Fact("title", "title", "text", history="languages"),
    Fact("funder", "funder.name", "text"),  # the site's (site.yml): not in the call's own log
    Fact("funder_genitive", "funder.name_genitive", "text"),
    Fact("region", "region", "text"),
    Fact("summary", "summary", "text"),
    Fact("max_support", "funding.max_support_sek", "money", history="value"),
    Fact("max_rate", "funding.max_rate_percent", "percent", history="value"),
    Fact("max_support_in_words", "funding.max_support_sek", "money_in_words"),
    Fact("max_rate_in_words", "funding.max_rate_percent", "percent_in_words"),
    Fact("max_project_length", "max_project_months", "months", history="value"),
    Fact("opens", "window.opens", "date", history="value"),
    Fact("closes", "window.closes", "closing_date", history="value"),
    Fact("closes_time", "window.closes_time", "time", history="value"),
    Fact("published", "published", "date"),
    Fact("questions_until", "questions_until", "date"),
    Fact("guidelines", "funding.guidelines", "guidelines"),
    Fact("eservice", "application.eservice", "named_link", history="application.eservice.url"),
    Fact("eservice_operator", "application.eservice_operator", "named_link"),
    Fact("eservice_choice", "application.choice", "choice", history="value"),
    Fact("contact_name", "contact.name", "person", history="value"),
    Fact("contact_email", "contact.email", "email", history="value"),
    Fact("contact_phone", "contact.phone", "phone", history="value"),
    Fact("contact_speaks_language", "contact.languages", "speaks_language"),
    Fact("personal_data_contact", "role_contacts.personal_data", "role_contact"),
    Fact("accessibility_contact", "role_contacts.accessibility", "role_contact"),
    Fact("accessibility_compliance", "accessibility.compliance", "value"),
    Fact("accessibility_assessed_on", "accessibility.assessed_on", "date"),
    Fact("accessibility_updated_on", "accessibility.updated_on", "date"),
    Fact("complaint_link", "accessibility.complaint_url", "complaint_link"),
)


def value_at(call: dict, path: str):
    """The data at a dotted path, or None where any part of it is missing."""
    node = call
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def tracked(codes: tuple[str, ...], source: str) -> list[tuple[str, Fact]]:
    """(path in call.yml, fact) for every value the public log of changes follows, in the table's order."""
    found = []
    for fact in FACTS:
        if fact.history == "value":
            found.append((fact.path, fact))
        elif fact.history == "languages":
            found += [(f"{fact.path}.{code}", fact) for code in codes]
        elif fact.history == "source":
            found.append((f"{fact.path}.{source}", fact))
        elif fact.history:
            found.append((fact.history, fact))
    return found


def translation_paths(codes: tuple[str, ...], source: str) -> set[str]:
    """The tracked texts of languages other than the authoritative one: a translation added is not a change."""
    return {f"{fact.path}.{code}" for fact in FACTS if fact.history == "languages" for code in codes if code != source}


def spotted() -> list[Fact]:
    """The facts the fact finder looks for, one per place in the data."""
    seen, found = set(), []
    for fact in FACTS:
        if fact.spotted and fact.path not in seen:
            seen.add(fact.path)
            found.append(fact)
    return found
