"""Codes (mã): procedure codes, electronic agency identifiers and dossier codes.

Three kinds of code travel between one-stop systems and the National Public Service Portal:

* the **procedure code** (mã thủ tục hành chính) of the National Database on Administrative
  Procedures, e.g. ``2.000635`` or, localised by a province, ``1.013868.H41``;
* the **electronic agency identifier** (mã định danh điện tử của cơ quan, tổ chức) of Decision
  20/2020/QĐ-TTg, e.g. ``H41`` (a level-1 unit), ``H41.05`` (its level-2 unit) or, in the older
  QCVN 102:2016 layout still used by most systems, ``000.00.00.H41``;
* the **dossier code** (mã hồ sơ), built from the agency identifier, the receipt date and a
  sequence number, in the 2018 layout ``000.00.04.H41-250701-0001`` or the layout of the codes
  issued in 2026, ``G09.20-20260609-0092637``.

References:
    Decision 20/2020/QĐ-TTg, Art. 3–4 (agency identifiers: at most 35 characters, groups
    separated by dots, the level-1 code ``MX1X2`` listed in Appendix I).
    Circular 01/2018/TT-VPCP, Art. 16(2)(a) (procedure codes), Art. 19 (dossier code).
    Decree 118/2025/NĐ-CP, Art. 28 (dossier code: identifier of the competent agency, receipt
    date and sequence number); Decree 309/2026/NĐ-CP, Art. 12(2) (adds Art. 35(2)(g): the
    Ministry of Public Security issues uniform dossier-code rules — no such rule was found).
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
import re

import attrs

from adminflow.errors import InvalidValueError

__all__ = [
    "DOSSIER_CODE_2026_FROM",
    "MAX_AGENCY_CODE_LENGTH",
    "AgencyCode",
    "AgencyCodeLayout",
    "DossierCode",
    "DossierCodeLayout",
    "parse_agency_code",
    "parse_dossier_code",
    "validate_agency_code",
    "validate_procedure_code",
]

#: Longest agency identifier allowed (Decision 20/2020/QĐ-TTg, Art. 4(1)).
MAX_AGENCY_CODE_LENGTH = 35

# re.ASCII: ``\d`` is 0-9 only, not any Unicode digit (``"H٤١"`` is not an identifier).
_LEVEL1 = re.compile(r"[A-Y]\d{2}", re.ASCII)
_SUBLEVEL = re.compile(r"[0-9A-Z]+")
_QCVN = re.compile(r"(\d{3})\.(\d{2})\.(\d{2})\.([A-Y]\d{2})", re.ASCII)
_QCVN_WIDTHS = (2, 2, 3)  # widths of the level-2, level-3 and level-4 groups (Y, Z, V)
_PROCEDURE_CODE = re.compile(r"\d\.\d{6}(?:\.(?:\d{3}\.\d{2}\.\d{2}\.)?[A-Z]\d{2})?", re.ASCII)
_DOSSIER_CODE_2018 = re.compile(r"(.+)-(\d{2})(\d{2})(\d{2})-(\d{4})", re.ASCII)
_DOSSIER_CODE_2026 = re.compile(r"(.+)-(\d{4})(\d{2})(\d{2})-(\d{7})", re.ASCII)


def validate_procedure_code(code: object, *, field: str = "code") -> str:
    """Check a procedure code (mã thủ tục hành chính) and return it unchanged.

    A code of the National Database on Administrative Procedures is one digit, a dot and six
    digits (``2.000635``). A province that localises a procedure appends a dot and its agency
    identifier, either the level-1 code alone (``1.013868.H41``) or in the QCVN 102:2016 layout
    (``1.011442.000.00.00.H38``). The code is opaque: no meaning is derived from its parts.

    Args:
        code: The candidate code.
        field: Field name used in the error message.

    Returns:
        The code, unchanged.

    Raises:
        InvalidValueError: If ``code`` is not a string of that shape.

    References:
        Circular 01/2018/TT-VPCP, Art. 16(2)(a) (codes synchronised from the national database);
        the shape is the one observed on the national and provincial portals.

    Examples:
        >>> validate_procedure_code("1.013868.H41")
        '1.013868.H41'
        >>> validate_procedure_code("2.000635")
        '2.000635'
        >>> validate_procedure_code("2.635")
        Traceback (most recent call last):
        ...
        adminflow.errors.InvalidValueError: code: must look like 1.234567 or 1.234567.H41, ...
    """
    if not isinstance(code, str) or _PROCEDURE_CODE.fullmatch(code) is None:
        raise InvalidValueError(field, code, "must look like 1.234567 or 1.234567.H41")
    return code


class AgencyCodeLayout(enum.StrEnum):
    """How the groups of an agency identifier are written (cách viết mã định danh).

    Decision 20/2020/QĐ-TTg (Art. 4(1)) writes the groups from left to right, level 1 first:
    ``H41.05.12``. The national technical regulation QCVN 102:2016/BTTTT, still used by most
    one-stop systems and in dossier codes (Circular 01/2018/TT-VPCP, Art. 19), writes four
    fixed-width groups ``V1V2V3.Z1Z2.Y1Y2.MX1X2`` with level 1 last and zeros for "none":
    ``000.00.05.H41``.
    """

    LEVEL_FIRST = "level_first"  #: ``H41.05.12`` (Decision 20/2020/QĐ-TTg)
    QCVN_102 = "qcvn_102"  #: ``000.12.05.H41`` (QCVN 102:2016/BTTTT)


def _check_sublevels(sublevels: tuple[str, ...], layout: AgencyCodeLayout) -> None:
    if layout is AgencyCodeLayout.QCVN_102:
        if len(sublevels) != 3:
            raise InvalidValueError("sublevels", sublevels, "QCVN 102 layout has exactly 3")
        for group, width in zip(sublevels, _QCVN_WIDTHS, strict=True):
            if not isinstance(group, str) or not (group.isascii() and group.isdigit()):
                raise InvalidValueError("sublevels", sublevels, "groups must be digits")
            if len(group) != width:
                raise InvalidValueError("sublevels", sublevels, "groups must be 2, 2, 3 wide")
        nonzero = [set(group) != {"0"} for group in sublevels]
        if any(later and not earlier for earlier, later in itertools.pairwise(nonzero)):
            raise InvalidValueError("sublevels", sublevels, "a sub-unit needs its parent's group")
        return
    for group in sublevels:
        if not isinstance(group, str) or _SUBLEVEL.fullmatch(group) is None:
            raise InvalidValueError("sublevels", sublevels, "groups must be 0-9 or A-Z")


@attrs.frozen
class AgencyCode:
    """An electronic agency identifier (mã định danh điện tử của cơ quan, tổ chức).

    Build one with :func:`parse_agency_code`; ``str(code)`` writes it back exactly.

    Attributes:
        level1: The level-1 code ``MX1X2`` (a letter A–Y and two digits) of the ministry,
            sector or province, from Appendix I of Decision 20/2020/QĐ-TTg, e.g. ``"H41"``.
        sublevels: The groups below level 1, in hierarchy order (level 2 first). In the
            QCVN 102 layout always three groups ``(Y1Y2, Z1Z2, V1V2V3)``, zeros meaning "none".
        layout: How the identifier is written.

    References:
        Decision 20/2020/QĐ-TTg, Art. 3–4; QCVN 102:2016/BTTTT (layout ``V.Z.Y.M``).

    Examples:
        >>> code = parse_agency_code("000.00.05.H41")
        >>> code.level1, code.path, code.level
        ('H41', ('H41', '05'), 2)
        >>> str(code.parent)
        '000.00.00.H41'
    """

    level1: str
    sublevels: tuple[str, ...] = ()
    layout: AgencyCodeLayout = AgencyCodeLayout.LEVEL_FIRST

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.level1, str) or _LEVEL1.fullmatch(self.level1) is None:
            raise InvalidValueError("level1", self.level1, "must be a letter A-Y and 2 digits")
        if not isinstance(self.layout, AgencyCodeLayout):
            raise InvalidValueError("layout", self.layout, "must be an AgencyCodeLayout")
        if not isinstance(self.sublevels, tuple):
            raise InvalidValueError("sublevels", self.sublevels, "must be a tuple of strings")
        _check_sublevels(self.sublevels, self.layout)
        text = str(self)
        if len(text) > MAX_AGENCY_CODE_LENGTH:
            raise InvalidValueError("code", text, f"must be at most {MAX_AGENCY_CODE_LENGTH} long")

    @property
    def path(self) -> tuple[str, ...]:
        """The groups from level 1 down to this unit; QCVN trailing zero groups are dropped."""
        groups = (self.level1, *self.sublevels)
        if self.layout is AgencyCodeLayout.QCVN_102:
            while len(groups) > 1 and set(groups[-1]) == {"0"}:
                groups = groups[:-1]
        return groups

    @property
    def level(self) -> int:
        """The unit's level in the identifier tree: 1 for a ministry or a province."""
        return len(self.path)

    @property
    def parent(self) -> AgencyCode | None:
        """The identifier of the unit one level up, or ``None`` at level 1."""
        depth = self.level - 1
        if depth == 0:
            return None
        if self.layout is AgencyCodeLayout.QCVN_102:
            zeros = tuple("0" * w for w in _QCVN_WIDTHS)
            kept = self.sublevels[: depth - 1] + zeros[depth - 1 :]
            return AgencyCode(self.level1, kept, self.layout)
        return AgencyCode(self.level1, self.sublevels[:-1], self.layout)

    def is_within(self, other: AgencyCode | str) -> bool:
        """Whether this unit is ``other`` or one of its sub-units (whatever the layouts).

        Args:
            other: An identifier, parsed or as text.

        Raises:
            InvalidValueError: If ``other`` is not a well-formed identifier.

        Examples:
            >>> parse_agency_code("H41.05").is_within(parse_agency_code("000.00.00.H41"))
            True
            >>> parse_agency_code("H41.05").is_within("H42")
            False
        """
        given: object = other
        if not isinstance(given, AgencyCode):
            given = parse_agency_code(given, field="other")
        return self.path[: given.level] == given.path

    def __str__(self) -> str:
        if self.layout is AgencyCodeLayout.QCVN_102:
            y, z, v = self.sublevels
            return f"{v}.{z}.{y}.{self.level1}"
        return ".".join((self.level1, *self.sublevels))


