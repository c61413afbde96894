"""Forms about the baton: asking someone to take it, and answering."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coordination.models import User
from coordination.web.forms import StyledForm


class HandoverRequestForm(StyledForm):
    to_user = forms.ModelChoiceField(label=_("Hand over to"), queryset=User.objects.none())
    note = forms.CharField(
        label=_("Note to the receiver"), widget=forms.Textarea, required=False, max_length=4000
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_user"].queryset = candidates


class HandoverAnswerForm(StyledForm):
    note = forms.CharField(label=_("Comment"), widget=forms.Textarea, required=False, max_length=4000)
