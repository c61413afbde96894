from django.db import migrations

from coordination.models.append_only import create_append_only_triggers, drop_append_only_triggers

TABLES = ["pathways_logentry", "pathways_evaluation", "pathways_levelchange"]


class Migration(migrations.Migration):
    dependencies = [("pathways", "0001_initial")]

    operations = [
        migrations.RunPython(
            lambda apps, schema_editor: create_append_only_triggers(schema_editor, TABLES),
            lambda apps, schema_editor: drop_append_only_triggers(schema_editor, TABLES),
        ),
    ]