def parse_agency_code(text: object, *, field: str = "agency_code") -> AgencyCode:
    """Parse an electronic agency identifier (mã định danh điện tử) in either layout.

    ``H41.05.12`` (level 1 first, Decision 20/2020/QĐ-TTg) and ``000.12.05.H41``
    (QCVN 102:2016, level 1 last) are both accepted. At most 35 characters: digits, upper-case
    letters A–Z and dots; the level-1 group is a letter A–Y followed by two digits.

    Args:
        text: The identifier.
        field: Field name used in the error message.

    Returns:
        The parsed identifier; ``str()`` of it gives ``text`` back.

    Raises:
        InvalidValueError: If ``text`` is not a well-formed identifier.

    References:
        Decision 20/2020/QĐ-TTg, Art. 4(1)–(3); QCVN 102:2016/BTTTT.

    Examples:
        >>> parse_agency_code("H41.05").path
        ('H41', '05')
        >>> parse_agency_code("h41")
        Traceback (most recent call last):
        ...
        adminflow.errors.InvalidValueError: agency_code: ... got 'h41'
    """
    if not isinstance(text, str):
        raise InvalidValueError(field, text, "must be a string")
    if len(text) > MAX_AGENCY_CODE_LENGTH:
        raise InvalidValueError(field, text, f"must be at most {MAX_AGENCY_CODE_LENGTH} long")
    qcvn = _QCVN.fullmatch(text)
    if qcvn is not None:
        v, z, y, level1 = qcvn.groups()
        try:
            return AgencyCode(level1, (y, z, v), AgencyCodeLayout.QCVN_102)
        except InvalidValueError as exc:
            raise InvalidValueError(field, text, exc.reason) from exc
    groups = text.split(".")
    if _LEVEL1.fullmatch(groups[0]) is None:
        raise InvalidValueError(
            field, text, "must start with a level-1 code like H41 or look like 000.00.00.H41"
        )
    if not all(_SUBLEVEL.fullmatch(g) for g in groups[1:]):
        raise InvalidValueError(field, text, "groups after level 1 must be 0-9 or A-Z")
    return AgencyCode(groups[0], tuple(groups[1:]), AgencyCodeLayout.LEVEL_FIRST)


