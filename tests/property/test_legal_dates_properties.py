"""Properties of dated versions, dossier-code generation, extensions and clock starts (issue 8)."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from adminflow.calendar import WorkingCalendar
from adminflow.codes import (
    DOSSIER_CODE_2026_FROM,
    DossierCode,
    DossierCodeLayout,
    parse_dossier_code,
)
from adminflow.competence import clock_start
from adminflow.errors import NotFoundError
from adminflow.procedures import Catalog
from adminflow.testing import agency_codes

VN = WorkingCalendar.vietnam()
SAMPLE = Catalog.sample()
COPY = SAMPLE.get("2.000815")
instants = st.datetimes(
    min_value=dt.datetime(2025, 7, 1),
    max_value=dt.datetime(2030, 12, 1),
    timezones=st.just(VN.timezone),
)


class TestVersionLookup:
    @given(st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31)))
    def test_a_day_has_at_most_one_version_and_get_returns_it(self, day: dt.date) -> None:
        """get(code, on=day) returns the one version valid that day, or NotFoundError if none."""
        valid = [v for v in SAMPLE.versions("1.013225") if v.is_valid_on(day)]

        try:
            found = SAMPLE.get("1.013225", on=day)
        except NotFoundError:
            found = None

        assert len(valid) <= 1
        assert found == (valid[0] if valid else None)


class TestDossierCodeGeneration:
    @given(
        agency_codes(), st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)), st.integers(1, 9999)
    )
    def test_generated_codes_round_trip_in_the_layout_of_their_date(
        self, agency, day: dt.date, sequence: int
    ) -> None:
        """A generated code parses back equal, in the 2026 layout exactly from 1 Jan 2026."""
        code = DossierCode.generate(agency, day, sequence)

        assert parse_dossier_code(str(code)) == code
        assert (code.layout is DossierCodeLayout.NPSP_2026) == (day >= DOSSIER_CODE_2026_FROM)


class TestExtensionsAndClockStarts:
    @given(instants)
    def test_an_additional_extension_never_shortens_the_deadline(
        self, received: dt.datetime
    ) -> None:
        """The certification extension ends two working days after the base due day."""
        base = COPY.due(received, calendar=VN)
        extended = COPY.due(received, calendar=VN, extension=COPY.extensions[0])

        assert extended.due_on == VN.add_working_days(base.due_on, 2)

    @given(instants, st.booleans())
    def test_without_a_transfer_the_clock_starts_at_the_desk(
        self, received: dt.datetime, electronic: bool
    ) -> None:
        """With no transfer the clock starts at the desk receipt, whatever the channel."""
        assert clock_start(received, None, calendar=VN, electronic=electronic).at == received
