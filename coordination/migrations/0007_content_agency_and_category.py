"""Case decisions and relatives are content: the agency they were written for and a category."""

import django.db.models.deletion
from django.db import migrations, models

CATEGORIES = [
    ("general", "General"),
    ("school", "School"),
    ("child_welfare", "Child welfare"),
    ("health", "Health"),
    ("mental_health", "Mental health"),
    ("substance_use", "Substance use"),
    ("police", "Police"),
    ("nav", "NAV"),
]


def backfill(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # Check the new foreign keys now, so the NOT NULL step after this can alter the tables.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    # The best record of "written for" that existed: the decider's agency, else the youth's origin.
    CaseDecision = apps.get_model("coordination", "CaseDecision")
    Relative = apps.get_model("coordination", "Relative")
    for decision in CaseDecision.objects.select_related("decided_by", "youth"):
        decision.agency_id = decision.decided_by.agency_id or decision.youth.originating_agency_id
        decision.save(update_fields=["agency"])
    for relative in Relative.objects.select_related("youth"):
        relative.agency_id = relative.youth.originating_agency_id
        relative.save(update_fields=["agency"])


def category_field():
    return models.CharField(
        choices=CATEGORIES, default="general", max_length=16, verbose_name="information category"
    )


def agency_field(null):
    return models.ForeignKey(
        null=null,
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to="coordination.agency",
        verbose_name="written for",
    )


class Migration(migrations.Migration):
    dependencies = [("coordination", "0006_access_log_agency_index")]

    operations = [
        migrations.AddField("casedecision", "agency", agency_field(null=True)),
        migrations.AddField("casedecision", "category", category_field()),
        migrations.AddField("relative", "agency", agency_field(null=True)),
        migrations.AddField("relative", "category", category_field()),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AlterField("casedecision", "agency", agency_field(null=False)),
        migrations.AlterField("relative", "agency", agency_field(null=False)),
    ]
