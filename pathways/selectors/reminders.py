"""Reads of reminders: the signed-in user's inbox and badge, and a team lead's open escalations."""

from django.db.models import OuterRef, Q, QuerySet

from coordination.access import is_team_lead, sees_youth
from coordination.models import User, YouthStatus
from pathways.models import Lapse, Reminder, ReminderStep


def _open_reminders() -> Q:
    return Q(
        lapse__resolved_at__isnull=True,
        lapse__handled_at__isnull=True,
        lapse__youth__status=YouthStatus.ACTIVE,
    )


def _still_theirs(user: User) -> Q:
    """A reminder stays in the inbox only while its recipient may still know of the youth: they see
    the youth today, or (an escalation) they lead the agency of the youth's stafettholder. Whoever lost
    access (left the team, consent withdrawn or expired, moved agency) loses the reminders with it."""
    escalation = Q(step=ReminderStep.TEAM_LEAD, lapse__youth__stafettholder__agency_id=user.agency_id)
    if not is_team_lead(user):
        escalation = Q(pk__in=[])
    return Q(sees_youth(user, OuterRef("lapse__youth_id"))) | escalation


def _inbox(user: User) -> QuerySet[Reminder]:
    if not user.is_authenticated or not user.is_active:
        return Reminder.objects.none()
    return Reminder.objects.filter(_still_theirs(user), recipient=user)


def still_addressed(reminder: Reminder) -> bool:
    """Whether the reminder's recipient may still be told about its youth (e-mails check this)."""
    return _inbox(reminder.recipient).filter(pk=reminder.pk).exists()


def reminders_for_user(user: User, *, settled: bool = False) -> QuerySet[Reminder]:
    """The user's inbox: open reminders (oldest lapse first), or the settled ones (newest first)."""
    # Marking handled writes in the youth's log: offered only to who may see the youth (a team lead
    # gets escalations about youths whose team they are not on; they answer as a lead instead).
    reminders = (
        _inbox(user)
        .select_related("lapse", "lapse__youth", "lapse__handled_by")
        .annotate(may_handle=sees_youth(user, OuterRef("lapse__youth_id")))
    )
    if settled:
        return reminders.exclude(_open_reminders()).order_by("-created_at", "-pk")
    return reminders.filter(_open_reminders()).order_by("lapse__due_on", "pk")


def unread_reminder_count(user: User) -> int:
    return _inbox(user).filter(_open_reminders(), read_at__isnull=True).count()


def open_escalations_for_lead(user: User) -> QuerySet[Lapse]:
    """Open lapses escalated to team lead level, for youths whose stafettholder is in the lead's agency.

    Metadata only (youth, rule, dates): a team lead sees no case content by role.
    """
    if not is_team_lead(user):
        return Lapse.objects.none()
    return (
        Lapse.objects.filter(
            resolved_at__isnull=True,
            handled_at__isnull=True,
            escalated_at__isnull=False,
            youth__status=YouthStatus.ACTIVE,
            youth__stafettholder__agency_id=user.agency_id,
        )
        .select_related("youth", "youth__stafettholder")
        .only(
            "rule",
            "due_on",
            "escalated_at",
            "detected_at",
            "youth__first_name",
            "youth__last_name",
            "youth__stafettholder__first_name",
            "youth__stafettholder__last_name",
            "youth__stafettholder__username",
            "youth__stafettholder__is_active",
        )
        .order_by("due_on", "pk")
    )
