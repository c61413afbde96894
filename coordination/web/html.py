"""What the Python renderers (coordination.web.form_renderer and the row tags in coordination/ and
pathways/templatetags) print the way a template would."""

from django.utils.html import conditional_escape
from django.utils.timezone import template_localtime


def shown(value) -> str:
    """`{{ value }}` under autoescape (a safe string stays as it is; None prints as "None")."""
    return str(conditional_escape(value))


def day(value) -> str:
    """`{{ value|date:"d.m.Y" }}` of a date or a moment, without the date filter's general machinery."""
    return "" if value is None else template_localtime(value).strftime("%d.%m.%Y")
