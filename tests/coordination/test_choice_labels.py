"""get_<field>_display from the cached table says what Django's own says, in every language, for
every choice field of every model that uses it (and the stored value for a value outside the choices)."""

from django.apps import apps
from django.db import models
from django.utils import translation

from coordination.models.choices import ChoiceLabels


def test_cached_choice_labels_are_djangos_labels_in_every_language():
    compared = 0
    for model in apps.get_models():
        if not issubclass(model, ChoiceLabels):
            continue
        for field in model._meta.concrete_fields:
            if not field.choices:
                continue
            for value in [value for value, _label in field.flatchoices] + ["not-a-choice"]:
                obj = model(**{field.attname: value})
                for language in ("nb", "nn", "en"):
                    with translation.override(language):
                        ours = getattr(obj, f"get_{field.name}_display")()
                        djangos = models.Model._get_FIELD_display(obj, field)
                        assert ours == djangos, (model, field.name, value, language)
                        compared += 1
    assert compared > 500
