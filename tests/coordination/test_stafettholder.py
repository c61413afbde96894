"""Exactly one active stafettholder per active youth, enforced by the database and the services."""

import pytest
from django.db import IntegrityError, transaction

from coordination.errors import BusinessRuleError
from coordination.models import StafettholderPeriod, TeamMembership, Youth
from tests import factories


def test_registering_a_youth_makes_the_actor_holder_and_team_member(cast):
    assert cast.youth.stafettholder == cast.holder
    assert TeamMembership.objects.filter(youth=cast.youth, user=cast.holder, ended_on__isnull=True).exists()
    assert StafettholderPeriod.objects.get(youth=cast.youth, ended_at__isnull=True).user == cast.holder


def test_database_refuses_an_active_youth_without_holder(cast):
    with pytest.raises(IntegrityError), transaction.atomic():
        Youth.objects.filter(pk=cast.youth.pk).update(stafettholder=None)


def test_database_refuses_two_open_holder_periods(cast):
    with pytest.raises(IntegrityError), transaction.atomic():
        StafettholderPeriod.objects.create(youth=cast.youth, user=cast.member)


def test_closed_youth_may_keep_or_lose_holder_but_active_may_not(cast):
    Youth.objects.filter(pk=cast.youth.pk).update(status="closed")
    Youth.objects.filter(pk=cast.youth.pk).update(stafettholder=None)  # allowed once closed
    with pytest.raises(IntegrityError), transaction.atomic():
        Youth.objects.filter(pk=cast.youth.pk).update(status="active")


def test_staff_without_agency_cannot_register_a_youth(db):
    admin = factories.staff(agency=None)
    with pytest.raises(BusinessRuleError):
        factories.youth(holder=admin)
