"""Every text is content: actions, meetings, level changes and transitions get the agency they were
written for (and a category where they had none); a handled reminder's note lives in the log."""

import django.db.models.deletion
from django.db import migrations, models

from coordination.models.append_only import create_append_only_triggers, drop_append_only_triggers

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
LEVEL_TABLE = ["pathways_levelchange"]


def backfill(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # Check the new foreign keys now, so the NOT NULL step after this can alter the tables.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    # The best record of "written for" that existed: the writer's agency, else the youth's origin.
    for model, writer in (("Action", "created_by"), ("Meeting", "created_by"), ("Transition", "created_by")):
        Model = apps.get_model("pathways", model)
        for row in Model.objects.select_related(writer, "youth"):
            row.agency_id = getattr(row, writer).agency_id or row.youth.originating_agency_id
            row.save(update_fields=["agency"])
    # Level changes are append-only: the trigger is lifted for this one deliberate schema step only.
    drop_append_only_triggers(schema_editor, LEVEL_TABLE)
    LevelChange = apps.get_model("pathways", "LevelChange")
    for change in LevelChange.objects.select_related("changed_by", "youth"):
        agency = change.changed_by.agency_id or change.youth.originating_agency_id
        LevelChange.objects.filter(pk=change.pk).update(agency_id=agency)
    create_append_only_triggers(schema_editor, LEVEL_TABLE)


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
    dependencies = [
        ("coordination", "0007_content_agency_and_category"),
        ("pathways", "0005_layout_meeting_version_no_action_follow_up"),
    ]

    operations = [
        migrations.RemoveField("lapse", "handled_note"),
        migrations.AddField(
            "lapse",
            "handled_entry",
            models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="pathways.logentry",
            ),
        ),
        migrations.AddField("action", "agency", agency_field(null=True)),
        migrations.AddField("meeting", "agency", agency_field(null=True)),
        migrations.AddField("transition", "agency", agency_field(null=True)),
        migrations.AddField("transition", "category", category_field()),
        migrations.AddField("levelchange", "agency", agency_field(null=True)),
        migrations.AddField("levelchange", "category", category_field()),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AlterField("action", "agency", agency_field(null=False)),
        migrations.AlterField("meeting", "agency", agency_field(null=False)),
        migrations.AlterField("transition", "agency", agency_field(null=False)),
        migrations.AlterField("levelchange", "agency", agency_field(null=False)),
    ]
