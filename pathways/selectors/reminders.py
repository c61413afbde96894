"""Reads of reminders: the signed-in user's inbox and badge, and a team lead's open escalations."""

from django.db.models import Q, QuerySet

from coordination.access import is_team_lead
from coordination.models import User, YouthStatus
from pathways.models import Lapse, Reminder


def _open_reminders() -> Q:
    return Q(
        lapse__resolved_at__isnull=True,
        lapse__handled_at__isnull=True,
        lapse__youth__status=YouthStatus.ACTIVE,
    )


def reminders_for_user(user: User, *, settled: bool = False) -> QuerySet[Reminder]:
    """The user's inbox: open reminders (oldest lapse first), or the settled ones (newest first)."""
    reminders = Reminder.objects.filter(recipient=user).select_related(
        "lapse", "lapse__youth", "lapse__handled_by"
    )
    if settled:
        return reminders.exclude(_open_reminders()).order_by("-created_at", "-pk")
    return reminders.filter(_open_reminders()).order_by("lapse__due_on", "pk")


def unread_reminder_count(user: User) -> int:
    return Reminder.objects.filter(_open_reminders(), recipient=user, read_at__isnull=True).count()


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
