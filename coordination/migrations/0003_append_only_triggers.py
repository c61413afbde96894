from django.db import migrations

from coordination.models.append_only import create_append_only_triggers, drop_append_only_triggers

TABLES = ["coordination_consentevent", "coordination_consenteventscope", "coordination_accesslogentry"]


class Migration(migrations.Migration):
    dependencies = [("coordination", "0002_consent_and_access_records")]

    operations = [
        migrations.RunPython(
            lambda apps, schema_editor: create_append_only_triggers(schema_editor, TABLES),
            lambda apps, schema_editor: drop_append_only_triggers(schema_editor, TABLES),
        ),
    ]
