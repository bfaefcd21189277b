"""Fixtures shared by the unit tests: the shipped sample data, loaded once per session."""

import pytest

from adminflow.competence import CompetenceResolver, CompetenceRules
from adminflow.jurisdictions import Gazetteer
from adminflow.procedures import Catalog


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The sample procedure catalogue shipped with adminflow."""
    return Catalog.sample()


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    """The official gazetteer of units in force since 1 July 2025."""
    return Gazetteer.vietnam()


@pytest.fixture(scope="session")
def example(catalog: Catalog) -> CompetenceResolver:
    """A resolver over the Khánh Hòa example rules and the sample catalogue."""
    return CompetenceResolver(CompetenceRules.example_khanh_hoa(), catalog=catalog)
