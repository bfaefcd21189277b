"""The enumerations of a procedure: channels, online service levels, results, fees, documents.

Their values are stable storage codes, written as they are in catalogue files.
"""

from __future__ import annotations

import enum

__all__ = [
    "BoundaryFreeScope",
    "Channel",
    "DocumentKind",
    "ExtensionMode",
    "FeePayable",
    "OnlineServiceLevel",
    "PartialOnlineReason",
    "ResultKind",
]


class Channel(enum.StrEnum):
    """A channel (cách thức thực hiện) through which a dossier is filed and its result returned.

    References:
        Decree 118/2025/NĐ-CP, Art. 15 (in person at a One-Stop Unit, by public postal
        service, online on the National Public Service Portal, as the procedure's own legal
        text allows); Art. 14(3)(a) (mobile receipt).
    """

    IN_PERSON = "in_person"  #: trực tiếp tại Bộ phận Một cửa
    POSTAL = "postal"  #: qua dịch vụ bưu chính công ích
    ONLINE = "online"  #: trực tuyến
    MOBILE_POINT = "mobile_point"  #: lưu động (mobile service point)


class OnlineServiceLevel(enum.StrEnum):
    """The online public service level (mức độ dịch vụ công trực tuyến) of a procedure.

    References:
        Decree 42/2022/NĐ-CP, Art. 11(1)(a)-(b) (until 30 June 2026); Decree 224/2026/NĐ-CP,
        Art. 14 (from 1 July 2026: a partial service must publish its reason).
    """

    FULL = "full"  #: toàn trình: filing, processing and result all online
    PARTIAL = "partial"  #: một phần: some step needs paper or presence
    NONE = "none"  #: no online public service


class BoundaryFreeScope(enum.StrEnum):
    """Where a dossier may be received regardless of administrative boundaries.

    ``PROVINCE`` is the legal default since 31 December 2025; ``NONE`` is an exclusion and must
    carry its reason (a province's list decision) in :attr:`Procedure.boundary_free_note`.

    References:
        Decree 118/2025/NĐ-CP, Art. 3(6)-(7) (the definitions), Art. 14(2) (within the
        province), Art. 40(4) (every procedure within the province by 31 December 2025);
        Art. 14(4) as added by Decree 309/2026/NĐ-CP Art. 7 (nationwide, from 5 August 2026).
    """

    NONE = "none"  #: only at the competent authority's own One-Stop Unit
    PROVINCE = "province"  #: any One-Stop Unit in the province (trong phạm vi cấp tỉnh)
    NATIONWIDE = "nationwide"  #: any One-Stop Unit in the country (Art. 14(4), from 5 Aug 2026)


class ResultKind(enum.StrEnum):
    """The form of a procedure's result (kết quả giải quyết).

    References:
        Decree 118/2025/NĐ-CP, Art. 22 (electronic results carry a document code and may be
        reused).
    """

    PAPER = "paper"  #: bản giấy
    ELECTRONIC = "electronic"  #: bản điện tử
    BOTH = "both"  #: paper and electronic


class FeePayable(enum.StrEnum):
    """When a fee or charge (phí, lệ phí) is paid."""

    ON_SUBMISSION = "on_submission"  #: khi nộp hồ sơ
    ON_RESULT = "on_result"  #: khi nhận kết quả


class DocumentKind(enum.StrEnum):
    """How a document of the dossier (thành phần hồ sơ) is supplied."""

    ORIGINAL = "original"  #: bản chính
    COPY = "copy"  #: bản sao (with the original shown for comparison)
    CERTIFIED_COPY = "certified_copy"  #: bản sao có chứng thực
    SHOWN = "shown"  #: xuất trình: shown to the officer, not kept


class PartialOnlineReason(enum.StrEnum):
    """Why a procedure is offered only as a partial online service (lý do cung cấp một phần).

    From 1 July 2026 a ministry or province that offers a procedure only partly online must
    publish on the National Public Service Portal the reason and the sector-law provision.

    References:
        Decree 224/2026/NĐ-CP, Art. 14.
    """

    PRESENCE_REQUIRED = "presence_required"  #: the law requires the applicant to be present
    ON_SITE_VERIFICATION = "on_site_verification"  #: the agency must verify on site
    TECHNICAL_INCIDENT = "technical_incident"  #: a technical incident not yet fixed
    OTHER_TECHNICAL = "other_technical"  #: other technical issues not yet solved


class ExtensionMode(enum.StrEnum):
    """What an extension's time means (thời hạn kéo dài).

    References:
        Decree 23/2015/NĐ-CP, Art. 21 ("kéo dài thêm không quá 02 ngày làm việc": two *more*
        working days on top of the Art. 7 limit) for ``ADDITIONAL``; Decree 217/2026/NĐ-CP,
        Art. 54(1)(b) (10 working days for works other than a house, instead of 7) for
        ``REPLACEMENT``.
    """

    ADDITIONAL = "additional"  #: more time than the base limit, added after its due instant
    REPLACEMENT = "replacement"  #: a longer limit instead, counted from the clock start
