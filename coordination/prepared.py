"""Queries of a fixed shape, compiled to SQL once per process instead of on every request.

Django builds and compiles a queryset anew each time it runs. For the few queries every request sends
(the signed-in user, the access check of a youth page) that is most of their cost: at 50 000 youths the
access check spent about 7 of its 9 ms building and compiling, 1.5 in PostgreSQL. A prepared query is an
ordinary function that builds a queryset from its arguments. It is built and compiled once, with a
stand-in value of the annotated type for each argument; a call sends that SQL with its own values in the
stand-ins' places and turns the rows into model instances as the queryset would.

Only SQL text is kept, never a row: what one user reads cannot reach another, and a consent change
shows on the next query exactly as before. Because the function runs once, it must not branch on its
arguments or read the clock: every date or time in its SQL has to be an argument (checked when it is
prepared), and with PREPARED_QUERIES_CHECK (the test suite) every call also builds the queryset with
the call's own values and fails unless Django compiles exactly the same SQL and parameters.

PostgreSQL only: psycopg takes dates and times as they are, where SQLite's backend (the demo) turns them
into text first, so there a prepared query simply runs its queryset each time.
"""

import copy
import datetime
import inspect
import threading
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import CharField, Lookup, QuerySet

_STAND_IN = {
    # Values no real row or argument has, one type each (an argument is found by type and value).
    int: lambda i: -987_654_300 - i,
    str: lambda i: f"\x1fprepared-stand-in-{i}\x1f",
    datetime.date: lambda i: datetime.date(1111, 1, 1 + i),
    datetime.datetime: lambda i: datetime.datetime(1111, 1, 1, 0, 0, i, tzinfo=datetime.UTC),
    # A list goes as one parameter (an array) where the SQL takes it so, e.g. `field__any_of`.
    list[str]: lambda i: [f"\x1fprepared-stand-in-{i}\x1f"],
}


@CharField.register_lookup
class AnyOf(Lookup):
    """`field__any_of=[...]`: on PostgreSQL the list is one parameter (`= ANY(%s)`), so the SQL is the
    same for any number of values, as a prepared query needs (`__in` writes one placeholder a value).
    Elsewhere an IN list, as `__in`."""

    lookup_name = "any_of"
    prepare_rhs = False

    def _values(self, connection) -> list:
        return [self.lhs.output_field.get_db_prep_value(value, connection) for value in self.rhs]

    def as_sql(self, compiler, connection):
        values = self._values(connection)
        if not values:
            raise EmptyResultSet
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} IN ({', '.join(['%s'] * len(values))})", (*lhs_params, *values)

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", (*lhs_params, self._values(connection))


class PreparedQueryError(TypeError):
    """The function cannot be prepared: it would not give the same SQL for every argument."""


def _same(value, stand_in) -> bool:
    # Django may wrap a value in a subclass that tells psycopg its SQL type (psycopg.types.numeric.Int8).
    return isinstance(value, type(stand_in)) and value == stand_in


class _Compiled:
    """The compiled SQL of one database alias, and where each argument's value goes in its parameters."""

    def __init__(self, queryset: QuerySet, stand_ins: dict[str, object], using: str):
        if queryset._prefetch_related_lookups:
            raise PreparedQueryError("a prepared query cannot prefetch (it would run more queries)")
        self.compiler = queryset.query.get_compiler(using=using)
        self.sql, params = self.compiler.as_sql()
        self.query = queryset.query
        self.queryset = queryset
        # Per parameter: the argument it takes and the type Django gave it, or None (a constant).
        self.slots: list[tuple[str, type] | None] = []
        for param in params:
            name = next((n for n, s in stand_ins.items() if _same(param, s)), None)
            if name is None and isinstance(param, datetime.date):
                raise PreparedQueryError(f"a date or time in the SQL is not an argument: {param!r}")
            self.slots.append(None if name is None else (name, type(param)))
        self.constants = list(params)
        if missing := set(stand_ins) - {slot[0] for slot in self.slots if slot}:
            raise PreparedQueryError(f"arguments not sent as parameters as given: {sorted(missing)}")

    def params(self, values: dict[str, object]) -> tuple:
        return tuple(
            constant if slot is None else _as(slot[1], values[slot[0]])
            for slot, constant in zip(self.slots, self.constants, strict=True)
        )


