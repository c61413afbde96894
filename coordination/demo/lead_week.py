"""The team lead's week and Kari's day: six short cases told by hand, so that every panel of the
child welfare lead's dashboard (/teamleder/ as leder.barnevern) and of Kari's "Min dag" (/min-dag/ as
kari.nordmann) shows something whatever the seed and the number of random youths. seed_demo then
runs the reminder sweep once, as a running system would have, which turns these into lapses.

- Sander (17) turns 18 in four months with no transition planned; Kari's evaluation of his housing
  action is three weeks overdue (escalated to the lead), another is due this week, his consent is up
  for review in ten days, and a meeting about aftercare is this week.
- Ida (14) has had no contact for 45 days (level 1: 30); she missed an appointment eight days ago and
  nobody has reached out yet; a phone note about her mother is kept from her (a third party).
- Elias (16) is held by Trond, who has left child welfare: nobody holds his baton.
- Maja (19), held by outreach, waits for Kari to accept the baton (aftercare from child welfare); a
  child welfare colleague broke the glass two nights ago, not reviewed yet (also unusual access).
- Tobias and Aisha: cases closed this year (goals reached; moved), for the 12-month trends.

A handful of rows, written as the services write them (coordination.demo.story), never per youth of
the random population: the benchmarks (showcase=False) never see them.
"""

import datetime as dt

from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext as _

from coordination.demo.agencies import AGENCY_BY_KEY
from coordination.demo.base import Staff
from coordination.demo.story import Story
from coordination.models import (
    AccessAction,
    AccessLogEntry,
    CaseDecision,
    CaseDecisionKind,
    ClosingReason,
    EmergencyAccess,
    Handover,
    InformationCategory,
    User,
    Youth,
    YouthStatus,
    years_after,
)
from coordination.services.youths import case_closed_text
from pathways.models import GoalKind, LogEntryKind, PlannedOutreach, Withholding, WithholdingReason

CHILD_WELFARE = "bv_trd"
OUTREACH = "ute"


def build_lead_week(gen) -> None:
    kari, ola = gen.fixed_staff["kari.nordmann"], gen.fixed_staff["ola.hansen"]
    colleagues = [s for s in gen.staff_by_agency[CHILD_WELFARE] if s.id != kari.id]
    anne, bjorn = colleagues[0], colleagues[1 % len(colleagues)]
    trond = _leaver(gen)
    _sander(gen, kari, anne, ola)
    _ida(gen, kari, anne)
    _elias(gen, trond, anne)
    _maja(gen, ola, kari, bjorn)
    _closed(gen, "Tobias", "Lund", kari, created=280, closed=40, reason=ClosingReason.GOALS_REACHED)
    _closed(gen, "Aisha", "Noor", anne, created=340, closed=130, reason=ClosingReason.MOVED)


def _leaver(gen) -> Staff:
    """Trond left child welfare last month: his account is deactivated, his batons stay with him
    until the lead gives them on (as staff_deactivate leaves them)."""
    agency_id = gen.agency_ids[CHILD_WELFARE]
    user = User.objects.create(
        username="trond.lien",
        first_name="Trond",
        last_name="Lien",
        email=f"trond.lien@{AGENCY_BY_KEY[CHILD_WELFARE].domain}",
        agency_id=agency_id,
        job_title="Barnevernskonsulent",
        is_active=False,
        password=make_password(None),
    )
    return Staff(user.pk, agency_id, CHILD_WELFARE, AGENCY_BY_KEY[CHILD_WELFARE].sector, "Trond Lien")


def _story(gen, first, last, *, birth, level, holder, origin, created, status=YouthStatus.ACTIVE) -> Story:
    youth = Youth.objects.create(
        first_name=first,
        last_name=last,
        birth_date=birth,
        municipality="Trondheim",
        preferred_language="nb",
        address="Fiolsvingen 3, 7089 Heimdal",
        status=status,
        bti_level=level,
        originating_agency_id=gen.agency_ids[origin],
        stafettholder_id=holder.id,
        created_at=gen._at(gen.today - dt.timedelta(days=created), 10, 10),
    )
    story = Story(gen, youth, holder=holder)
    story.join(holder, _("Stafettholder"), days_ago=created)
    return story


