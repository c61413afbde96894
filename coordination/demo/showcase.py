"""The showcase family behind the citizen demo logins: Amira Haddad (15) and her relatives.

One youth with a full story, told by hand rather than drawn at random, so the youth's own pages
(/min/) and the guardian's and the brother's show everything at once: goals in her own words,
actions and evaluations with her view, a meeting with an Arabic interpreter for her mother,
consents with their history (given by the guardians with Amira heard, widened, narrowed, reviewed,
and one refused), what she keeps back from her mother, a missed appointment followed by outreach, a
lysglimt, a message she wrote, who has looked at her record, and an individual plan adopted from
her goals and actions (version 1, not answered yet: she can say yes or ask for changes on
/min/individuell-plan/). Rows are written as the services
write them (writer's agency, category, the services' log texts), backdated over ten months.
"""

import datetime as dt

from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext as _

from coordination.demo.logins import GUARDIAN_LOGIN, RELATIVE_LOGIN, YOUTH_LOGIN, CitizenLogin
from coordination.demo.people import synthetic_national_id
from coordination.demo.story import Story
from coordination.models import AccountKind, RelativeSharing, User, Youth, YouthStatus, years_after
from pathways.models import (
    ActionStatus,
    GoalKind,
    LogEntryKind,
    NextStep,
    TransitionKind,
)

GOALS = (
    (GoalKind.SCHOOL_WORK, "school", "Jeg vil gå på skolen fire dager i uka og klare 10. klasse."),
    (GoalKind.HEALTH, "mental_health", "Jeg vil sove bedre og slippe å få panikk om kvelden."),
    (
        GoalKind.REDUCED_USE,
        "substance_use",
        "Jeg vil drikke mindre i helgene og slutte å henge med de eldre gutta på Torget.",
    ),
)


def _account(login: CitizenLogin, kind: str, first: str, last: str) -> User:
    return User.objects.create(
        username=login.username,
        kind=kind,
        first_name=first,
        last_name=last,
        phone=login.account_phone,
        email=login.email,
        password=make_password(None),  # a code or ID-porten, never a password
        language_chosen=True,
        notify_by="sms",
    )


