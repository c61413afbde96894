"""`{% shown obj "field" %}` (or `... as name`): the only way a template prints content about a youth.

It prints the field of an object that came through the visibility rule for the signed-in user
(coordination.models.content); anything else is a violation and prints nothing.
"""

from django import template

from coordination.models.content import read

register = template.Library()


@register.simple_tag(takes_context=True)
def shown(context, obj, field: str):
    user = context.get("user")
    return read(obj, field, getattr(user, "pk", None) if user is not None else -1)
