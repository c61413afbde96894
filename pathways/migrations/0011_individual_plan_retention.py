"""Records retention may delete an individual plan's frozen versions (pathways/services/retention.py),
through the same deliberate window as every other append-only table; updates stay refused."""

from django.db import migrations

from coordination.models.append_only import allow_retention_deletes

PLAN_TABLES = ["pathways_planversion", "pathways_planversionitem", "pathways_planagreement"]


def forwards(apps, schema_editor):
    # On PostgreSQL this (re)installs the one trigger function with the window, whichever of the two
    # 0009 migrations ran last; on SQLite it gives the plan tables the window's delete triggers.
    allow_retention_deletes(schema_editor, PLAN_TABLES)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for table in PLAN_TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
            schema_editor.execute(
                f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )


class Migration(migrations.Migration):
    dependencies = [("pathways", "0010_merge_0009_individual_plan_0009_retention")]

    operations = [migrations.RunPython(forwards, backwards)]