def build_showcase(gen) -> Youth:
    """Amira, her team (the well-known caseworkers) and her relatives, inside gen's transaction."""
    today = gen.today
    staff = gen.fixed_staff
    kari, ola, nora = staff["kari.nordmann"], staff["ola.hansen"], staff["nora.lie"]
    teacher = gen.staff_by_agency["huseby"][0]
    nurse = gen.staff_by_agency["skolehelse"][0]
    birth = years_after(today, -15) - dt.timedelta(days=120)
    account = _account(YOUTH_LOGIN, AccountKind.YOUTH, "Amira", "Haddad")
    youth = Youth.objects.create(
        first_name="Amira",
        last_name="Haddad",
        birth_date=birth,
        national_id=synthetic_national_id(birth, True, gen.rng, gen.used_national_ids),
        municipality="Trondheim",
        preferred_language="nb",
        phone=YOUTH_LOGIN.phone,
        email=YOUTH_LOGIN.email,
        address="Heimdalsvegen 12B, 7080 Heimdal",
        status=YouthStatus.ACTIVE,
        bti_level=3,
        originating_agency_id=teacher.agency_id,
        stafettholder_id=kari.id,
        account=account,
        created_at=gen._at(today - dt.timedelta(days=300), 10, 10),
    )
    story = Story(gen, youth, holder=kari)

    # The team: the school raised the worry, child welfare holds the baton.
    story.join(kari, _("Stafettholder"), days_ago=300)
    story.join(teacher, "Kontaktlærer", days_ago=298)
    story.join(ola, "Miljøarbeider", days_ago=280)
    story.join(nurse, "Helsesykepleier", days_ago=280, left_days_ago=120)
    story.join(nora, "Behandler", days_ago=200)

    # Relatives: her mother needs an Arabic interpreter; her brother is an adult.
    mother = story.relative(
        "Layla Haddad", "Mor", parental=True, login=GUARDIAN_LOGIN, language="ar", interpreter=True
    )
    story.relative("Yusuf Haddad", "Far", parental=True, phone="934 51 207", language="ar")
    brother = story.relative("Omar Haddad", "Bror", parental=False, login=RELATIVE_LOGIN)
    mother.account = _account(GUARDIAN_LOGIN, AccountKind.RELATIVE, "Layla", "Haddad")
    brother.account = _account(RELATIVE_LOGIN, AccountKind.RELATIVE, "Omar", "Haddad")
    mother.save(update_fields=["account"])
    brother.save(update_fields=["account"])
    # From 12 she may keep things from her guardians while under 16; her brother sees what she shares.
    RelativeSharing.objects.create(relative=mother, kept_back=["substance_use", "mental_health"])
    RelativeSharing.objects.create(relative=brother, meetings=True)

    story.level(1, 2, days_ago=260, by=kari, reason="Flere etater trengs: skole, uteseksjon og helse.")
    story.level(
        2,
        3,
        days_ago=45,
        by=kari,
        reason="Langvarig samarbeid mellom skole, BUP og uteseksjon: individuell plan.",
    )

    # Consent as a process: the guardians give it with Amira heard, it grows and shrinks with her.
    team_consent = story.consent(
        purpose="Samarbeid i ansvarsgruppen om Amiras plan",
        given_by="guardians",
        youth_view="Jeg vil at de som hjelper meg snakker sammen, men mamma skal ikke lese om rus.",
        days_ago=270,
        review_in=180,
        expires_in=365,
        events=[
            ("requested", 280, "", None),
            ("discussed", 275, "Amira ble hørt alene først, deretter sammen med mor (tolk).", None),
            (
                "given",
                270,
                "",
                {
                    kari: ("general", "child_welfare", "school"),
                    teacher: ("general", "school"),
                    ola: ("general", "substance_use"),
                    nurse: ("general", "health"),
                },
            ),
            ("widened", 200, "BUP kom inn i teamet.", {nora: ("general", "health", "mental_health")}),
            ("narrowed", 120, "Helsesykepleier gikk ut av teamet.", {nurse: None}),
            ("reviewed", 85, "Gjennomgått i ansvarsgruppemøtet, ingen endring.", None),
        ],
    )
    story.consent(
        purpose="Oppfølging fra NAV om sommerjobb",
        given_by="guardians",
        youth_view="Jeg vil ikke at NAV skal vite noe om meg nå.",
        days_ago=55,
        events=[("requested", 60, "", None), ("refused", 55, "Amira og mor vil vente til høsten.", None)],
    )

    # The plan, in her words, with actions and her view on each evaluation.
    school, sleep, weekends = (
        story.goal(kind, category, text, days_ago=250) for kind, category, text in GOALS
    )
    story.action(
        school,
        "Fast samtale med kontaktlærer hver mandag, og en rolig plass i klasserommet",
        teacher,
        start_days_ago=248,
        evaluations=[
            (190, "partly", NextStep.CONTINUE, "Mandagene hjelper, men matte er fortsatt tungt."),
            (100, "reached", NextStep.CONTINUE, "Jeg er på skolen nesten hver dag nå."),
        ],
        next_in=30,
    )
    story.action(
        school,
        "Leksehjelp på Heimdal bibliotek to ettermiddager i uka",
        kari,
        start_days_ago=-7,
        next_in=60,
        status=ActionStatus.PLANNED,
        written=10,
    )
    story.action(
        sleep,
        "Samtaler hos BUP annenhver uke om søvn og angst",
        nora,
        start_days_ago=190,
        evaluations=[
            (110, "partly", NextStep.ADJUST, "Pusteøvelsene virker, men ikke når det er bråk hjemme."),
            (20, "reached", NextStep.CONTINUE, "Jeg sovner før tolv de fleste dager."),
        ],
        next_in=60,
    )
    # Evaluation date passed five days ago without an evaluation: the sweep reminds Ola.
    story.action(
        weekends,
        "Aktivitet med Uteseksjonen fredag kveld (klatring og fritidsklubb)",
        ola,
        start_days_ago=240,
        evaluations=[(160, "partly", NextStep.CONTINUE, "Klatring er gøy, men gutta spør etter meg.")],
        next_in=-5,
    )

    # At level 3 the plan became her individual plan, Kari its coordinator; version 1 is adopted.
    story.individual_plan(
        consent=team_consent, started_days_ago=40, adopted_days_ago=6, evaluate_in=(90, 270)
    )

    # Meetings with an interpreter for her mother; the next one is booked.
    story.meeting(
        "Første ansvarsgruppemøte",
        days_ago=200,
        chair=kari,
        people=[teacher, ola, nora],
        relatives=[mother],
        interpreter="ar",
        minutes="Amira fortalte selv hva som er vanskelig. Plan for skole, søvn og helger ble laget.",
    )
    story.meeting(
        "Ansvarsgruppemøte: evaluering av planen",
        days_ago=90,
        chair=kari,
        people=[teacher, ola, nora],
        relatives=[mother],
        interpreter="ar",
        minutes="Skolen går bedre. Amira ønsker færre møter og mer aktivitet.",
    )
    story.meeting(
        "Ansvarsgruppemøte før sommerferien",
        days_ago=-9,
        chair=kari,
        people=[teacher, ola, nora],
        relatives=[mother],
        interpreter="ar",
    )
    story.transition(
        TransitionKind.SCHOOL_CHANGE,
        "Huseby ungdomsskole",
        "Heimdal videregående skole",
        teacher,
        planned_in=100,
        category="school",
        note="Overføringsmøte med ny kontaktlærer i juni.",
    )

    # Everyday log: contact, a missed appointment with outreach after, a lysglimt, her own message.
    story.entry(LogEntryKind.CONTACT, "general", "Samtale med Amira etter skolen. Hun var blid.", kari, 150)
    story.entry(LogEntryKind.PHONE, "general", "Ringte mor med tolk om møtetid.", kari, 95)
    story.missed(
        nora,
        ola,
        days_ago=40,
        text="Amira kom ikke til timen hos BUP.",
        outreach="Ola traff Amira på fritidsklubben og avtalte ny time.",
    )
    story.entry(
        LogEntryKind.LYSGLIMT,
        "school",
        "Amira fikk 5 på matteprøven og var stolt.",
        teacher,
        30,
        lysglimt_by=account,
    )
    story.entry(
        LogEntryKind.CONTACT, "general", "Kort prat på skolen. Amira gleder seg til sommeren.", kari, 3
    )
    story.youth_message(account, "Kan vi ha neste møte etter skoletid? Jeg vil ikke gå glipp av gym.", 12)

    # Who has looked at her record (innsynslogg).
    story.looked(kari, "youth_overview", [60, 30, 14, 3])
    story.looked(nora, "plan", [110, 20])
    story.looked(ola, "log", [39, 5])
    story.looked(teacher, "meetings", [91])
    return story.finish()