def validate_agency_code(text: object, *, field: str = "agency_code") -> str:
    """Check an electronic agency identifier and return it unchanged.

    Examples:
        >>> validate_agency_code("000.00.00.H49")
        '000.00.00.H49'
    """
    parse_agency_code(text, field=field)
    assert isinstance(text, str)  # parse_agency_code raised otherwise
    return text


class DossierCodeLayout(enum.StrEnum):
    """How a dossier code (mã hồ sơ) is written.

    References:
        Circular 01/2018/TT-VPCP, Art. 19 (the 2018 layout). The 2026 layout has no legal text
        that adminflow could find: it is the layout of the codes the National Public Service
        Portal issues in 2026 (e.g. ``G09.20-20260609-0092637``, seen in a public 2026 NPSP
        integration sample). Decree 118/2025/NĐ-CP Art. 28(2) names the parts but no layout.
    """

    CIRCULAR_01_2018 = "circular_01_2018"  #: ``<agency>-YYMMDD-XXXX`` (4-digit daily number)
    NPSP_2026 = "npsp_2026"  #: ``<agency>-YYYYMMDD-NNNNNNN`` (7-digit number)


#: First receipt day for which :meth:`DossierCode.generate` writes the 2026 layout. No legal
#: source fixes a switch date: the codes observed in 2026 use the new layout, so adminflow
#: switches on 1 January 2026 (pass ``layout=`` to choose otherwise).
DOSSIER_CODE_2026_FROM = dt.date(2026, 1, 1)

