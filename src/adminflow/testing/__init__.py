"""Helpers for testing code built on adminflow: hypothesis strategies and fakes.

Needs the ``hypothesis`` and ``pytest`` packages (``pip install adminflow[test]``).
"""

from adminflow.testing._competence import (
    authorizations,
    competence_rules,
    decentralizations,
    seats,
    valid_competence_rules,
)
from adminflow.testing._postgres import create_database, temporary_postgres
from adminflow.testing._procedures import (
    catalogs,
    invalid_catalog_documents,
    procedure_codes,
    procedures,
    processing_times,
)
from adminflow.testing._rows import (
    create_dossier_table,
    dossier_rows,
    insert_dossier_rows,
    synthetic_dossier_rows,
)
from adminflow.testing._store_contract import StoreContract
from adminflow.testing._store_fakes import (
    FakeCodec,
    FakeDossier,
    FakeEvent,
    FakeRow,
    fake_finish,
    fake_move,
    fake_open,
)
from adminflow.testing._units import (
    agency_codes,
    authorities,
    communes,
    dossier_codes,
    gazetteers,
    provinces,
    unit_names,
    units,
)

__all__ = [
    "FakeCodec",
    "FakeDossier",
    "FakeEvent",
    "FakeRow",
    "StoreContract",
    "agency_codes",
    "authorities",
    "authorizations",
    "catalogs",
    "communes",
    "competence_rules",
    "create_database",
    "create_dossier_table",
    "decentralizations",
    "dossier_codes",
    "dossier_rows",
    "fake_finish",
    "fake_move",
    "fake_open",
    "gazetteers",
    "insert_dossier_rows",
    "invalid_catalog_documents",
    "procedure_codes",
    "procedures",
    "processing_times",
    "provinces",
    "seats",
    "synthetic_dossier_rows",
    "temporary_postgres",
    "unit_names",
    "units",
    "valid_competence_rules",
]