def _days_left_this_week(today: dt.date) -> int:
    return 6 - today.weekday()


def _sander(gen, kari, anne, ola) -> None:
    turns_18_in = 120
    story = _story(
        gen,
        "Sander",
        "Moe",
        birth=years_after(gen.today, -18) + dt.timedelta(days=turns_18_in),
        level=2,
        holder=kari,
        origin=CHILD_WELFARE,
        created=190,
    )
    story.join(anne, "Barnevernskonsulent", days_ago=185)
    story.join(ola, "Miljøarbeider", days_ago=175)
    story.consent(
        purpose="Samarbeid mellom barnevernet og Uteseksjonen om Sanders plan",
        given_by="youth",
        youth_view="Greit at Ola og Kari snakker sammen, så slipper jeg å si alt to ganger.",
        days_ago=170,
        review_in=180,  # up for review in ten days
        events=[
            ("requested", 172, "", None),
            ("given", 170, "", {kari: ("general", "child_welfare"), ola: ("general", "substance_use")}),
        ],
    )
    home = story.goal(
        GoalKind.HOUSING, "child_welfare", "Jeg vil ha min egen hybel når jeg fyller 18.", days_ago=160
    )
    money = story.goal(GoalKind.STABILISATION, "general", "Jeg vil klare meg selv med penger.", days_ago=160)
    story.action(home, "Søke om ettervern og bolig gjennom NAV", kari, start_days_ago=150, next_in=-20)
    soon = min(2, _days_left_this_week(gen.today))
    story.action(
        money, "Samtale med Kari hver uke om budsjett og regninger", kari, start_days_ago=60, next_in=soon
    )
    story.entry(
        LogEntryKind.CONTACT, "general", "Sander var innom kontoret. Han gruer seg til å flytte.", kari, 4
    )
    story.meeting(
        "Samarbeidsmøte om ettervern",
        days_ago=-min(1, _days_left_this_week(gen.today)),
        chair=kari,
        people=[anne, ola],
        relatives=[],
        interpreter="",
        location="Barneverntjenesten, møterom Nidelva",
        agenda="Hva Sander ønsker etter 18: bolig, skole og ettervern.",
    )
    story.finish()


def _ida(gen, kari, anne) -> None:
    story = _story(
        gen,
        "Ida",
        "Johansen",
        birth=years_after(gen.today, -14) - dt.timedelta(days=200),
        level=1,
        holder=kari,
        origin=CHILD_WELFARE,
        created=230,
    )
    story.join(anne, "Barnevernskonsulent", days_ago=200)
    story.entry(LogEntryKind.CONTACT, "general", "Hjemmebesøk. Ida viste rommet sitt og var stolt.", kari, 90)
    call = story.entry(
        LogEntryKind.PHONE,
        "child_welfare",
        "Telefon med mor. Mor fortalte om sin egen sykdom og om bruddet med Idas stefar.",
        kari,
        45,
    )
    # What her mother told about herself is a third party's: kept from Ida, shown to the lead.
    Withholding.objects.create(
        entry=call,
        reason=WithholdingReason.THIRD_PARTY,
        by_id=kari.id,
        agency_id=kari.agency_id,
        at=call.recorded_at + dt.timedelta(minutes=5),
    )
    missed = story.log(LogEntryKind.MISSED_APPOINTMENT, "Ida kom ikke til avtalt samtale.", kari, 8, hour=14)
    PlannedOutreach.objects.create(  # planned, and not done yet: the sweep reminds Kari
        missed_entry=missed,
        youth=story.youth,
        responsible_id=kari.id,
        planned_for=gen.today - dt.timedelta(days=6),
        how="Ringe Ida og mor, og oppsøke henne på skolen",
        created_by_id=kari.id,
        created_at=missed.occurred_at,
    )
    story.finish()


def _elias(gen, trond, anne) -> None:
    story = _story(
        gen,
        "Elias",
        "Strand",
        birth=years_after(gen.today, -16) - dt.timedelta(days=40),
        level=2,
        holder=trond,
        origin=CHILD_WELFARE,
        created=330,
    )
    story.join(anne, "Barnevernskonsulent", days_ago=300)
    story.entry(
        LogEntryKind.CONTACT, "general", "Samtale med Elias om hvem som tar over etter Trond.", anne, 6
    )
    story.finish()


