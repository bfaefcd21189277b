"""Sources and regimes corrected by issue 8 (points 8, 9, 11)."""

import datetime as dt

import attrs
import pytest

from adminflow.calendar import DayKind, WorkingCalendar
from adminflow.competence import classify_online_service, online_service_regime
from adminflow.errors import InvalidValueError
from adminflow.jurisdictions import Level
from adminflow.procedures import Catalog, Channel, PartialOnlineReason

VN = WorkingCalendar.vietnam()


class TestCultureDayInLieu:
    def test_the_day_in_lieu_does_not_rest_on_article_111_alone(self) -> None:
        """Mon 26 Nov 2029 (24 Nov is a Saturday) is a day in lieu citing Resolution 28/2026."""
        note = next(n for n in VN.notes_between(dt.date(2029, 11, 26), dt.date(2029, 11, 26)))

        assert note.kind is DayKind.SUBSTITUTE
        assert "Resolution 28/2026/QH16" in note.source
        assert "covers only the Art. 112(1) holidays" in note.source
        assert not VN.is_working_day(dt.date(2029, 11, 26))


class TestCitations:
    def test_channels_cite_article_15(self) -> None:
        """The channels cite Decree 118/2025 Art. 15, not the Art. 3(6) definition."""
        assert Channel.__doc__ is not None
        assert "Art. 15" in Channel.__doc__
        assert "Art. 3(6)" not in Channel.__doc__

    def test_the_end_of_the_district_level_cites_resolution_203(self) -> None:
        """A district-level entry that does not end by 1 July 2025 cites Resolution 203/2025."""
        birth = Catalog.sample().get("1.001193")

        with pytest.raises(InvalidValueError) as caught:
            attrs.evolve(birth, level=Level.DISTRICT)

        assert "203/2025/QH15" in str(caught.value)
        assert "202/2025" not in str(caught.value)


class TestOnlineServiceRegimes:
    def test_dates_before_decree_42_2022_are_refused(self) -> None:
        """Before 1 Aug 2022 (levels 1-4 of Decree 43/2011) classification is refused clearly."""
        with pytest.raises(InvalidValueError) as caught:
            classify_online_service("partial", on=dt.date(2020, 5, 1))

        assert caught.value.field == "on"
        assert "43/2011" in str(caught.value)

    def test_decree_42_2022_from_august_2022(self) -> None:
        """From 1 Aug 2022 Decree 42/2022 classifies online services."""
        assert online_service_regime(dt.date(2022, 8, 1)).instrument == "Decree 42/2022/NĐ-CP"

    def test_a_partial_service_carries_its_reason(self) -> None:
        """A partial online service records why it is partial (Decree 224/2026 Art. 14)."""
        permit = Catalog.sample().get("1.013225", on=dt.date(2025, 9, 1))

        assert permit.partial_online_reason is PartialOnlineReason.ON_SITE_VERIFICATION

    def test_a_reason_needs_a_partial_service(self) -> None:
        """A partial-online reason on a full or absent online service is refused."""
        permit = Catalog.sample().get("1.013225", on=dt.date(2025, 9, 1))

        with pytest.raises(InvalidValueError) as caught:
            attrs.evolve(permit, online_service="full")

        assert caught.value.field == "partial_online_reason"

    def test_an_unknown_reason_is_refused(self) -> None:
        """A reason outside Decree 224/2026 Art. 14's list raises InvalidValueError."""
        permit = Catalog.sample().get("1.013225", on=dt.date(2025, 9, 1))

        with pytest.raises(InvalidValueError) as caught:
            attrs.evolve(permit, partial_online_reason="no budget")

        assert caught.value.field == "partial_online_reason"
