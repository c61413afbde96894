"""A handover is a request the receiver accepts; until then the old holder stays responsible."""

import pytest

from coordination.errors import BusinessRuleError
from coordination.models import Handover, HandoverStatus, StafettholderPeriod, Youth
from coordination.services.handovers import (
    handover_accept,
    handover_cancel,
    handover_decline,
    handover_request,
)
from pathways.models import LogEntry


def _holder(youth) -> int:
    return Youth.objects.get(pk=youth.pk).stafettholder_id


def test_request_leaves_old_holder_responsible(cast):
    handover = handover_request(
        actor=cast.holder, youth=cast.youth, to_user=cast.member, note="Flytter skole"
    )
    assert handover.status == HandoverStatus.PENDING
    assert _holder(cast.youth) == cast.holder.pk


def test_accept_moves_the_baton_and_keeps_history(cast):
    handover = handover_request(actor=cast.holder, youth=cast.youth, to_user=cast.member, note="")
    handover_accept(actor=cast.member, handover=handover)
    assert _holder(cast.youth) == cast.member.pk
    periods = StafettholderPeriod.objects.filter(youth=cast.youth).order_by("started_at")
    assert [(p.user_id, p.ended_at is None) for p in periods] == [
        (cast.holder.pk, False),
        (cast.member.pk, True),
    ]
    assert LogEntry.objects.filter(youth=cast.youth, kind="handover").count() == 2


def test_only_the_receiver_can_accept(cast):
    handover = handover_request(actor=cast.holder, youth=cast.youth, to_user=cast.member, note="")
    with pytest.raises(BusinessRuleError):
        handover_accept(actor=cast.holder, handover=handover)
    assert _holder(cast.youth) == cast.holder.pk


def test_decline_needs_a_reason_and_keeps_the_holder(cast):
    handover = handover_request(actor=cast.holder, youth=cast.youth, to_user=cast.member, note="")
    with pytest.raises(BusinessRuleError):
        handover_decline(actor=cast.member, handover=handover, note="  ")
    handover_decline(actor=cast.member, handover=handover, note="Har ikke kapasitet nå")
    assert Handover.objects.get(pk=handover.pk).status == HandoverStatus.DECLINED
    assert _holder(cast.youth) == cast.holder.pk


def test_answered_handover_cannot_be_accepted_later(cast):
    handover = handover_request(actor=cast.holder, youth=cast.youth, to_user=cast.member, note="")
    handover_cancel(actor=cast.holder, handover=handover)
    with pytest.raises(BusinessRuleError):
        handover_accept(actor=cast.member, handover=handover)
    assert _holder(cast.youth) == cast.holder.pk


def test_only_holder_can_request_and_only_one_at_a_time(cast):
    with pytest.raises(BusinessRuleError):
        handover_request(actor=cast.member, youth=cast.youth, to_user=cast.holder, note="")
    handover_request(actor=cast.holder, youth=cast.youth, to_user=cast.member, note="")
    with pytest.raises(BusinessRuleError):
        handover_request(actor=cast.holder, youth=cast.youth, to_user=cast.member, note="")


def test_receiver_must_be_on_the_team(cast):
    with pytest.raises(BusinessRuleError):
        handover_request(actor=cast.holder, youth=cast.youth, to_user=cast.outsider, note="")


def test_handover_pages_flow(cast, client, login):
    login(cast.holder)
    response = client.post(
        f"/ungdommer/{cast.youth.pk}/stafett/ny/", {"to_user": cast.member.pk, "note": "Hei"}
    )
    assert response.status_code == 302
    handover = Handover.objects.get(youth=cast.youth)
    login(cast.member)
    assert cast.youth.full_name.encode() in client.get("/stafetter/").content
    response = client.post(
        f"/ungdommer/{cast.youth.pk}/stafett/{handover.pk}/svar/", {"accept": "1", "note": ""}
    )
    assert response.status_code == 302
    assert _holder(cast.youth) == cast.member.pk


def test_team_member_who_is_not_holder_is_refused_the_handover_form(cast, client, login):
    login(cast.member)
    assert client.get(f"/ungdommer/{cast.youth.pk}/stafett/ny/").status_code == 403


def test_team_member_is_found_by_search_and_added(cast, client, login):
    from coordination.models import TeamMembership

    login(cast.holder)
    html = client.get(f"/ungdommer/{cast.youth.pk}/team/?sok=outsider").content.decode()
    assert f'value="{cast.outsider.pk}"' in html
    partial = client.get(
        f"/ungdommer/{cast.youth.pk}/team/?sok=outsider",
        headers={"HX-Request": "true", "HX-Target": "candidates"},
    )
    assert (
        "<html" not in partial.content.decode() and f'value="{cast.outsider.pk}"' in partial.content.decode()
    )
    response = client.post(
        f"/ungdommer/{cast.youth.pk}/team/ny/", {"user": cast.outsider.pk, "role": "Behandler"}
    )
    assert response.status_code == 302
    assert TeamMembership.objects.filter(youth=cast.youth, user=cast.outsider, ended_on__isnull=True).exists()


def test_only_the_stafettholder_adds_team_members(cast, client, login):
    from coordination.models import TeamMembership

    login(cast.member)
    response = client.post(f"/ungdommer/{cast.youth.pk}/team/ny/", {"user": cast.outsider.pk, "role": "x"})
    assert response.status_code == 403
    assert not TeamMembership.objects.filter(user=cast.outsider).exists()
