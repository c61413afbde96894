"""Forms of the stafettlogg: a new entry (with planned outreach after a missed appointment), a correction,
a short lysglimt note, and the reason an entry is kept from the youth."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from coordination.models import InformationCategory, User
from coordination.web.forms import CategoryField, DateInput, DateTimeInput, StyledForm
from pathways.models import MANUAL_KINDS, LogEntryKind, WithholdingReason


class LogEntryForm(StyledForm):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(kind.value, kind.label) for kind in MANUAL_KINDS],
        initial=LogEntryKind.CONTACT,
    )
    occurred_at = forms.DateTimeField(label=_("When it happened"), widget=DateTimeInput())
    category = forms.ChoiceField(label=_("Information category"), choices=InformationCategory.choices)
    text = forms.CharField(label=_("What happened"), widget=forms.Textarea, max_length=10000)
    # Used only for a missed appointment: the outreach the services owe the youth (empty: defaults).
    outreach_responsible = forms.ModelChoiceField(
        label=_("Who reaches out"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Empty: you."),
    )
    outreach_by = forms.DateField(
        label=_("Reach out no later than"),
        required=False,
        widget=DateInput(),
    )
    outreach_how = forms.CharField(
        label=_("How (home visit, phone, through the school …)"), required=False, max_length=200
    )
    OUTREACH_FIELDS = ("outreach_responsible", "outreach_by", "outreach_how")

    def __init__(self, *args, team: "forms.QuerySet[User]", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outreach_responsible"].queryset = team
        days = settings.REMINDER_OUTREACH_WORKING_DAYS
        self.fields["outreach_by"].help_text = ngettext(
            "Empty: within %(count)d working day.", "Empty: within %(count)d working days.", days
        ) % {"count": days}

    def clean_occurred_at(self):
        occurred_at = self.cleaned_data["occurred_at"]
        if occurred_at > timezone.now() + timezone.timedelta(minutes=10):
            raise forms.ValidationError(_("An entry cannot describe something that has not happened yet."))
        return occurred_at

    def clean(self):
        cleaned = super().clean()
        occurred_at, outreach_by = cleaned.get("occurred_at"), cleaned.get("outreach_by")
        if cleaned.get("kind") == LogEntryKind.MISSED_APPOINTMENT and occurred_at and outreach_by:
            if outreach_by < timezone.localdate(occurred_at):
                self.add_error(
                    "outreach_by", _("The outreach cannot be planned before the missed appointment.")
                )
        return cleaned

    @property
    def entry_fields(self):
        return [field for field in self if field.name not in self.OUTREACH_FIELDS]

    @property
    def outreach_fields(self):
        return [self[name] for name in self.OUTREACH_FIELDS]


class CorrectionForm(StyledForm):
    text = forms.CharField(
        label=_("Correction"),
        widget=forms.Textarea,
        max_length=10000,
        help_text=_("The original entry is kept. Your correction is shown with it."),
    )


class LysglimtNoteForm(StyledForm):
    """The short "Add a lysglimt" form: a few words about something that went well, into the log."""

    text = forms.CharField(
        label=_("What went well"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000
    )
    category = CategoryField()

    def __init__(self, *args, **kwargs):
        # Its own prefix: the page also has the new-entry form with fields of the same names.
        kwargs.setdefault("prefix", "lysglimt")
        super().__init__(*args, **kwargs)


class WithholdForm(StyledForm):
    """Keeping an entry from the youth needs one of the reasons the law allows."""

    reason = forms.ChoiceField(label=_("Reason"), choices=WithholdingReason.choices)
