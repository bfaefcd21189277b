"""Text folding for searching unit names: case, diacritics, tone placement, đ look-alikes."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["clean_name", "fold", "tone_key"]

#: Combining marks that carry a Vietnamese tone (thanh điệu): huyền, sắc, ngã, hỏi, nặng.
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_APOSTROPHES = re.compile(r"['’‘`ʼ]")
_NOT_WORD = re.compile(r"[^0-9a-z]+")


#: Letters written for đ/Đ: đ itself, and the look-alikes legacy encodings and keyboards produce
#: (Icelandic eth Ð/ð, African D Ɖ/ɖ), none of which decompose to d.
_D_LIKE = str.maketrans(dict.fromkeys("đĐðÐɖƉ", "d"))


def fold(text: str) -> str:
    """Fold text for search: no diacritics, đ as d, lower case, words split by single spaces.

    Compatibility forms are folded too (full-width ``ｈａ`` is ``ha``). Apostrophes vanish
    (``M’Drắk`` -> ``mdrak``); other punctuation separates words.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.translate(_D_LIKE).casefold()
    stripped = _APOSTROPHES.sub("", stripped)
    return _NOT_WORD.sub(" ", stripped).strip()


def tone_key(text: str) -> str:
    """Lower-case text whose tone marks are moved to the end of each word.

    The old (``Hoà``) and new (``Hòa``) tone placements give the same key, while ``Hoa`` and
    ``Hòa`` stay different. Used to prefer results whose diacritics match the query.
    """
    words = []
    for word in unicodedata.normalize("NFD", text.casefold()).split():
        tones = "".join(sorted(c for c in word if c in _TONE_MARKS))
        base = unicodedata.normalize("NFC", "".join(c for c in word if c not in _TONE_MARKS))
        words.append(base + tones)
    return " ".join(words)


def clean_name(name: str) -> str:
    """NFC-normalise a name and collapse runs of whitespace (the package has a few doubles)."""
    return " ".join(unicodedata.normalize("NFC", name).split())
