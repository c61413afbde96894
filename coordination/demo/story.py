"""A hand-told youth's story, written row by row as the services write them, but backdated.

The services stamp everything "now"; a demo needs ten months of history, so this writes the same
rows with the dates of the story: each text gets the writer's agency and a category, each change
its log entry with the services' own text, consent events their scope. The plan chapter (goals,
actions, the individual plan) is in coordination.demo.story_plan.
"""

import datetime as dt
from collections import defaultdict

from django.utils.translation import gettext as _

from coordination.demo.logins import CitizenLogin
from coordination.demo.story_plan import PlanStory
from coordination.models import (
    AccessLogEntry,
    Consent,
    ConsentEvent,
    ConsentEventScope,
    ConsentGrant,
    ConsentState,
    InformationCategory,
    Relative,
    StafettholderPeriod,
    TeamMembership,
    User,
    Youth,
)
from coordination.models.consents import SCOPE_EVENTS, STATE_AFTER_EVENT, ConsentEventKind
from coordination.services.permissions import youth_permissions_sync
from pathways.models import (
    CONTACT_KINDS,
    LevelChange,
    LogEntry,
    LogEntryKind,
    Lysglimt,
    Meeting,
    PlannedOutreach,
    Transition,
)


class Story(PlanStory):
    def __init__(self, gen, youth: Youth, *, holder):
        self.gen, self.youth, self.holder = gen, youth, holder
        self.today = gen.today
        self.users = {u.pk: u for u in User.objects.filter(agency__isnull=False, kind="staff")}
        StafettholderPeriod.objects.create(youth=youth, user_id=holder.id, started_at=youth.created_at)

    def _day(self, days_ago: int) -> dt.date:
        return self.today - dt.timedelta(days=days_ago)

    def _when(self, days_ago: int, hour: int = 10) -> dt.datetime:
        return self.gen._at(self._day(days_ago), hour, hour)

    def _user(self, staff) -> User:
        return self.users[staff.id]

    def log(self, kind, text, staff, days_ago, category=InformationCategory.GENERAL, hour=10) -> LogEntry:
        when = self._when(days_ago, hour)
        return LogEntry.objects.create(
            youth=self.youth,
            kind=kind,
            category=category,
            text=text,
            occurred_at=when,
            recorded_at=when + dt.timedelta(minutes=20),
            author_id=staff.id,
            agency_id=staff.agency_id,
        )

    # -- team and relatives --------------------------------------------------------------------

    def join(self, staff, role: str, *, days_ago: int, left_days_ago: int | None = None) -> None:
        TeamMembership.objects.create(
            youth=self.youth,
            user_id=staff.id,
            agency_id=staff.agency_id,
            role=role,
            started_on=self._day(days_ago),
            ended_on=self._day(left_days_ago) if left_days_ago is not None else None,
        )
        user = self._user(staff)
        if staff is not self.holder:
            text = _("%(name)s joined the team as %(role)s.") % {"name": user, "role": role}
            self.log(LogEntryKind.TEAM, text, self.holder, days_ago, hour=9)
        if left_days_ago is not None:
            self.log(
                LogEntryKind.TEAM, _("%(name)s left the team.") % {"name": user}, self.holder, left_days_ago
            )

    def relative(self, name, relation, *, parental, login: CitizenLogin | None = None, phone="", **lang):
        relative = Relative.objects.create(
            youth=self.youth,
            name=name,
            relation=relation,
            has_parental_responsibility=parental,
            phone=login.phone if login else phone,
            email=login.email if login else "",
            preferred_language=lang.get("language", "nb"),
            interpreter_needed=lang.get("interpreter", False),
            agency_id=self.holder.agency_id,
        )
        self.log(
            LogEntryKind.TEAM, _("Relative added: %(relative)s") % {"relative": relative}, self.holder, 299
        )
        return relative

    def level(self, old: int, new: int, *, days_ago: int, by, reason: str) -> None:
        LevelChange.objects.create(
            youth=self.youth,
            from_level=old,
            to_level=new,
            reason=reason,
            changed_by_id=by.id,
            agency_id=by.agency_id,
            changed_at=self._when(days_ago),
        )
        text = _("BTI level changed from %(old)s to %(new)s: %(reason)s") % {
            "old": old,
            "new": new,
            "reason": reason,
        }
        self.log(LogEntryKind.LEVEL_CHANGE, text, by, days_ago)

    # -- consent -------------------------------------------------------------------------------

    def consent(
        self, *, purpose, given_by, youth_view, days_ago, events, review_in=None, expires_in=None
    ) -> Consent:
        valid_from = self._day(days_ago)
        consent = Consent.objects.create(
            youth=self.youth,
            basis="consent",
            given_by=given_by,
            purpose=purpose,
            form="written",
            valid_from=valid_from,
            review_on=valid_from + dt.timedelta(days=review_in) if review_in else None,
            expires_on=valid_from + dt.timedelta(days=expires_in) if expires_in else None,
            state=ConsentState.REQUESTED,
            youth_view=youth_view,
            created_by_id=self.holder.id,
            created_at=self._when(events[0][1]),
        )
        scope: dict[int, set[str]] = defaultdict(set)
        state = ConsentState.REQUESTED
        for kind, ago, note, change in events:
            event = ConsentEvent.objects.create(
                consent=consent,
                kind=kind,
                note=note,
                recorded_by_id=self.holder.id,
                recorded_at=self._when(ago),
            )
            for staff, categories in (change or {}).items():
                scope[staff.agency_id] = set(categories or ())
            if kind in SCOPE_EVENTS:
                ConsentEventScope.objects.bulk_create(
                    ConsentEventScope(event=event, agency_id=agency_id, category=category)
                    for agency_id, categories in sorted(scope.items())
                    for category in sorted(categories)
                )
            state = STATE_AFTER_EVENT[kind] or state
            label = ConsentEventKind(kind).label.lower()
            self.log(
                LogEntryKind.NOTE,
                _("Consent %(event)s. See the consent page.") % {"event": label},
                self.holder,
                ago,
            )
        consent.state = state
        consent.save(update_fields=["state"])
        if state in (ConsentState.GIVEN, ConsentState.PARTLY_GIVEN):
            ConsentGrant.objects.bulk_create(
                ConsentGrant(consent=consent, agency_id=agency_id, category=category)
                for agency_id, categories in sorted(scope.items())
                for category in sorted(categories)
            )
        return consent

    # -- meetings, transitions, the log ----------------------------------------------------------

    def meeting(
        self,
        title,
        *,
        days_ago,
        chair,
        people,
        relatives,
        interpreter,
        minutes=None,
        location=None,
        agenda=None,
    ):
        starts_at = self._when(days_ago, 14)
        entry = None
        if minutes is not None:
            text = _("Minutes from “%(title)s”:\n%(minutes)s") % {"title": title, "minutes": minutes}
            entry = self.log(LogEntryKind.MEETING, text, chair, days_ago, hour=15)
        meeting = Meeting.objects.create(
            youth=self.youth,
            title=title,
            starts_at=starts_at,
            location=location or "Huseby ungdomsskole, møterom 2",
            agenda=agenda or "Amiras plan: skole, søvn og helgene. Amira sier selv hva hun vil ta opp først.",
            youth_attends=True,
            interpreter_needed=bool(interpreter),
            interpreter_language=interpreter,
            interpreter_booked=bool(interpreter),
            minutes_entry=entry,
            created_by_id=chair.id,
            agency_id=chair.agency_id,
            created_at=self._when(max(days_ago, 0) + 14),
        )
        meeting.participants.set([chair.id, *(p.id for p in people)])
        meeting.relatives.set(relatives)

    def transition(self, kind, from_service, to_service, responsible, *, planned_in, category, note):
        planned = self.today + dt.timedelta(days=planned_in)
        Transition.objects.create(
            youth=self.youth,
            kind=kind,
            from_service=from_service,
            to_service=to_service,
            responsible_id=responsible.id,
            planned_date=planned,
            note=note,
            created_by_id=self.holder.id,
            agency_id=self.holder.agency_id,
            category=category,
            created_at=self._when(20),
        )
        text = _("Transition planned: %(kind)s on %(date)s, responsible %(name)s") % {
            "kind": kind.label,
            "date": planned.strftime("%d.%m.%Y"),
            "name": self._user(responsible),
        }
        self.log(LogEntryKind.TRANSITION, text, self.holder, 20, category)

    def entry(self, kind, category, text, staff, days_ago, *, lysglimt_by: User | None = None) -> LogEntry:
        entry = self.log(kind, text, staff, days_ago, category, hour=12)
        if lysglimt_by is not None:
            Lysglimt.objects.create(entry=entry, marked_by=lysglimt_by, at=self._when(days_ago - 1, 18))
        return entry

    def missed(self, author, outreach_by, *, days_ago, text, outreach) -> None:
        missed = self.log(LogEntryKind.MISSED_APPOINTMENT, text, author, days_ago, hour=14)
        PlannedOutreach.objects.create(
            missed_entry=missed,
            youth=self.youth,
            responsible_id=outreach_by.id,
            planned_for=self._day(days_ago - 2),
            how="Oppsøke på fritidsklubben",
            created_by_id=author.id,
            created_at=missed.occurred_at,
        )
        self.log(LogEntryKind.OUTREACH, outreach, outreach_by, days_ago - 1, hour=19)

    def youth_message(self, account: User, text: str, days_ago: int) -> None:
        when = self._when(days_ago, 20)
        LogEntry.objects.create(
            youth=self.youth,
            kind=LogEntryKind.YOUTH_MESSAGE,
            text=text,
            occurred_at=when,
            recorded_at=when,
            author=account,
            agency=None,
        )

    def looked(self, staff, what: str, days_ago: list[int]) -> None:
        role = "stafettholder" if staff is self.holder else "team_member"
        AccessLogEntry.objects.bulk_create(
            AccessLogEntry(
                user_id=staff.id,
                agency_id=staff.agency_id,
                role=role,
                youth=self.youth,
                action="view",
                what=what,
                at=self._when(ago, 9),
            )
            for ago in days_ago
        )

    def finish(self) -> Youth:
        last = (
            LogEntry.objects.filter(youth=self.youth, kind__in=CONTACT_KINDS).order_by("-occurred_at").first()
        )
        Youth.objects.filter(pk=self.youth.pk).update(last_contact_at=last.occurred_at if last else None)
        youth_permissions_sync(self.youth)
        return self.youth