def _maja(gen, ola, kari, bjorn) -> None:
    story = _story(
        gen,
        "Maja",
        "Solheim",
        birth=years_after(gen.today, -19) - dt.timedelta(days=75),
        level=2,
        holder=ola,
        origin=OUTREACH,
        created=12,
    )
    story.join(kari, "Ettervern", days_ago=10)
    story.join(bjorn, "Barnevernskonsulent", days_ago=10)
    story.consent(
        purpose="Ettervern fra barnevernet sammen med Uteseksjonen",
        given_by="youth",
        youth_view="Jeg vil ha hjelp til å bo for meg selv, men ikke at alle vet alt.",
        days_ago=10,
        review_in=180,
        events=[
            ("discussed", 11, "Maja ble spurt alene, på fritidsklubben.", None),
            ("given", 10, "", {ola: ("general", "substance_use"), kari: ("general", "child_welfare")}),
        ],
    )
    story.entry(
        LogEntryKind.OUTREACH, "general", "Traff Maja på Torget. Hun vil ha hjelp med bolig.", ola, 11
    )
    # Ola asks Kari to take the baton: aftercare is child welfare's. Not answered yet.
    kari_user = story.users[kari.id]
    Handover.objects.create(
        youth=story.youth,
        from_user_id=ola.id,
        to_user_id=kari.id,
        note="Maja har rett på ettervern. Jeg blir med i teamet.",
        requested_at=story._when(4, 11),
    )
    story.log(
        LogEntryKind.HANDOVER, _("Handover to %(name)s requested.") % {"name": kari_user}, ola, 4, hour=11
    )
    # Two nights ago: the police called, and Bjørn needed what the consent does not show his agency.
    started = story._when(2, 23)
    access = EmergencyAccess.objects.create(
        user_id=bjorn.id,
        agency_id=bjorn.agency_id,
        youth=story.youth,
        reason="Politiet ringte kl. 23: Maja er funnet ruset og vil ikke hjem. Trengte avtalene om rus.",
        started_at=started,
        expires_at=started + dt.timedelta(hours=4),
    )
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            user_id=bjorn.id,
            agency_id=bjorn.agency_id,
            role="emergency",
            youth=story.youth,
            action=action,
            what=what,
            emergency=access,
            at=started + dt.timedelta(minutes=minutes),
        )
        for action, what, minutes in (
            (AccessAction.CHANGE, "emergency_access_start", 0),
            (AccessAction.VIEW, "log", 1),
            (AccessAction.VIEW, "plan", 3),
        )
    )
    story.entry(
        LogEntryKind.PHONE, "general", "Hentet Maja på politistasjonen og kjørte henne til mor.", bjorn, 1
    )
    story.finish()


def _closed(gen, first, last, holder, *, created, closed, reason) -> None:
    story = _story(
        gen,
        first,
        last,
        birth=years_after(gen.today, -17) - dt.timedelta(days=created),
        level=1,
        holder=holder,
        origin=CHILD_WELFARE,
        created=created,
        status=YouthStatus.CLOSED,
    )
    story.entry(
        LogEntryKind.CONTACT,
        "general",
        "Avslutningssamtale. Vi gikk gjennom planen sammen.",
        holder,
        closed + 2,
    )
    explanation = {
        ClosingReason.GOALS_REACHED: f"{first} har fått lærlingplass og bor trygt hjemme. Målene er nådd.",
        ClosingReason.MOVED: f"{first} har flyttet til Bergen. Barneverntjenesten der har tatt over.",
    }[reason]
    decided_at = story._when(closed, 14)
    CaseDecision.objects.create(
        youth=story.youth,
        kind=CaseDecisionKind.CLOSE,
        reason=reason,
        explanation=explanation,
        youth_view="Jeg vet hvor jeg kan ringe hvis det blir vanskelig igjen.",
        decided_by_id=holder.id,
        agency_id=holder.agency_id,
        category=InformationCategory.GENERAL,
        decided_at=decided_at,
    )
    story.log(LogEntryKind.CASE_DECISION, case_closed_text(explanation), holder, closed, hour=14)
    story.finish()
