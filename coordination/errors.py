"""Errors raised by services; views turn them into messages in the user's language."""

from django.core.exceptions import ValidationError


class BusinessRuleError(ValidationError):
    """A request that breaks a rule of the domain. The message is translatable and user-facing."""


class ConcurrentEditError(BusinessRuleError):
    """Somebody else saved the same object since this user opened it."""
