"""The one date rule of the locality format, for quoted and unquoted dates alike.

A date is written year-month-day in digits, ``2026-06-30``. Month and day may have one digit
(``2026-9-1``): such a date is read as the day it names, with a warning that asks for the
two-digit form (older releases read it unquoted only; ``validate --fix`` adds the zeros). Any
other way of writing a day (day first, month names, typographic dashes) is refused with the
date written the right way. Standard library only.
"""

from __future__ import annotations

from datetime import date

MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
#: Dashes office software puts where a hyphen was typed (Word's autocorrect, Excel's export).
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_ORDINALS = ("st", "nd", "rd", "th")


def _parts(text: str, separator: str) -> list[str] | None:
    parts = text.split(separator)
    if len(parts) == 3 and all(part.isascii() and part.isdigit() for part in parts):
        return parts
    return None


def _day(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def calendar_day(text: str) -> date | None:
    """The day ``YYYY-MM-DD`` (or ``YYYY-M-D``) names; None for any other text or no such day."""
    parts = _parts(text, "-")
    if parts is None or len(parts[0]) != 4 or not all(1 <= len(part) <= 2 for part in parts[1:]):
        return None
    return _day(*parts)


def is_padded(text: str) -> bool:
    """Written with a two-digit month and day, as ``date.isoformat`` would."""
    return len(text) == 10


def _month(word: str) -> int | None:
    word = word.lower().rstrip(".,")
    for number, name in enumerate(MONTHS, 1):
        if len(word) >= 3 and name.startswith(word):
            return number
    return None


def _number(word: str) -> str | None:
    word = word.rstrip(".,")
    for suffix in _ORDINALS:
        word = word.removesuffix(suffix)
    return word if word.isascii() and word.isdigit() and len(word) <= 4 else None


def _written_out(text: str) -> date | None:
    """``30 June 2026``, ``30th June 2026``, ``June 30, 2026``; None otherwise."""
    words = text.replace(",", " ").split()
    if len(words) != 3:
        return None
    for day_at, month_at in ((0, 1), (1, 0)):
        month, day, year = _month(words[month_at]), _number(words[day_at]), _number(words[2])
        if month and day and year and len(year) == 4:
            return _day(year, str(month), day)
    return None


def date_slip(text: str) -> tuple[str, date | None] | None:
    """How a date written another way slipped, and the day meant (None when no such day).

    None when ``text`` is not recognisably a date at all. Day-first dates are read the UK way
    (``01/02/2026`` is 1 February), and the message says so.
    """
    if any(dash in text for dash in DASHES):
        for dash in DASHES:
            text = text.replace(dash, "-")
        day = calendar_day(text)
        return ("is written with a typographic dash instead of a hyphen", day) if day else None
    for separator in "/.":
        parts = _parts(text, separator)
        if parts and len(parts[2]) == 4:
            return ("is written day first", _day(parts[2], parts[1], parts[0]))
        if parts and len(parts[0]) == 4:
            return ("is written with the wrong separator", _day(*parts))
    day = _written_out(text)
    return ("is written out in words", day) if day else None


__all__ = ["DASHES", "calendar_day", "date_slip", "is_padded"]
