"""`{% may "change_action" action as allowed %}`: the permission vocabulary for one object in templates.

Reads the page's `access` (a YouthAccess) and asks its one predicate, so a template never restates a rule.
"""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def may(context, action: str, obj) -> bool:
    access = context.get("access")
    if access is None:
        return False
    return bool(getattr(access.may, action)(obj))
