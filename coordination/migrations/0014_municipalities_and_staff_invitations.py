# Municipality as a first-class concept, the municipality administrator, staff invitations.
#
# Agency.municipality was free text; it becomes a foreign key to Municipality. The data migration makes
# one Municipality per distinct name (spaces tidied, case ignored: "Trondheim" and "trondheim " are
# one), and points each agency at it. Reversible: going back writes the names into the text again (the
# municipality numbers and the `serves` lists are new and are dropped).

import django.core.validators
import django.db.models.deletion
import django.db.models.functions.text
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def _checks_now(schema_editor):
    # The agencies' new foreign keys are checked at once, not at commit: PostgreSQL refuses to alter
    # a table that still has pending (deferred) trigger events, and the old column is dropped next.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def _checks_at_commit(schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")


def municipalities_from_text(apps, schema_editor):
    Agency = apps.get_model("coordination", "Agency")
    Municipality = apps.get_model("coordination", "Municipality")
    _checks_now(schema_editor)
    by_name = {}
    for agency in Agency.objects.order_by("pk"):
        name = " ".join(agency.municipality_text.split())
        if not name:
            continue
        municipality = by_name.get(name.lower())
        if municipality is None:
            municipality = by_name[name.lower()] = Municipality.objects.create(name=name[:100])
        agency.municipality = municipality
        agency.save(update_fields=["municipality"])
    _checks_at_commit(schema_editor)


def municipalities_to_text(apps, schema_editor):
    Agency = apps.get_model("coordination", "Agency")
    _checks_now(schema_editor)
    for agency in Agency.objects.filter(municipality__isnull=False).select_related("municipality"):
        agency.municipality_text = agency.municipality.name
        agency.save(update_fields=["municipality_text"])
    _checks_at_commit(schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ("coordination", "0013_handover_reassigned"),
    ]

    operations = [
        migrations.CreateModel(
            name="Municipality",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=100, verbose_name="name")),
                (
                    "number",
                    models.CharField(
                        blank=True,
                        max_length=4,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[0-9]{4}\\Z", "A municipality number has four digits, for example 5001."
                            )
                        ],
                        verbose_name="municipality number",
                    ),
                ),
            ],
            options={
                "verbose_name": "municipality",
                "verbose_name_plural": "municipalities",
                "ordering": ["name"],
                "constraints": [
                    models.UniqueConstraint(
                        django.db.models.functions.text.Lower("name"), name="municipality_name_unique"
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("number", ""), _negated=True),
                        fields=("number",),
                        name="municipality_number_unique",
                    ),
                ],
            },
        ),
        migrations.RenameField(model_name="agency", old_name="municipality", new_name="municipality_text"),
        migrations.AddField(
            model_name="agency",
            name="municipality",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="agencies",
                to="coordination.municipality",
                verbose_name="municipality",
            ),
        ),
        migrations.AddField(
            model_name="agency",
            name="serves",
            field=models.ManyToManyField(
                blank=True,
                related_name="served_by",
                to="coordination.municipality",
                verbose_name="serves the municipalities",
            ),
        ),
        migrations.RunPython(municipalities_from_text, municipalities_to_text),
        migrations.RemoveField(model_name="agency", name="municipality_text"),
        migrations.AddField(
            model_name="user",
            name="is_municipality_admin",
            field=models.BooleanField(db_default=False, default=False, verbose_name="municipality administrator"),
        ),
        migrations.CreateModel(
            name="StaffInvitation",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("token_hash", models.CharField(max_length=64, unique=True)),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("expires_at", models.DateTimeField()),
                ("password_set_at", models.DateTimeField(blank=True, null=True)),
                ("accepted_at", models.DateTimeField(blank=True, null=True)),
                ("revoked_at", models.DateTimeField(blank=True, null=True)),
                (
                    "invited_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="staff_invitations",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at"],
                "indexes": [models.Index(fields=["user", "-created_at"], name="staffinvitation_user")],
            },
        ),
    ]
