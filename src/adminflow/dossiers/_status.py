"""Statuses, channels, roles and other vocabularies of the dossier workflow.

Every enum is a :class:`enum.StrEnum` whose values are stable storage codes: stores keep them,
indicators read them, and they never change meaning.
"""

from __future__ import annotations

import enum

__all__ = [
    "PORTAL_STATUS",
    "TERMINAL_STATUSES",
    "DossierStatus",
    "FilingChannel",
    "Outcome",
    "Role",
    "StepKind",
    "SupplementStage",
]


class DossierStatus(enum.StrEnum):
    """The status of a dossier (trạng thái hồ sơ).

    Each status maps to the synchronisation code of the National Public Service Portal
    (:data:`PORTAL_STATUS`, property :attr:`portal_code`).

    References:
        Decree 118/2025/NĐ-CP, Art. 17-23 (the steps), Art. 21(3) and 27(2)(d) (every status is
        kept and synchronised with the Portal). The Portal's codes 1-10 are the de-facto
        catalogue used by the Portal's integrations; no official text of it was found.
    """

    SUBMITTED = "submitted"
    """Filed, awaiting the reception check (mới đăng ký; chờ kiểm tra, tiếp nhận).
    Decree 118/2025 Art. 17(1)-(2)."""
    RETURNED_FOR_SUPPLEMENT = "returned_for_supplement"
    """Incomplete at reception, returned with a supplement slip (yêu cầu bổ sung, hoàn thiện hồ
    sơ khi tiếp nhận). Not received: no code, no clock. Art. 17(1)(c), 17(2)(a)."""
    REFUSED_AT_RECEPTION = "refused_at_reception"
    """Refused at reception with a refusal slip (từ chối tiếp nhận). Terminal. Art. 17(1)(c)."""
    RECEIVED = "received"
    """Received: receipt-and-appointment slip issued, code given, clock running (đã tiếp
    nhận). Art. 17(1)(c), 17(3)."""
    IN_TRANSFER = "in_transfer"
    """Paper dossier on its way to the competent agency (đang chuyển hồ sơ). Art. 18, 20."""
    IN_PROCESSING = "in_processing"
    """Being appraised by the competent agency, including its internal steps, verification,
    consultation and inter-agency steps (đang xử lý; thẩm định, lấy ý kiến, liên thông).
    Art. 19(1)-(4), 20(2)."""
    SUPPLEMENT_REQUESTED = "supplement_requested"
    """Not yet eligible after appraisal: supplement requested (yêu cầu bổ sung sau thẩm
    định). Art. 19(5)."""
    AWAITING_PAYMENT = "awaiting_payment"
    """Awaiting the financial obligation (chờ thực hiện nghĩa vụ tài chính). Art. 24(2) and
    sector law."""
    RESULT_READY = "result_ready"
    """Result signed and ready for return (đã xử lý xong, chờ trả kết quả). Art. 22(1)."""
    RESULT_RETURNED = "result_returned"
    """Result returned to the applicant (đã trả kết quả). Art. 22(3)."""
    REFUSED = "refused"
    """Refused after appraisal with written reasons (từ chối giải quyết). Terminal.
    Art. 19(3)."""
    STOPPED = "stopped"
    """Stopped at the applicant's request (dừng thực hiện theo yêu cầu). Terminal. Art. 21."""
    CLOSED_UNSUPPLEMENTED = "closed_unsupplemented"
    """Closed: not supplemented within 15 days of the notice (đóng hồ sơ). Terminal.
    Art. 19(5)."""
    IN_CORRECTION = "in_correction"
    """Returned result sent back for correction of an official's error (điều chỉnh kết quả do
    lỗi của công chức). Art. 23(1)."""

    @property
    def portal_code(self) -> int:
        """The National Public Service Portal's status code (1-10) for this status."""
        return PORTAL_STATUS[self]

    @property
    def is_terminal(self) -> bool:
        """Whether nothing more can happen to a dossier in this status."""
        return self in TERMINAL_STATUSES


