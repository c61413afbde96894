"""Agencies (etater): the services that work with youths, each in a sector."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from coordination.models.choices import Sector, ServiceLevel


class Agency(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices)
    level = models.CharField(_("level"), max_length=16, choices=ServiceLevel.choices)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self) -> str:
        return self.name
