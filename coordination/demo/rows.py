"""Where the demo builders put their rows: ids allocated here, written in bulk.

Builders never need ids back from the database, so a whole chunk of youths is written at once: on
PostgreSQL with COPY (tens of thousands of rows a second, no model instances), elsewhere (the
embedded SQLite demo) with bulk_create. Afterwards the sequences are moved past the new rows.
Append-only rows are only ever inserted, like the services do.

On PostgreSQL the foreign keys of the tables written are dropped for the load and added back at the
end, which checks every row in one set-based pass per key (PostgreSQL's own advice for populating
a database); checked row by row at COMMIT they took longer than writing the rows.
"""

from collections import Counter
from contextlib import contextmanager

from django.core.management.color import no_style
from django.db import connection, reset_queries
from django.db.models import Max
from django.db.models.expressions import DatabaseDefault

BATCH_SIZE = 2000


def _default(field):
    # A field with only a database default (db_default) names it as a DatabaseDefault marker, which COPY
    # cannot write: write the literal the database would use.
    value = field.get_default()
    if isinstance(value, DatabaseDefault):
        return field.db_default.value if hasattr(field.db_default, "value") else field.db_default
    return value


class Rows:
    def __init__(self, models):
        """`models` in insertion order: foreign keys point backwards in the list."""
        self.models = list(models)
        self.copy = connection.vendor == "postgresql"
        self.counts: Counter[str] = Counter()
        self.buffers: dict[type, list[dict]] = {model: [] for model in self.models}
        self.names = {
            model: ", ".join(connection.ops.quote_name(f.column) for f in model._meta.concrete_fields)
            for model in self.models
        }
        # Defaults once per model (a callable default such as timezone.now is the same for the batch).
        self.defaults = {
            model: {f.attname: _default(f) for f in model._meta.concrete_fields} for model in self.models
        }
        self.next_id = {
            model: (model._base_manager.aggregate(m=Max("pk"))["m"] or 0) + 1 for model in self.models
        }

    def new_id(self, model) -> int:
        value = self.next_id[model]
        self.next_id[model] = value + 1
        return value

    def add(self, model, **values) -> int:
        """Queues a row; returns its id (allocated here unless given)."""
        if "id" not in values:
            values["id"] = self.new_id(model)
        self.buffers[model].append(values)
        return values["id"]

    def flush(self) -> None:
        for model in self.models:
            rows = self.buffers[model]
            if not rows:
                continue
            if self.copy:
                self._copy(model, rows)
            else:
                model._base_manager.bulk_create([model(**row) for row in rows], batch_size=BATCH_SIZE)
            self.counts[model._meta.label] += len(rows)
            rows.clear()
        reset_queries()  # DEBUG keeps every query; the embedded default runs with DEBUG on

    def _copy(self, model, rows: list[dict]) -> None:
        defaults = self.defaults[model]  # keyed by column, in column order
        names = self.names[model]
        table = connection.ops.quote_name(model._meta.db_table)
        with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            write = copy.write_row
            for row in rows:
                # Merging into the defaults keeps the column order (and runs in C).
                write(tuple({**defaults, **row}.values()))

    def reset_sequences(self) -> None:
        statements = connection.ops.sequence_reset_sql(no_style(), self.models)
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)


@contextmanager
def foreign_keys_checked_at_the_end(models):
    """Within the caller's transaction: a failed check rolls the whole load back, keys included."""
    if connection.vendor != "postgresql":
        yield
        return
    quote = connection.ops.quote_name
    tables = sorted({model._meta.db_table for model in models})
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s) ORDER BY 1, 2",
            [tables],
        )
        keys = cursor.fetchall()
        for table, name, _definition in keys:
            cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
    yield
    with connection.cursor() as cursor:
        for table, name, definition in keys:
            cursor.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")
