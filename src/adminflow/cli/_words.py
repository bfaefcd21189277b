"""Words for storage codes in human output (``--json`` keeps the codes)."""

from __future__ import annotations

import enum

__all__ = ["words"]

#: Codes whose words are not the code with spaces.
_WORDS: dict[str, str] = {
    "tinh": "tỉnh",
    "thanh_pho_truc_thuoc_trung_uong": "thành phố trực thuộc trung ương",
    "xa": "xã",
    "phuong": "phường",
    "dac_khu": "đặc khu",
    "peoples_committee": "people's committee",
    "peoples_committee_chair": "chairman of the people's committee",
    "competent_agency_receipt": "when the competent agency receives the dossier",
    "receipt": "at receipt by the one-stop unit",
    "competent_unit": "at the competent body's own one-stop unit",
    "within_province": "boundary-free, within the province",
    "nationwide": "boundary-free, nationwide",
}


def words(code: enum.Enum | str | None) -> str:
    """The words for a storage code: ``thanh_pho_truc_thuoc_trung_uong`` -> the Vietnamese."""
    if code is None:
        return ""
    text = str(code.value if isinstance(code, enum.Enum) else code)
    return _WORDS.get(text, text.replace("_", " "))
