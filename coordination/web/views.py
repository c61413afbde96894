"""Helpers every view uses: run a service from a form or a button, the one htmx partial rule, paging.

A view reads as: access → form → `submit(...)` → `render_page(...)`. No view catches a
BusinessRuleError itself, so none can drop one.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template import TemplateDoesNotExist
from django_htmx.http import HttpResponseClientRedirect

from coordination.errors import BusinessRuleError

# A success message or a redirect target may depend on what the service returned.
Then = str | Callable[[Any], str]


def _resolve(value: Then, result: Any) -> str:
    return value(result) if callable(value) else value


def redirect_after_post(request: HttpRequest, url: str) -> HttpResponse:
    """Post/redirect/get, also when the form was sent by htmx (full navigation)."""
    if request.htmx:
        return HttpResponseClientRedirect(url)
    return redirect(url)


def submit(
    request: HttpRequest,
    form: forms.Form,
    service: Callable[..., Any],
    /,
    *,
    success: Then,
    then: Then,
    in_place: Callable[[Any], HttpResponse] | None = None,
    **kwargs,
) -> HttpResponse | None:
    """For a POST with a valid form: calls `service(**kwargs, **form.service_kwargs())`.

    Done: a success message and a redirect to `then`, or, for htmx with `in_place`, the response it
    builds from the result (the page updates where it is). A broken business rule: its message goes on
    the form and None comes back, so the view renders the form again with it. GET or invalid: None.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = service(**kwargs, **form.service_kwargs())
    except BusinessRuleError as error:
        for message in error.messages:
            form.add_error(None, message)
        return None
    if in_place is not None and request.htmx:
        return in_place(result)
    messages.success(request, _resolve(success, result))
    return redirect_after_post(request, _resolve(then, result))


def perform(
    request: HttpRequest,
    service: Callable[..., Any],
    /,
    *,
    success: Then,
    then: str,
    form: forms.Form | None = None,
    **kwargs,
) -> HttpResponse:
    """A button on a page (withdraw, end membership, mark handled), with at most a short form: done,
    refused by a rule or by the form, the user is told why and sent back to `then`."""
    problems: list[str] = []
    if form is not None:
        if form.is_valid():
            kwargs.update(form.service_kwargs())
        else:
            problems = [str(error) for errors in form.errors.values() for error in errors]
    if not problems:
        try:
            result = service(**kwargs)
        except BusinessRuleError as error:
            problems = list(error.messages)
        else:
            messages.success(request, _resolve(success, result))
            return redirect_after_post(request, then)
    for problem in problems:
        messages.error(request, problem)
    return redirect_after_post(request, then)


def download(request: HttpRequest, service: Callable[..., Any], /, *, then: str, **kwargs) -> HttpResponse:
    """A file the service makes (an export): sent as an attachment, or, refused by a rule, the user is
    told why and sent back to `then`. The service returns an object with `filename` and `data`."""
    try:
        result = service(**kwargs)
    except BusinessRuleError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect_after_post(request, then)
    response = HttpResponse(result.data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{result.filename}"'
    return response


def render_page(request: HttpRequest, template: str, context: dict, *, status: int = 200) -> HttpResponse:
    """The one htmx rule: a request that targets an element (`hx-target="#name"`) gets only the
    partial of that name from the page's template (`{% partialdef name %}`), when it has one; any
    other request gets the whole page."""
    target = request.htmx.target if request.htmx else None
    if target:
        try:
            return render(request, f"{template}#{target}", context, status=status)
        except TemplateDoesNotExist:
            pass  # no partial of that name: the whole page
    return render(request, template, context, status=status)


def form_page(request: HttpRequest, form: forms.Form, *, title: str, cancel: str, **context) -> HttpResponse:
    """A page that is only a form (components/form_page.html), with the youth header when a youth
    (through `access`) is given."""
    access = context.get("access")
    if access is not None:
        context.setdefault("youth", access.youth)
    return render_page(
        request,
        context.pop("template", "components/form_page.html"),
        {"form": form, "title": title, "cancel": cancel, **context},
    )


def paginate(request: HttpRequest, items, kind: str, *, param: str = "page") -> Page:
    """A page of `items`, sized by settings.PAGE_SIZES[kind]; bad page numbers give the nearest page."""
    return Paginator(items, settings.PAGE_SIZES[kind]).get_page(request.GET.get(param))
