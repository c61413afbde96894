"""The demo's agencies: real kinds of services in and around Trondheim (fictional staff and youths)."""

from dataclasses import dataclass

from coordination.models import Sector, ServiceLevel


@dataclass(frozen=True)
class AgencySpec:
    key: str
    name: str
    sector: str
    level: str
    municipality: str
    staff_weight: float
    domain: str
    lead_username: str


MUN, SPEC = ServiceLevel.MUNICIPAL.value, ServiceLevel.SPECIALIST.value
AGENCIES = (
    AgencySpec(
        "bv_trd",
        "Barneverntjenesten i Trondheim",
        Sector.CHILD_WELFARE,
        MUN,
        "Trondheim",
        8,
        "trondheim-kommune.example",
        "leder.barnevern",
    ),
    AgencySpec(
        "bv_malvik",
        "Barneverntjenesten i Malvik",
        Sector.CHILD_WELFARE,
        MUN,
        "Malvik",
        2,
        "malvik-kommune.example",
        "leder.barnevern.malvik",
    ),
    AgencySpec(
        "ute",
        "Uteseksjonen",
        Sector.OUTREACH,
        MUN,
        "Trondheim",
        4,
        "trondheim-kommune.example",
        "leder.uteseksjonen",
    ),
    AgencySpec(
        "ungdomsteam",
        "Ungdomsteamet, rus og psykisk helse Trondheim",
        Sector.MUNICIPAL_HEALTH,
        MUN,
        "Trondheim",
        4,
        "trondheim-kommune.example",
        "leder.ungdomsteamet",
    ),
    AgencySpec(
        "skolehelse",
        "Skolehelsetjenesten i Trondheim",
        Sector.SCHOOL_HEALTH,
        MUN,
        "Trondheim",
        2.5,
        "trondheim-kommune.example",
        "leder.skolehelse",
    ),
    AgencySpec(
        "cvgs",
        "Charlottenlund videregående skole",
        Sector.SCHOOL,
        MUN,
        "Trondheim",
        3,
        "trondelagfylke.example",
        "leder.charlottenlund",
    ),
    AgencySpec(
        "hvgs",
        "Heimdal videregående skole",
        Sector.SCHOOL,
        MUN,
        "Trondheim",
        2.5,
        "trondelagfylke.example",
        "leder.heimdal",
    ),
    AgencySpec(
        "huseby",
        "Huseby ungdomsskole",
        Sector.SCHOOL,
        MUN,
        "Trondheim",
        2,
        "trondheim-kommune.example",
        "leder.huseby",
    ),
    AgencySpec("nav", "NAV Trondheim Midtbyen", Sector.NAV, MUN, "Trondheim", 3, "nav.example", "leder.nav"),
    AgencySpec(
        "slt",
        "Politiet, forebyggende enhet Trondheim (SLT)",
        Sector.POLICE_SLT,
        MUN,
        "Trondheim",
        1.5,
        "politiet.example",
        "leder.politi",
    ),
    AgencySpec(
        "bup",
        "St. Olavs hospital, BUP Klinikk",
        Sector.PHBU_BUP,
        SPEC,
        "Trondheim",
        4,
        "stolav.example",
        "leder.bup",
    ),
    AgencySpec(
        "tsb", "Ruspoliklinikken for ungdom", Sector.TSB, SPEC, "Trondheim", 3, "stolav.example", "leder.tsb"
    ),
    AgencySpec(
        "fact",
        "FACT-ung Trondheim",
        Sector.FACT,
        MUN,
        "Trondheim",
        3,
        "trondheim-kommune.example",
        "leder.fact",
    ),
    AgencySpec(
        "bymisjon",
        "Kirkens Bymisjon",
        Sector.VOLUNTARY,
        MUN,
        "Trondheim",
        2,
        "bymisjon.example",
        "leder.bymisjon",
    ),
)
AGENCY_BY_KEY = {a.key: a for a in AGENCIES}
