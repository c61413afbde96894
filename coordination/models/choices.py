"""Shared vocabularies of the domain. Stored values are English slugs; labels are translatable."""

from django.db import models
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    CHILD_WELFARE = "child_welfare", _("Child welfare")
    SCHOOL = "school", _("School")
    SCHOOL_HEALTH = "school_health", _("School health service")
    MUNICIPAL_HEALTH = "municipal_health", _("Municipal health and substance services")
    OUTREACH = "outreach", _("Outreach")
    NAV = "nav", _("NAV")
    POLICE_SLT = "police_slt", _("Police / SLT")
    PHBU_BUP = "phbu_bup", _("Child and adolescent mental health (BUP)")
    TSB = "tsb", _("Specialist substance treatment (TSB)")
    FACT = "fact", _("FACT team")
    VOLUNTARY = "voluntary", _("Voluntary / other")


class ServiceLevel(models.TextChoices):
    MUNICIPAL = "municipal", _("Municipal")
    SPECIALIST = "specialist", _("Specialist health service")


class InformationCategory(models.TextChoices):
    """Every piece of case content carries one category; consent is given per category."""

    GENERAL = "general", _("General")
    SCHOOL = "school", _("School")
    CHILD_WELFARE = "child_welfare", _("Child welfare")
    HEALTH = "health", _("Health")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    SUBSTANCE_USE = "substance_use", _("Substance use")
    POLICE = "police", _("Police")
    NAV = "nav", _("NAV")


class Language(models.TextChoices):
    NORWEGIAN = "nb", _("Norwegian")
    ENGLISH = "en", _("English")
    ARABIC = "ar", _("Arabic")
    SOMALI = "so", _("Somali")
    TIGRINYA = "ti", _("Tigrinya")
    POLISH = "pl", _("Polish")
    LITHUANIAN = "lt", _("Lithuanian")
    UKRAINIAN = "uk", _("Ukrainian")
    DARI = "prs", _("Dari")
    KURDISH = "ku", _("Kurdish")
    NORTHERN_SAMI = "se", _("Northern Sami")
    OTHER = "other", _("Other")


class BtiLevel(models.IntegerChoices):
    """A description of need, never a gate for help."""

    LEVEL_0 = 0, _("Level 0: a worry is noted")
    LEVEL_1 = 1, _("Level 1: the agency acts")
    LEVEL_2 = 2, _("Level 2: cooperation between agencies")
    LEVEL_3 = 3, _("Level 3: extensive cooperation, individual plan")


_LABELS: dict = {}  # model field -> {value: lazy label}


class ChoiceLabels:
    """Django's get_<field>_display, from a table built once per field. Django's own builds it on
    every call and translates every label of the field's choices to hash it: a log page of 30
    entries made some 900 gettext calls for the kind and category labels alone. The labels stay
    lazy, so each is translated into the language of the request that prints it. Mixed into models
    whose labels are printed in lists (before models.Model in the bases)."""

    def _get_FIELD_display(self, field):
        labels = _LABELS.get(field)
        if labels is None:
            labels = _LABELS[field] = dict(field.flatchoices)
        value = getattr(self, field.attname)
        return force_str(labels.get(value, value), strings_only=True)