_MAX_SEQUENCE = {DossierCodeLayout.CIRCULAR_01_2018: 9999, DossierCodeLayout.NPSP_2026: 9_999_999}
_YEARS = {
    DossierCodeLayout.CIRCULAR_01_2018: (2000, 2099),
    DossierCodeLayout.NPSP_2026: (2000, 9999),
}


def _layout(value: object) -> DossierCodeLayout:
    if isinstance(value, DossierCodeLayout):
        return value
    if isinstance(value, str):
        try:
            return DossierCodeLayout(value)
        except ValueError:
            pass
    choices = ", ".join(layout.value for layout in DossierCodeLayout)
    raise InvalidValueError("layout", value, f"must be one of {choices}")


@attrs.frozen
class DossierCode:
    """A dossier code (mã hồ sơ): agency identifier, receipt date and sequence number.

    Two layouts are in use, and a code keeps the one it was written in (``str()`` gives the
    text back):

    * ``<agency>-YYMMDD-XXXX`` (Circular 01/2018/TT-VPCP Art. 19), e.g.
      ``000.00.04.H41-250701-0001``: a two-digit year and a daily number of 4 digits;
    * ``<agency>-YYYYMMDD-NNNNNNN``, the codes issued in 2026, e.g.
      ``G09.20-20260609-0092637``: a four-digit year and a 7-digit number (whether it counts
      per unit and day or portal-wide is not known).

    Attributes:
        agency: Identifier of the agency (competent to resolve since 1 July 2025).
        received_on: Receipt date (2000–2099 in the 2018 layout, which keeps two digits).
        sequence: Number of the dossier: 1–9999 (2018 layout), 1–9,999,999 (2026 layout).
        layout: How the code is written.

    References:
        Circular 01/2018/TT-VPCP, Art. 19 (``V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX``);
        Decree 118/2025/NĐ-CP, Art. 28(2) (components of the code). No legal text for the 2026
        layout was found; see :class:`DossierCodeLayout`.

    Examples:
        >>> code = parse_dossier_code("000.00.04.H41-250701-0001")
        >>> code.received_on, code.sequence, code.layout.value
        (datetime.date(2025, 7, 1), 1, 'circular_01_2018')
        >>> str(parse_dossier_code("G09.20-20260609-0092637"))
        'G09.20-20260609-0092637'
    """

    agency: AgencyCode
    received_on: dt.date
    sequence: int
    layout: DossierCodeLayout = attrs.field(
        default=DossierCodeLayout.CIRCULAR_01_2018, converter=_layout
    )

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.agency, AgencyCode):
            raise InvalidValueError("agency", self.agency, "must be an AgencyCode")
        if not isinstance(self.received_on, dt.date) or isinstance(self.received_on, dt.datetime):
            raise InvalidValueError("received_on", self.received_on, "must be a date")
        first, last = _YEARS[self.layout]
        if not first <= self.received_on.year <= last:
            raise InvalidValueError(
                "received_on", self.received_on, f"must be in {first}-{last} in this layout"
            )
        if isinstance(self.sequence, bool) or not isinstance(self.sequence, int):
            raise InvalidValueError("sequence", self.sequence, "must be an integer")
        highest = _MAX_SEQUENCE[self.layout]
        if not 1 <= self.sequence <= highest:
            raise InvalidValueError("sequence", self.sequence, f"must be 1-{highest:,}")

    @classmethod
    def generate(
        cls,
        agency: AgencyCode | str,
        received_on: dt.date,
        sequence: int,
        *,
        layout: DossierCodeLayout | str | None = None,
    ) -> DossierCode:
        """A new dossier code, in the layout in use on ``received_on`` unless ``layout`` is given.

        Receipts from :data:`DOSSIER_CODE_2026_FROM` (1 January 2026) get the 2026 layout
        ``<agency>-YYYYMMDD-NNNNNNN``; earlier ones the 2018 layout ``<agency>-YYMMDD-XXXX``.

        Args:
            agency: The agency identifier, parsed or as text.
            received_on: The receipt date.
            sequence: The number of the dossier (kept by the caller's store).
            layout: The layout to write, instead of the one chosen by date.

        Raises:
            InvalidValueError: A malformed agency, date, sequence or layout.

        Examples:
            >>> import datetime as dt
            >>> str(DossierCode.generate("G09.20", dt.date(2026, 6, 9), 92637))
            'G09.20-20260609-0092637'
            >>> str(DossierCode.generate("000.00.04.H41", dt.date(2025, 7, 1), 1))
            '000.00.04.H41-250701-0001'
        """
        parsed = agency if isinstance(agency, AgencyCode) else parse_agency_code(agency)
        if layout is None:
            day: object = received_on
            if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
                raise InvalidValueError("received_on", received_on, "must be a date")
            chosen = (
                DossierCodeLayout.NPSP_2026
                if received_on >= DOSSIER_CODE_2026_FROM
                else DossierCodeLayout.CIRCULAR_01_2018
            )
        else:
            chosen = _layout(layout)
        return cls(parsed, received_on, sequence, chosen)

    def __str__(self) -> str:
        on = self.received_on  # no strftime: the digits only (a hot path of every receipt)
        if self.layout is DossierCodeLayout.NPSP_2026:
            return f"{self.agency}-{on.year:04d}{on.month:02d}{on.day:02d}-{self.sequence:07d}"
        return f"{self.agency}-{on.year % 100:02d}{on.month:02d}{on.day:02d}-{self.sequence:04d}"


