"""Municipalities and agencies (etater): the services that work with youths, each in a sector.

One deployment serves many municipalities. A municipal agency belongs to one municipality; a
specialist or state service that works for several (BUP, NAV's regional services, the police) has no
municipality of its own and lists the municipalities it serves. A youth's team can span agencies of
several municipalities under consent, as always: the municipality says who administers an agency,
not who may see a youth.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from coordination.models.choices import Sector, ServiceLevel

municipality_number_validator = RegexValidator(
    r"^[0-9]{4}\Z", _("A municipality number has four digits, for example 5001.")
)


class Municipality(models.Model):
    name = models.CharField(_("name"), max_length=100)
    # Statistics Norway's four-digit number (kommunenummer). Municipalities carried over from the old
    # free-text field have none until an administrator fills it in.
    number = models.CharField(
        _("municipality number"), max_length=4, blank=True, validators=[municipality_number_validator]
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        constraints = [
            models.UniqueConstraint(Lower("name"), name="municipality_name_unique"),
            models.UniqueConstraint(
                fields=["number"], condition=~Q(number=""), name="municipality_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Agency(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices)
    level = models.CharField(_("level"), max_length=16, choices=ServiceLevel.choices)
    # The municipality the agency belongs to, whose administrator manages it. Empty for a specialist or
    # state service that serves several municipalities (`serves`).
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agencies",
    )
    serves = models.ManyToManyField(
        Municipality, verbose_name=_("serves the municipalities"), blank=True, related_name="served_by"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self) -> str:
        return self.name
