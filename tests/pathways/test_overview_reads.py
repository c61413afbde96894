"""What the youth overview shows after its reads were merged (issue 12): the missed appointments owed
a follow-up however far back they are, the pending handover, and the emergency banner on every page
while an emergency access lasts (read with the user, not in a query of its own)."""

import datetime

import time_machine
from django.urls import reverse
from django.utils import timezone

from coordination.models import Handover, HandoverStatus
from coordination.services.emergency import emergency_access_start
from tests import factories


def test_an_old_missed_appointment_is_listed_until_someone_follows_up(cast, client, login):
    now = timezone.now()
    days = datetime.timedelta(days=1)
    factories.log_entry(
        cast.youth, cast.holder, kind="missed", text="Kom ikke til timen", occurred_at=now - 40 * days
    )
    # Ten notes after it: the missed appointment is outside the eight latest entries.
    for day in range(10):
        factories.log_entry(cast.youth, cast.holder, kind="note", occurred_at=now - (day + 1) * days)
    login(cast.holder)
    page = client.get(f"/ungdommer/{cast.youth.pk}/").content.decode()
    assert "Kom ikke til timen" in page
    factories.log_entry(cast.youth, cast.holder, kind="phone", occurred_at=now - 20 * days)
    page = client.get(f"/ungdommer/{cast.youth.pk}/").content.decode()
    assert "Kom ikke til timen" not in page  # followed up; and older than the eight latest


def test_the_pending_handover_is_shown_on_the_overview(cast, client, login):
    login(cast.member)
    overview = f"/ungdommer/{cast.youth.pk}/"
    handover = Handover.objects.create(
        youth=cast.youth,
        from_user=cast.holder,
        to_user=cast.member,
        note="Skolen følger opp",
        status=HandoverStatus.PENDING,
    )
    answer = reverse("handover_answer", args=[cast.youth.pk, handover.pk])
    assert answer in client.get(overview).content.decode()
    Handover.objects.filter(pk=handover.pk).update(status=HandoverStatus.CANCELLED)
    assert answer not in client.get(overview).content.decode()


def test_the_emergency_banner_lasts_as_long_as_the_access(cast, client, login):
    other = factories.youth(holder=cast.holder, last_name="Annen")
    factories.add_member(other, cast.member)
    login(cast.member)
    banner = f'href="/ungdommer/{cast.youth.pk}/"'
    assert banner not in client.get(f"/ungdommer/{other.pk}/").content.decode()
    reason = "Akutt situasjon, må se planen"
    emergency = emergency_access_start(actor=cast.member, youth=cast.youth, reason=reason)
    assert banner in client.get(f"/ungdommer/{other.pk}/").content.decode()
    with time_machine.travel(emergency.expires_at + datetime.timedelta(minutes=1), tick=False):
        login(cast.member)
        assert banner not in client.get(f"/ungdommer/{other.pk}/").content.decode()