#: Status -> National Public Service Portal synchronisation code (TrangThaiHoSo): 1 Mới đăng ký,
#: 2 Được tiếp nhận, 3 Không được tiếp nhận, 4 Đang xử lý, 5 Yêu cầu bổ sung giấy tờ, 6 Yêu cầu
#: thực hiện nghĩa vụ tài chính, 7 Công dân yêu cầu rút hồ sơ, 8 Dừng xử lý, 9 Đã xử lý xong,
#: 10 Đã trả kết quả. De-facto catalogue (the official specification, now a Ministry of Public
#: Security document under Decree 118/2025 Art. 26(3) as amended, was not found); kept in this
#: one table so that it can be corrected.
PORTAL_STATUS: dict[DossierStatus, int] = {
    DossierStatus.SUBMITTED: 1,
    DossierStatus.RETURNED_FOR_SUPPLEMENT: 5,
    DossierStatus.REFUSED_AT_RECEPTION: 3,
    DossierStatus.RECEIVED: 2,
    DossierStatus.IN_TRANSFER: 2,
    DossierStatus.IN_PROCESSING: 4,
    DossierStatus.SUPPLEMENT_REQUESTED: 5,
    DossierStatus.AWAITING_PAYMENT: 6,
    DossierStatus.RESULT_READY: 9,
    DossierStatus.RESULT_RETURNED: 10,
    DossierStatus.REFUSED: 8,
    DossierStatus.STOPPED: 7,
    DossierStatus.CLOSED_UNSUPPLEMENTED: 8,
    DossierStatus.IN_CORRECTION: 4,
}

#: Statuses that accept no command.
TERMINAL_STATUSES = frozenset(
    {
        DossierStatus.REFUSED_AT_RECEPTION,
        DossierStatus.REFUSED,
        DossierStatus.STOPPED,
        DossierStatus.CLOSED_UNSUPPLEMENTED,
    }
)


class FilingChannel(enum.StrEnum):
    """How a dossier was filed (cách thức nộp hồ sơ).

    References:
        Decree 118/2025/NĐ-CP, Art. 15 (in person, by post, online on the National Public
        Service Portal); Art. 3(9) and 17(2a) as added by Decree 309/2026/NĐ-CP (smart kiosk,
        identity checked through VNeID or a chip-card reader).
    """

    IN_PERSON = "in_person"  #: trực tiếp tại Bộ phận Một cửa
    POSTAL = "postal"  #: qua dịch vụ bưu chính
    ONLINE = "online"  #: trực tuyến trên Cổng Dịch vụ công quốc gia
    KIOSK = "kiosk"  #: ki-ốt thông minh

    @property
    def is_electronic(self) -> bool:
        """Whether the dossier arrives as an electronic dossier (online or kiosk)."""
        return self in (FilingChannel.ONLINE, FilingChannel.KIOSK)


class Outcome(enum.StrEnum):
    """Whether a finished dossier was early, on time or late against its appointment.

    References:
        Decree 118/2025/NĐ-CP, Art. 22(5) (early return encouraged), Art. 19(6) (dossiers
        expected to be late). The three categories are those of the reporting forms; adminflow
        reads them as: early = finished on a day before the appointment day, late = finished
        after the appointment instant, on time otherwise.
    """

    EARLY = "early"  #: trước hạn
    ON_TIME = "on_time"  #: đúng hạn
    LATE = "late"  #: quá hạn


class Role(enum.StrEnum):
    """Who acts on a dossier (vai trò)."""

    APPLICANT = "applicant"  #: tổ chức, cá nhân nộp hồ sơ
    RECEPTION_OFFICER = "reception_officer"  #: công chức tiếp nhận tại Bộ phận Một cửa
    PROCESSING_OFFICER = "processing_officer"  #: công chức xử lý của cơ quan có thẩm quyền
    SIGNING_LEADER = "signing_leader"  #: lãnh đạo ký duyệt
    ONE_STOP_HEAD = "one_stop_head"  #: người đứng đầu Bộ phận Một cửa
    SYSTEM = "system"  #: hệ thống thông tin giải quyết TTHC


class SupplementStage(enum.StrEnum):
    """When a supplement was requested: each stage allows one request listing everything.

    References:
        Decree 118/2025/NĐ-CP, Art. 11(2)(c), 16(3), 17(1)(c) (reception) and 19(5) (after
        appraisal).
    """

    RECEPTION = "reception"  #: khi tiếp nhận
    APPRAISAL = "appraisal"  #: sau thẩm định


class StepKind(enum.StrEnum):
    """A step of processing with its own responsible body and due instant."""

    INTERNAL = "internal"  #: bước trong quy trình nội bộ (Art. 19(1)-(3))
    CONSULTATION = "consultation"  #: lấy ý kiến, thẩm tra, xác minh (Art. 19(4))
    INTER_AGENCY = "inter_agency"  #: liên thông (Art. 20(2))
