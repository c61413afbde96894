"""What a youth sends from their own Stafett: their view, a lysglimt, a message, a goal idea, a
withdrawal, a wish for a change, and what a relative may see. Labels in plain words."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coordination.models import InformationCategory
from coordination.web.forms import StyledForm
from pathways.selectors.plain_words import CATEGORY_WORDS

MAX_TEXT = 4000


def _text(label, help_text="", rows=3, required=True):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class OwnViewForm(StyledForm):
    text = _text(_("What do you think?"), _("Your own words. The team reads it."))


class LysglimtNoteForm(StyledForm):
    text = _text(_("Something that went well"), _("Big or small. It is shown first in your plan."), rows=2)


class MessageForm(StyledForm):
    text = _text(_("Your message to the team"), _("Your stafettholder gets it first."), rows=5)


class GoalIdeaForm(StyledForm):
    text = _text(
        _("A goal in your own words"), _("What do you want to get better? The team talks about it with you.")
    )


class WithdrawForm(StyledForm):
    note = forms.CharField(
        label=_("Why? (you do not have to say)"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ChangeWishForm(StyledForm):
    text = _text(
        _("What would you like to change?"), _("Your stafettholder gets your wish and talks with you.")
    )


class SharingForm(StyledForm):
    """What one relative may see. For a guardian of a youth under 16 only `kept_back` is the youth's
    choice (guardians see the plan, meetings and changes ahead by law); the rest keeps its value."""

    plan = forms.BooleanField(label=_("My plan: goals and next steps"), required=False)
    meetings = forms.BooleanField(label=_("My meetings"), required=False)
    transitions = forms.BooleanField(label=_("Changes ahead (like turning 18)"), required=False)
    include_health = forms.BooleanField(
        label=_("Also health, how I feel, and alcohol and drugs"), required=False
    )
    kept_back = forms.MultipleChoiceField(
        label=_("Keep this from them"),
        choices=[(value, CATEGORY_WORDS[value]) for value in InformationCategory.values],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, guardian_under_16: bool = False, may_keep_back: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if guardian_under_16:
            for name in ("plan", "meetings", "transitions", "include_health"):
                self.fields[name].widget = forms.HiddenInput()
        if not (guardian_under_16 and may_keep_back):
            self.fields["kept_back"].widget = forms.MultipleHiddenInput()
