"""Small helpers shared by views: turning service errors into form errors, htmx-aware redirects."""

from collections.abc import Callable

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django_htmx.http import HttpResponseClientRedirect

from coordination.errors import BusinessRuleError


def run_service[T](form: forms.Form, service: Callable[..., T], /, **kwargs) -> T | None:
    """Calls a service; a broken business rule becomes a non-field error on the form (and None)."""
    try:
        return service(**kwargs)
    except BusinessRuleError as error:
        for message in error.messages:
            form.add_error(None, message)
        return None


def redirect_after_post(request: HttpRequest, url: str) -> HttpResponse:
    """Post/redirect/get, also when the form was sent by htmx (full navigation)."""
    if request.htmx:
        return HttpResponseClientRedirect(url)
    return redirect(url)
