"""The form renderer: Django's TemplatesSetting, with the templates every form uses written in Python.

Rendering one field through the templates (templates/django/forms/field.html, the widget's template,
attrs.html, one include per select option) cost a third of a millisecond or more; a page with two
forms spent several milliseconds on them, and an agency's staff list in a select tens. The functions
below write the same HTML (tests/coordination/test_form_renderer.py renders every case both ways and
compares) for: the form (div.html), the field group (field.html, but a fieldset of choices), inputs,
textareas, selects and the options of a choice list (a staff search's 20 radio buttons took three
template renders each). Everything else — and any template a project file overrides besides
field.html and div.html — goes through the templates as before.
"""

from html import escape

from django.forms.renderers import TemplatesSetting
from django.utils.safestring import mark_safe

from coordination.web.html import shown as _shown

_REQUIRED = ' <span class="required-mark" aria-hidden="true">*</span>'


def _text(value) -> str:
    """`{{ value|stringformat:'s' }}` under autoescape."""
    return escape(str(value))


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: False leaves the attribute out, True writes its bare name."""
    return "".join(
        f" {name}" if value is True else f' {name}="{_text(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(context) -> str:
    widget = context["widget"]
    value = "" if widget["value"] is None else f' value="{_text(widget["value"])}"'
    kind, name = _shown(widget["type"]), _shown(widget["name"])
    return f'<input type="{kind}" name="{name}"{value}{_attrs(widget["attrs"])}>'


def _option(context) -> str:
    """One radio button or checkbox of a choice list (input_option.html; a fieldset's `choice.tag`)."""
    widget = context["widget"]
    tag = _input(context)
    if not widget.get("wrap_label"):
        return tag
    label_id = widget["attrs"].get("id")
    label_for = f' for="{_shown(label_id)}"' if label_id else ""
    return f"<label{label_for}>{tag} {_shown(widget['label'])}</label>"


def _textarea(context) -> str:
    widget = context["widget"]
    value = _shown(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{_shown(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'


def _select(context) -> str:
    widget = context["widget"]
    parts = [f'<select name="{_shown(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'<optgroup label="{_shown(group_name)}">')
        parts.extend(
            f'<option value="{_text(option["value"])}"{_attrs(option["attrs"])}>'
            f"{_shown(option['label'])}</option>"
            for option in options
        )
        if group_name:
            parts.append("</optgroup>")
    parts.append("</select>")
    return "".join(parts)


def _field(context) -> str | None:
    """templates/django/forms/field.html (a fieldset of choices goes through the template)."""
    field = context["field"]
    if field.is_hidden:
        return str(field)
    if field.use_fieldset:
        return None
    auto_id = _shown(field.auto_id)
    help_text = (
        f'<p class="ds-field__description" id="{auto_id}_helptext">{_shown(field.help_text)}</p>'
        if field.help_text
        else ""
    )
    errors = "".join(
        f'<p class="ds-validation-message" data-color="danger" id="{auto_id}_error">{_shown(error)}</p>'
        for error in field.errors
    )
    label_for = _shown(field.id_for_label)
    if field.widget_type == "checkbox":
        label = (
            f'<label class="ds-label" data-weight="regular" for="{label_for}">{_shown(field.label)}</label>'
        )
        return f'<div class="ds-field">\n  {field}{label}\n  {help_text}\n  {errors}\n</div>'
    required = _REQUIRED if field.field.required else ""
    label = f'<label class="ds-label" for="{label_for}">{_shown(field.label)}{required}</label>'
    return f'<div class="ds-field">\n  {label}\n  {help_text}\n  {field}\n  {errors}\n</div>'


def _form(context) -> str:
    """templates/django/forms/div.html."""
    fields = "".join(str(field.as_field_group()) for field, _errors in context["fields"])
    return fields + "".join(str(field) for field in context["hidden_fields"])


_INPUTS = (
    "text",
    "email",
    "url",
    "number",
    "password",
    "hidden",
    "date",
    "datetime",
    "time",
    "tel",
    "search",
)
WRITERS = {
    "django/forms/div.html": _form,
    "django/forms/field.html": _field,
    "django/forms/widgets/textarea.html": _textarea,
    "django/forms/widgets/select.html": _select,
    "django/forms/widgets/checkbox.html": _input,
    "django/forms/widgets/radio_option.html": _option,
    "django/forms/widgets/checkbox_option.html": _option,
    **{f"django/forms/widgets/{name}.html": _input for name in _INPUTS},
}


class FormRenderer(TemplatesSetting):
    def render(self, template_name, context, request=None):
        writer = WRITERS.get(template_name)
        html = writer(context) if writer is not None else None
        if html is None:
            return super().render(template_name, context, request)
        return mark_safe(html.strip())  # noqa: S308 - every value is escaped above
