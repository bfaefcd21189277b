"""The parties of a dossier: the applicant and the actors, with the instant check they share.

Personal data (identification numbers, names) never appears in ``repr``, ``str`` or error
messages: numbers are masked (``0790****1234``) and names are left out.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs

from adminflow.codes import mask_number, validate_personal_id, validate_tax_code
from adminflow.dossiers._status import Role
from adminflow.errors import InvalidValueError

__all__ = ["Actor", "Applicant", "ApplicantKind", "check_instant"]


def check_instant(field: str, value: object, *, optional: bool = False) -> dt.datetime | None:
    """``value`` if it is an aware datetime (or ``None`` when optional), else raise.

    Raises:
        InvalidValueError: Naming ``field``.
    """
    if value is None and optional:
        return None
    if not isinstance(value, dt.datetime):
        raise InvalidValueError(field, value, "must be a timezone-aware datetime")
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidValueError(field, value, "must be timezone-aware (naive datetimes refused)")
    return value


class ApplicantKind(enum.StrEnum):
    """Whether the applicant is a person or an organisation."""

    PERSON = "person"  #: cá nhân (personal identification number)
    ORGANISATION = "organisation"  #: tổ chức (tax code)


@attrs.frozen(slots=True, repr=False)
class Applicant:
    """The applicant (người nộp hồ sơ): a person or an organisation, by a validated number.

    Build one with :meth:`person` or :meth:`organisation`. ``repr`` and ``str`` mask the number
    and leave the name out.

    Attributes:
        kind: Person or organisation.
        number: A 12-digit personal identification number, or a tax code.
        name: The name, if given (never shown in ``repr``).

    Examples:
        >>> a = Applicant.person("079012341234", name="Nguyễn Văn A")
        >>> a
        Applicant(person, 0790****1234)
    """

    kind: ApplicantKind
    number: str
    name: str | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        kind: object = self.kind
        if not isinstance(kind, ApplicantKind):
            try:
                object.__setattr__(self, "kind", ApplicantKind(kind))  # type: ignore[arg-type]
            except (ValueError, TypeError):
                raise InvalidValueError(
                    "kind", self.kind, "must be person or organisation"
                ) from None
        if self.kind is ApplicantKind.PERSON:
            validate_personal_id(self.number, field="number")
        else:
            validate_tax_code(self.number, field="number")
        if self.name is not None and not isinstance(self.name, str):
            raise InvalidValueError("name", type(self.name).__name__, "must be a string")

    @classmethod
    def person(cls, number: str, *, name: str | None = None) -> Applicant:
        """A person with a validated 12-digit personal identification number.

        Raises:
            InvalidValueError: The number is malformed (the message masks it).
        """
        return cls(ApplicantKind.PERSON, number, name=name)

    @classmethod
    def organisation(cls, tax_code: str, *, name: str | None = None) -> Applicant:
        """An organisation with a validated tax code.

        Raises:
            InvalidValueError: The tax code is malformed (the message masks it).
        """
        return cls(ApplicantKind.ORGANISATION, tax_code, name=name)

    @property
    def masked(self) -> str:
        """The number with its middle hidden."""
        return mask_number(self.number)

    def __repr__(self) -> str:
        return f"Applicant({self.kind.value}, {self.masked})"

    __str__ = __repr__


def _to_role(value: Any) -> Any:
    if isinstance(value, str) and not isinstance(value, Role):
        try:
            return Role(value)
        except ValueError:
            return value
    return value


@attrs.frozen(slots=True, repr=False)
class Actor:
    """Who issues a command: an identity, a role and where they belong.

    Attributes:
        id: A stable identifier. For an applicant, their personal identification number or tax
            code, which must match the dossier's applicant (masked in ``repr``).
        role: Their role.
        unit_code: The administrative unit whose One-Stop Unit they work at (reception
            officers, heads of One-Stop Units).
        authority_id: The body they belong to (processing officers, signing leaders).

    Examples:
        >>> Actor("079012341234", Role.APPLICANT)
        Actor(applicant, 0790****1234)
        >>> Actor("officer-7", "reception_officer", unit_code="22366")
        Actor(reception_officer, officer-7, unit 22366)
    """

    id: str
    role: Role = attrs.field(converter=_to_role)
    unit_code: str | None = attrs.field(default=None, kw_only=True)
    authority_id: str | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id.strip():
            raise InvalidValueError("id", mask_number(self.id), "must be a non-empty string")
        if not isinstance(self.role, Role):
            raise InvalidValueError("role", self.role, f"must be one of {', '.join(Role)}")
        for field in ("unit_code", "authority_id"):
            value = getattr(self, field)
            if value is not None and not isinstance(value, str):
                raise InvalidValueError(field, value, "must be a string or None")

    @classmethod
    def system(cls) -> Actor:
        """The handling information system itself (automatic steps)."""
        return cls("system", Role.SYSTEM)

    def __repr__(self) -> str:
        shown = mask_number(self.id) if self.role is Role.APPLICANT else self.id
        where = f", unit {self.unit_code}" if self.unit_code else ""
        where += f", body {self.authority_id}" if self.authority_id else ""
        return f"Actor({self.role.value}, {shown}{where})"

    __str__ = __repr__