def parse_dossier_code(text: object, *, field: str = "dossier_code") -> DossierCode:
    """Parse a dossier code (mã hồ sơ) in either layout, keeping the layout.

    ``<agency>-YYMMDD-XXXX`` (Circular 01/2018/TT-VPCP Art. 19) and
    ``<agency>-YYYYMMDD-NNNNNNN`` (codes issued in 2026) are both accepted.

    Args:
        text: The code.
        field: Field name used in the error message.

    Returns:
        The parsed code; ``str()`` of it gives ``text`` back.

    Raises:
        InvalidValueError: If ``text`` is not a well-formed dossier code.

    References:
        Circular 01/2018/TT-VPCP, Art. 19; Decree 118/2025/NĐ-CP, Art. 28; the 2026 layout as
        issued by the National Public Service Portal (no legal text found).

    Examples:
        >>> code = parse_dossier_code("G09.20-20260609-0092637")
        >>> code.layout.value, code.received_on, code.sequence
        ('npsp_2026', datetime.date(2026, 6, 9), 92637)
    """
    if not isinstance(text, str):
        raise InvalidValueError(field, text, "must be a string")
    layout = DossierCodeLayout.CIRCULAR_01_2018
    match = _DOSSIER_CODE_2018.fullmatch(text)
    if match is None:
        layout = DossierCodeLayout.NPSP_2026
        match = _DOSSIER_CODE_2026.fullmatch(text)
    if match is None:
        raise InvalidValueError(
            field,
            text,
            "must look like 000.00.04.H41-250701-0001 or G09.20-20260609-0092637",
        )
    agency_text, year, mm, dd, seq = match.groups()
    try:
        agency = parse_agency_code(agency_text)
        century = 2000 if layout is DossierCodeLayout.CIRCULAR_01_2018 else 0
        received_on = dt.date(century + int(year), int(mm), int(dd))
    except (InvalidValueError, ValueError) as exc:
        raise InvalidValueError(field, text, f"invalid part: {exc}") from exc
    try:
        return DossierCode(agency, received_on, int(seq), layout)
    except InvalidValueError as exc:
        raise InvalidValueError(field, text, f"{exc.field} {exc.reason}") from exc
