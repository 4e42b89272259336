"""Show literal values the way each language writes them (babel's CLDR data).

Numbers get the language's grouping and decimal marks (20 000 000 in Finnish, 20,000,000 in
English), dates its month names (16. syyskuuta 2019); other literals are shown as they are.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal

XSD = "http://www.w3.org/2001/XMLSchema#"
NUMBERS = {XSD + name for name in ("decimal", "integer", "double", "float", "int", "long", "nonNegativeInteger")}


def display(value, lang: str) -> str:
    """Format a describe.Value literal for *lang*; fall back to its lexical form."""
    text, datatype = value.text, value.datatype
    try:
        if datatype in NUMBERS:
            return format_decimal(Decimal(text), locale=lang)
        if datatype == XSD + "date":
            return format_date(datetime.date.fromisoformat(text), format="long", locale=lang)
        if datatype == XSD + "dateTime":
            return format_datetime(datetime.datetime.fromisoformat(text), format="long", locale=lang).rsplit(" ", 1)[0]
    except (ValueError, InvalidOperation):
        pass
    return text
