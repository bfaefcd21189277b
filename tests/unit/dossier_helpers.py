"""Shared builders for the dossier tests: a workflow over the sample catalogue and Khánh Hòa."""

from __future__ import annotations

import datetime as dt
from functools import cache

from adminflow.calendar import VIETNAM_TIMEZONE
from adminflow.competence import CompetenceResolver, CompetenceRules
from adminflow.dossiers import Actor, Applicant, Role, Workflow
from adminflow.procedures import Catalog

TZ = VIETNAM_TIMEZONE
PERSON = "056090001234"
APPLICANT = Applicant.person(PERSON, name="Lê Thị B")
ME = Actor(PERSON, Role.APPLICANT)
DESK = Actor("desk-22366", Role.RECEPTION_OFFICER, unit_code="22366")
HEAD = Actor("head-22366", Role.ONE_STOP_HEAD, unit_code="22366")
SYSTEM = Actor.system()
AGENCY = "000.00.12.H41"


def at(y: int, m: int, d: int, hh: int = 9, mm: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=TZ)


@cache
def workflow() -> Workflow:
    catalog = Catalog.sample()
    resolver = CompetenceResolver(CompetenceRules.example_khanh_hoa(), catalog=catalog)
    return Workflow(catalog=catalog, competence=resolver)


@cache
def plain_workflow() -> Workflow:
    return Workflow(catalog=Catalog.sample())


def officer(body: str = "ubnd-22366") -> Actor:
    return Actor(f"officer@{body}", Role.PROCESSING_OFFICER, authority_id=body)


def leader(body: str = "ubnd-22366") -> Actor:
    return Actor(f"leader@{body}", Role.SIGNING_LEADER, authority_id=body)
