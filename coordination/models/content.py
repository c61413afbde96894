"""Content: every text a person or the system writes about a youth, and the one rule that shows it.

A content model (log entries, goals, actions, evaluations, meetings, level changes, transitions, case
decisions, relatives, planned outreach; consents and handovers with rules of their own) carries the
agency it was written for and an information category. Whether a user may see it is decided once:

- in SQL, by `ContentQuerySet.visible_to(access)`, which keeps only the rows the user may see and
  marks each of them (`shown_to` = the user's id);
- in templates, only through `{% shown obj "field" %}` (coordination.templatetags.content), which
  prints a content field of an object that carries the mark for the signed-in user, and nothing else.

Templates cannot go around it: while a template renders, reading a content field directly
(`{{ entry.text }}`, `{{ goal }}`) is a violation (coordination.web.templates sets the flag). In
production a violation prints nothing and is logged as an error; with CONTENT_GUARD_STRICT (the test
suite) it raises, so a template that prints content the wrong way fails the tests that render it.
"""

import contextvars
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import models
from django.db.models import Case, Q, Value, When
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import class_prepared

from coordination.models.append_only import AppendOnlyModel, AppendOnlyQuerySet
from coordination.models.choices import ChoiceLabels

logger = logging.getLogger("stafett.content")

# Set while a template renders, and while the one rule reads a field for it.
RENDERING = contextvars.ContextVar("stafett_rendering_template", default=False)
_READING = contextvars.ContextVar("stafett_reading_content", default=False)


class ContentNotShown(Exception):
    """A template printed content that did not come through the visibility rule."""


def violation(message: str) -> None:
    if getattr(settings, "CONTENT_GUARD_STRICT", False):
        raise ContentNotShown(message)
    logger.error("content guard: %s", message)


class GuardedText(DeferredAttribute):
    """A content field's attribute: an ordinary field, except while a template renders, when only the
    visibility rule (`read`) may read it."""

    def __get__(self, instance, cls=None):
        if instance is not None and RENDERING.get() and not _READING.get():
            violation(f"{type(instance).__name__}.{self.field.attname} printed without {{% shown %}}")
            return ""
        return super().__get__(instance, cls)

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = value


class ContentQuerySet(models.QuerySet):
    def visible_to(self, access) -> "ContentQuerySet":
        """This youth's rows the user may see, each marked as shown to them."""
        model = self.model
        rows = self.filter(**{model.YOUTH_PATH: access.youth})
        return rows.filter(model.visibility(access)).annotate(shown_to=model.mark(access))

    def with_related(self, access, name: str) -> "ContentQuerySet":
        """Joins a related content row (one query, like select_related) and decides in the same SQL
        whether the user may see it; `related(obj, name)` then gives it, or None when hidden."""
        related = self.model._meta.get_field(name).related_model
        allowed = related.visibility(access, prefix=f"{name}__")
        shown = (
            Case(When(allowed, then=Value(True)), default=Value(False), output_field=models.BooleanField())
            if allowed
            else Value(True)  # an empty rule: the user sees every category (emergency access)
        )
        return self.select_related(name).annotate(**{f"{name}_shown": shown})


class ContentModel(ChoiceLabels, models.Model):
    """Base of every content model. Subclasses name their text fields in CONTENT_FIELDS; the row that
    holds youth, agency and category is the model itself unless VISIBILITY_PATH points elsewhere."""

    CONTENT_FIELDS: tuple[str, ...] = ()
    YOUTH_PATH = "youth"
    VISIBILITY_PATH = ""  # e.g. "missed_entry__": shown exactly when that row is

    objects = ContentQuerySet.as_manager()

    class Meta:
        abstract = True

    @classmethod
    def visibility(cls, access, prefix: str = "") -> Q:
        """The one rule, in SQL: a covered category, or written for the user's own agency."""
        path = prefix + cls.VISIBILITY_PATH
        return access.content(agency_field=f"{path}agency", category_field=f"{path}category")

    @classmethod
    def mark(cls, access):
        """What `shown_to` becomes on the rows that passed: the user's id (or NULL for a row listed
        whose text the user may not read, in models with rules of their own)."""
        return Value(access.user.pk, output_field=models.BigIntegerField())

    def visibility_owner(self):
        """The row whose mark decides whether this one is shown."""
        owner = self
        for part in filter(None, self.VISIBILITY_PATH.split("__")):
            owner = getattr(owner, part)
        return owner


def _is_marked_for(obj, user_id) -> bool:
    owner = obj.visibility_owner() if isinstance(obj, ContentModel) else obj
    mark = getattr(owner, "shown_to", None)
    return mark is not None and (user_id is None or mark == user_id)


def is_shown_to(obj, user_id: int) -> bool:
    """Whether the object came through the visibility rule for the user (its texts may be read)."""
    return _is_marked_for(obj, user_id)


def read(obj, field: str, user_id: int | None = None):
    """A content field of an object that came through the visibility rule (for `user_id`, or for
    whoever it was selected for when None, e.g. a form's choice labels); otherwise a violation."""
    if obj is None:
        return ""
    if not _is_marked_for(obj, user_id):
        violation(f"{type(obj).__name__}.{field} did not come through the visibility rule")
        return ""
    with reading():
        return getattr(obj, field)


def related(obj, name: str, user_id: int):
    """The related content row joined by `with_related`: marked for the user, or None if hidden."""
    row = getattr(obj, name)
    if not getattr(obj, f"{name}_shown", False):
        return None
    row.shown_to = user_id
    return row


@contextmanager
def reading() -> Iterator[None]:
    token = _READING.set(True)
    try:
        yield
    finally:
        _READING.reset(token)


def _guard_fields(sender, **kwargs) -> None:
    if issubclass(sender, ContentModel) and not sender._meta.abstract:
        for name in sender.CONTENT_FIELDS:
            field = sender._meta.get_field(name)
            setattr(sender, field.attname, GuardedText(field))


class_prepared.connect(_guard_fields, dispatch_uid="stafett_guard_content_fields")


class ManagedByConsentRule(ContentModel):
    """Consent texts (purpose, the youth's words, notes on events) stay with the consent: every team
    member sees what is shared with whom, but the texts only those who manage consent."""

    class Meta:
        abstract = True

    @classmethod
    def visibility(cls, access, prefix: str = "") -> Q:
        return Q()

    @classmethod
    def mark(cls, access):
        allowed = access.may.manage_consent
        return Value(access.user.pk if allowed else None, output_field=models.BigIntegerField())


class AppendOnlyContentQuerySet(AppendOnlyQuerySet, ContentQuerySet):
    pass


class AppendOnlyContentModel(AppendOnlyModel, ContentModel):
    """Content that is part of the record: appended, never changed (log entries, evaluations…)."""

    objects = AppendOnlyContentQuerySet.as_manager()

    class Meta:
        abstract = True
