"""The access log (innsynslogg): every read and change of a youth's record. Append-only."""

from django.conf import settings
from django.db import connections, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination.models.agencies import Agency
from coordination.models.append_only import AppendOnlyModel, AppendOnlyQuerySet
from coordination.models.choices import ChoiceLabels
from coordination.models.emergency import EmergencyAccess
from coordination.models.youths import Youth


class AccessAction(models.TextChoices):
    VIEW = "view", _("Viewed")
    CHANGE = "change", _("Changed")
    # Someone tried to register a youth who is already registered (they were not told).
    REGISTRATION = "register", _("Tried to register")


class AccessLogQuerySet(AppendOnlyQuerySet):
    def record_many(self, *, user_id: int, agency_id: int | None, role: str, youth_ids: list[int], **row):
        """One row a youth, alike but for the youth, in one INSERT (also the one row of a youth page).
        On PostgreSQL the youths are one array parameter (INSERT ... SELECT FROM unnest): a list page
        writes its 25 rows in a fifth of the time bulk_create spent building and compiling 25 model
        instances, and a youth page its row without building one."""
        if not youth_ids:
            return
        at = timezone.now()
        if connections[self.db].vendor != "postgresql":
            self.bulk_create(
                AccessLogEntry(user_id=user_id, agency_id=agency_id, role=role, youth_id=y, at=at, **row)
                for y in youth_ids
            )
            return
        fields = {"user_id": user_id, "agency_id": agency_id, "role": role, **row, "at": at}
        meta = self.model._meta
        columns = [meta.get_field(name).column for name in fields]
        sql = "INSERT INTO {table} ({columns}, {youth}) SELECT {values}, unnest(%s::bigint[])".format(
            table=meta.db_table,
            columns=", ".join(columns),
            youth=meta.get_field("youth").column,
            values=", ".join(["%s"] * len(fields)),
        )
        with connections[self.db].cursor() as cursor:
            cursor.execute(sql, [*fields.values(), list(youth_ids)])


class AccessLogEntry(ChoiceLabels, AppendOnlyModel):
    """Who looked at or changed a youth's record, when and in what role. Append-only."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, related_name="+")
    role = models.CharField(_("role"), max_length=20)
    # No index of its own: access_log_youth_newest leads with the youth and serves every lookup by
    # youth. With a youth-only index beside it, the planner (told by stale statistics that a youth
    # has one row) read a youth's whole log through it and sorted it: 24 ms for a page of 50 rows
    # of 5 800, against well under a millisecond from the ordered index.
    youth = models.ForeignKey(Youth, on_delete=models.PROTECT, related_name="access_log", db_index=False)
    action = models.CharField(max_length=8, choices=AccessAction.choices)
    what = models.CharField(_("what"), max_length=200)
    emergency = models.ForeignKey(EmergencyAccess, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            # In the pages' order (newest first, id breaking ties): a page of a long log is read
            # from the index even while the statistics still think the youth has few rows.
            models.Index(fields=["youth", "-at", "-id"], name="access_log_youth_newest"),
            models.Index(fields=["user", "-at"]),
            # The team lead's unusual-access report reads one agency's recent rows.
            models.Index(fields=["agency", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.action} {self.youth_id} {self.at:%Y-%m-%d %H:%M}"