def _as(kind: type, value):
    return value if type(value) is kind else kind(value)


class _BoundQuery:
    """Stands in for the Query of one call: hands Django's iterable a copy of the compiled-once compiler
    that sends the prepared SQL with this call's parameters. Everything else is the shape, read from
    the prototype."""

    def __init__(self, compiled: _Compiled, params: tuple):
        self._compiled = compiled
        self._params = params

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        compiler = copy.copy(self._compiled.compiler)
        compiler.connection = connection or connections[using]
        sql, params = self._compiled.sql, self._params
        compiler.as_sql = lambda *args, **kwargs: (sql, params)
        return compiler

    def __getattr__(self, name):
        return getattr(self._compiled.query, name)


class PreparedQuery:
    def __init__(self, build: Callable[..., QuerySet]):
        self.build = build
        self.__doc__ = build.__doc__
        self.__name__ = build.__name__
        signature = inspect.signature(build, eval_str=True)
        self._stand_ins = {}
        for i, (name, parameter) in enumerate(signature.parameters.items()):
            if parameter.annotation not in _STAND_IN:
                raise PreparedQueryError(
                    f"{build.__name__}({name}): annotate it as int, str, list[str], date or datetime"
                )
            self._stand_ins[name] = _STAND_IN[parameter.annotation](i)
        self._compiled: dict[str, _Compiled] = {}
        self._lock = threading.Lock()

    def _compiled_for(self, using: str) -> _Compiled:
        compiled = self._compiled.get(using)
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(using)
                if compiled is None:
                    compiled = _Compiled(self.build(**self._stand_ins), self._stand_ins, using)
                    self._compiled[using] = compiled
        return compiled

    def _check(self, compiled: _Compiled, params: tuple, values: dict, using: str) -> None:
        expected = self.build(**values).query.get_compiler(using=using).as_sql()
        if (compiled.sql, params) != (expected[0], tuple(expected[1])):
            raise PreparedQueryError(f"{self.__name__} gives other SQL for {values!r} than prepared")

    def _preparable(self, values: dict) -> bool:
        """Whether this call can use the prepared SQL: on PostgreSQL, and with no argument None (for
        which Django writes IS NULL, another shape: such a call compiles the ordinary way)."""
        if values.keys() != self._stand_ins.keys():
            raise TypeError(f"{self.__name__}() takes {sorted(self._stand_ins)}, got {sorted(values)}")
        for name, value in values.items():
            # Django would convert a value of another type; the prepared SQL sends what it gets.
            stand_in = self._stand_ins[name]
            if value is not None and type(value) is not type(stand_in):
                raise TypeError(f"{self.__name__}({name}=...) must be {type(stand_in).__name__}")
            if isinstance(value, list) and not all(type(item) is str for item in value):
                raise TypeError(f"{self.__name__}({name}=...) must be a list of str")
        return connections["default"].vendor == "postgresql" and None not in values.values()

    def _bind(self, values: dict, using: str = "default") -> tuple[_Compiled, tuple]:
        compiled = self._compiled_for(using)
        params = compiled.params(values)
        if getattr(settings, "PREPARED_QUERIES_CHECK", False):
            self._check(compiled, params, values, using)
        return compiled, params

    def __call__(self, **values) -> list:
        """The rows, as the queryset would give them (model instances, or values() rows)."""
        if not self._preparable(values):
            return list(self.build(**values))
        compiled, params = self._bind(values)
        prototype = compiled.queryset
        queryset = QuerySet(model=prototype.model, query=_BoundQuery(compiled, params))
        queryset._iterable_class = prototype._iterable_class
        queryset._fields = prototype._fields
        return list(queryset)


def prepared(build: Callable[..., QuerySet]) -> PreparedQuery:
    """Decorator: `build(**arguments) -> QuerySet`, annotated, becomes a query compiled once."""
    return PreparedQuery(build)
