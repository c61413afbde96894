"""Forms of the consent process: a new consent (or legal basis) and each later event."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination.models import (
    Agency,
    ConsentBasis,
    ConsentEventKind,
    ConsentForm,
    ConsentGiver,
    InformationCategory,
)
from coordination.models.consents import SCOPE_EVENTS
from coordination.services.consents import OPENING_EVENTS
from coordination.web.forms import DateInput, StyledForm


def _scope_choices(agencies: list[Agency]) -> list[tuple[str, str]]:
    return [
        (f"{agency.pk}:{category.value}", f"{agency.name} – {category.label}")
        for agency in agencies
        for category in InformationCategory
    ]


class ScopeField(forms.MultipleChoiceField):
    """Agency × category checkboxes, cleaned to a set of (agency_id, category)."""

    widget = forms.CheckboxSelectMultiple

    def clean(self, value):
        values = super().clean(value)
        scope = set()
        for item in values:
            agency_id, category = item.split(":", 1)
            scope.add((int(agency_id), category))
        return scope


class ScopeFormMixin(forms.Form):
    scope = ScopeField(label=_("Who may receive what"), required=False)

    def setup_scope(self, agencies: list[Agency]) -> None:
        self.agencies = agencies
        self.fields["scope"].choices = _scope_choices(agencies)

    def scope_matrix(self):
        """Rows of (agency, [(value, label, checked)]) for the template's table."""
        selected = set(self["scope"].value() or [])
        return [
            (
                agency,
                [
                    (
                        f"{agency.pk}:{category.value}",
                        category.label,
                        f"{agency.pk}:{category.value}" in selected,
                    )
                    for category in InformationCategory
                ],
            )
            for agency in self.agencies
        ]


class ConsentRecordForm(StyledForm, ScopeFormMixin):
    event_kind = forms.ChoiceField(
        label=_("Status"),
        choices=[(kind.value, kind.label) for kind in ConsentEventKind if kind in OPENING_EVENTS],
        initial=ConsentEventKind.GIVEN,
    )
    basis = forms.ChoiceField(label=_("Basis"), choices=ConsentBasis.choices, initial=ConsentBasis.CONSENT)
    legal_basis = forms.CharField(
        label=_("Legal basis (only for sharing without consent)"), required=False, max_length=300
    )
    given_by = forms.ChoiceField(label=_("Given by"), choices=ConsentGiver.choices)
    purpose = forms.CharField(label=_("Purpose"), widget=forms.Textarea, max_length=4000)
    form = forms.ChoiceField(label=_("Form"), choices=ConsentForm.choices)
    valid_from = forms.DateField(label=_("Valid from"), widget=DateInput())
    review_on = forms.DateField(label=_("Review date"), widget=DateInput(), required=False)
    expires_on = forms.DateField(label=_("Expires"), widget=DateInput(), required=False)
    youth_view = forms.CharField(
        label=_("The youth's own words"), widget=forms.Textarea, required=False, max_length=4000
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea, required=False, max_length=4000)

    field_order = [
        "event_kind",
        "basis",
        "legal_basis",
        "given_by",
        "purpose",
        "form",
        "valid_from",
        "review_on",
        "expires_on",
        "scope",
        "youth_view",
        "note",
    ]

    def __init__(self, *args, agencies: list[Agency], **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_scope(agencies)
        if not self.is_bound:
            self.initial.setdefault("valid_from", timezone.localdate())

    def clean(self):
        cleaned = super().clean()
        valid_from, expires_on = cleaned.get("valid_from"), cleaned.get("expires_on")
        if valid_from and expires_on and expires_on < valid_from:
            self.add_error("expires_on", _("The expiry date cannot be before the consent starts."))
        return cleaned


class ConsentEventForm(StyledForm, ScopeFormMixin):
    kind = forms.ChoiceField(
        label=_("What happened"),
        choices=ConsentEventKind.choices,
    )
    next_review_on = forms.DateField(
        label=_("Next review date"),
        widget=DateInput(),
        required=False,
        help_text=_("When the consent is reviewed or renewed: when it should be reviewed again."),
    )
    expires_on = forms.DateField(
        label=_("New expiry date"),
        widget=DateInput(),
        required=False,
        help_text=_("When the consent is renewed: until when it applies now (needed if it has expired)."),
    )
    note = forms.CharField(
        label=_("Note, in the youth's own words where possible"),
        widget=forms.Textarea,
        required=False,
        max_length=4000,
    )

    def __init__(self, *args, agencies: list[Agency], **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_scope(agencies)

    def service_kwargs(self) -> dict:
        kwargs = super().service_kwargs()
        # Only scope-setting events carry the table; for the others the checkboxes are ignored.
        if kwargs["kind"] not in SCOPE_EVENTS:
            kwargs["scope"] = None
        return kwargs
