"""Append-only rows: refused by the model, by the queryset and by a database trigger.

The model layer refuses first, but the database is the last line: raw SQL, admin bulk actions or a
future bug must not be able to rewrite the record. The triggers are created by migrations.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connections, models


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove a row that may only ever be appended."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model.__name__} rows are append-only and cannot be updated.")

    def delete(self):
        raise AppendOnlyError(f"{self.model.__name__} rows are append-only and cannot be deleted.")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} rows are append-only; add a correction instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} rows are append-only and cannot be deleted.")


FUNCTION_SQL = """
CREATE OR REPLACE FUNCTION stafett_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql
"""


def create_append_only_triggers(schema_editor, tables: list[str]) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        # The body holds PL/pgSQL '%' placeholders, not the driver's: no parameter substitution. Once
        # retention exists (pathways 0009), the one function knows its window: a later migration that
        # adds append-only tables must not replace it with the one that refuses everything.
        tables_exist = schema_editor.connection.introspection.table_names()
        retention = "pathways_retentionrun" in tables_exist
        schema_editor.execute(FUNCTION_WITH_RETENTION_SQL if retention else FUNCTION_SQL, params=None)
    for table in tables:
        if vendor == "postgresql":
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION stafett_refuse_change()"
            )
        elif vendor == "sqlite":
            for operation in ("UPDATE", "DELETE"):
                schema_editor.execute(
                    f"CREATE TRIGGER {table}_no_{operation.lower()} BEFORE {operation} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
                )


def drop_append_only_triggers(schema_editor, tables: list[str]) -> None:
    vendor = schema_editor.connection.vendor
    for table in tables:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        elif vendor == "sqlite":
            for operation in ("update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_{operation}")


# The one deliberate way to delete append-only rows: records retention (pathways/services/retention.py),
# inside its own transaction, logged in the retention log. Updates stay refused in every case.
RETENTION_SETTING = "stafett.retention_delete"
SQLITE_WINDOW_TABLE = "stafett_retention_window"

FUNCTION_WITH_RETENTION_SQL = f"""
CREATE OR REPLACE FUNCTION stafett_refuse_change() RETURNS trigger AS $$
BEGIN
    -- The retention log itself is never deleted, not even inside the window.
    IF TG_OP = 'DELETE' AND current_setting('{RETENTION_SETTING}', true) = 'on'
            AND TG_TABLE_NAME NOT LIKE 'pathways_retention%' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql
"""


def allow_retention_deletes(schema_editor, tables: list[str]) -> None:
    """Lets the triggers pass a DELETE inside an open retention window, and nothing else."""
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(FUNCTION_WITH_RETENTION_SQL, params=None)
    elif vendor == "sqlite":
        # SQLite has no session settings: the window is a row that exists only inside the retention
        # transaction (SQLite has one writer at a time, so no other connection sees it open).
        schema_editor.execute(f"CREATE TABLE IF NOT EXISTS {SQLITE_WINDOW_TABLE} (opened INTEGER)")
        for table in tables:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
            schema_editor.execute(
                f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "  # noqa: S608 - names from code
                f"WHEN NOT EXISTS (SELECT 1 FROM {SQLITE_WINDOW_TABLE}) "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )


def refuse_retention_deletes(schema_editor, tables: list[str]) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(FUNCTION_SQL, params=None)
    elif vendor == "sqlite":
        for table in tables:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
            schema_editor.execute(
                f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )
        schema_editor.execute(f"DROP TABLE IF EXISTS {SQLITE_WINDOW_TABLE}")


@contextmanager
def retention_delete_window(connection) -> Iterator[None]:
    """Opens the retention window for the current transaction only. Called by the retention service
    and nowhere else (tests/pathways/test_retention.py checks the source)."""
    if not connection.in_atomic_block:
        raise AppendOnlyError("The retention window opens only inside a transaction.")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # is_local = true: the setting ends with the transaction, even if this block is left early.
            cursor.execute("SELECT set_config(%s, 'on', true)", [RETENTION_SETTING])
        else:
            cursor.execute(f"INSERT INTO {SQLITE_WINDOW_TABLE} (opened) VALUES (1)")  # noqa: S608
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT set_config(%s, 'off', true)", [RETENTION_SETTING])
            else:
                cursor.execute(f"DELETE FROM {SQLITE_WINDOW_TABLE}")  # noqa: S608


def raw_delete(queryset) -> int:
    """DELETE the queryset's rows in one statement, without Django's collector (which would refuse
    append-only and protected rows before the database is asked). Used only inside the window."""
    model = queryset.model
    connection = connections[queryset.db]
    quote = connection.ops.quote_name
    sql, params = queryset.values("pk").query.sql_with_params()
    # Table and column names come from the model; the rest is Django's own SQL with parameters.
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {quote(model._meta.db_table)} WHERE {quote(model._meta.pk.column)} IN ({sql})",  # noqa: S608
            params,
        )
        return cursor.rowcount
