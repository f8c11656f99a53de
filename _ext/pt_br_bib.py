"""Bibliografia em português: estilo de referências e de citações do pybtex.

- ``bibtex_default_style: plain_pt``: nomes ligados por "e", "others" vira *et al.*,
  "Em" em vez de "In", "Relatório técnico" em vez de "Technical Report".
- ``bibtex_reference_style: author_year_pt``: citações "Pearce e Song, 2024" e
  "Brown *et al.*, 2020" (o padrão do sphinxcontrib-bibtex escreve "and").
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pybtex.plugin
import sphinxcontrib.bibtex.plugin
from pybtex.richtext import Tag, Text
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.template import (
    FieldIsMissing,
    first_of,
    join,
    node,
    optional,
    optional_field,
    sentence,
    words,
)
from pybtex.style.template import field as bib_field
from sphinxcontrib.bibtex.style.referencing import PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

ET_AL = Text(" ", Tag("em", "et al."))


def _is_others(person) -> bool:
    return " ".join(person.last_names).strip().lower() == "others"


@node
def nomes(children, data, role):
    """Os nomes de ``role`` ligados por vírgulas e "e"; "others" vira *et al.*."""
    assert not children
    try:
        persons = data["entry"].persons[role]
    except KeyError:
        raise FieldIsMissing(role, data["entry"]) from None
    style = data["style"]
    real = [p for p in persons if not _is_others(p)]
    formatted = [style.format_name(p, style.abbreviate_names) for p in real]
    if len(real) < len(persons):  # lista truncada: "A, B, C et al."
        return Text(join(sep=", ")[formatted].format_data(data), ET_AL)
    return join(sep=", ", sep2=" e ", last_sep=" e ")[formatted].format_data(data)


class PlainPt(PlainStyle):
    """O estilo ``plain`` do pybtex com as palavras em português."""

    def format_names(self, role, as_sentence=True):
        return sentence[nomes(role)] if as_sentence else nomes(role)

    def get_inproceedings_template(self, e):
        return toplevel[
            sentence[self.format_names("author")],
            self.format_title(e, "title"),
            words[
                "Em",
                sentence[
                    optional[self.format_editor(e, as_sentence=False)],
                    self.format_btitle(e, "booktitle", as_sentence=False),
                    self.format_volume_and_series(e, as_sentence=False),
                ],
                self.format_address_organization_publisher_date(e),
            ],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        ]

    def get_techreport_template(self, e):
        return toplevel[
            sentence[self.format_names("author")],
            self.format_title(e, "title"),
            sentence[
                words[first_of[optional_field("type"), "Relatório técnico"],
                      optional_field("number")],
                bib_field("institution"),
                optional_field("address"),
                bib_field("year"),
            ],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        ]


@dataclass
class AuthorYearPt(AuthorYearReferenceStyle):
    """Autor-ano com "e" entre dois autores e *et al.* a partir de três."""

    person: PersonStyle = field(
        default_factory=lambda: PersonStyle(sep2=" e ", last_sep=" e ", other=ET_AL)
    )


def _biblio_roles(app, pagename, templatename, context, doctree) -> None:
    """O docutils marca cada referência com role="doc-biblioentry" dentro de uma lista
    (role="list"); leitores de tela (e o axe) esperam itens de lista ali."""
    body = context.get("body")
    if body and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


def setup(app):
    app.connect("html-page-context", _biblio_roles)
    pybtex.plugin.register_plugin("pybtex.style.formatting", "plain_pt", PlainPt)
    sphinxcontrib.bibtex.plugin.register_plugin(
        "sphinxcontrib.bibtex.style.referencing", "author_year_pt", AuthorYearPt)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
