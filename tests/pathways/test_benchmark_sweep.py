"""The sweep benchmark command stays runnable (a small data set; the real run is 50 000 youths)."""

from io import StringIO

from django.core.management import call_command

from coordination.models import Youth
from pathways.models import Action


def test_benchmark_sweep_seeds_and_reports(db):
    out = StringIO()
    call_command("benchmark_sweep", youths=60, actions_per_youth=3, stdout=out)
    report = out.getvalue()
    assert Youth.objects.count() == 60 and Action.objects.count() == 180
    for label in ("cold (go-live)", "warm (nothing new)", "after a day's work", "Slowest queries"):
        assert label in report
