"""The template backend: Django's, with the content guard on while a template renders
(coordination.models.content: content is printed only through `{% shown %}`)."""

from django.template.backends.django import DjangoTemplates, Template, reraise
from django.template.exceptions import TemplateDoesNotExist

from coordination.models.content import RENDERING


class GuardedTemplate(Template):
    def render(self, context=None, request=None):
        token = RENDERING.set(True)
        try:
            return super().render(context, request)
        finally:
            RENDERING.reset(token)


class GuardedTemplates(DjangoTemplates):
    def from_string(self, template_code):
        return GuardedTemplate(self.engine.from_string(template_code), self)

    def get_template(self, template_name):
        try:
            return GuardedTemplate(self.engine.get_template(template_name), self)
        except TemplateDoesNotExist as exc:
            reraise(exc, self)
