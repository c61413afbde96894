"""Forms about the team around a youth and the youth's relatives."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coordination.models import Relative, TeamMembership, User, Youth
from coordination.web.forms import CategoryField, StyledForm, StyledModelForm


class RelativeForm(StyledModelForm):
    category = CategoryField()

    class Meta:
        model = Relative
        fields = [
            "name",
            "relation",
            "has_parental_responsibility",
            "phone",
            "email",
            "preferred_language",
            "interpreter_needed",
            "category",
        ]


class TeamMemberAddForm(StyledForm):
    """Adds a staff member found by search; the choice list shows only the search hits, so the page
    stays small whatever the number of staff in the municipality."""

    user = forms.ModelChoiceField(
        label=_("Staff member"), queryset=User.objects.none(), widget=forms.RadioSelect, empty_label=None
    )
    role = forms.CharField(label=_("Role in the team"), max_length=100)

    MAX_HITS = 20

    def __init__(self, *args, youth: Youth, search: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        candidates = (
            User.objects.filter(is_active=True, agency__isnull=False)
            .exclude(
                pk__in=TeamMembership.objects.filter(youth=youth, ended_on__isnull=True).values("user_id")
            )
            .select_related("agency")
        )
        if self.is_bound:
            self.fields["user"].queryset = candidates  # validate any eligible user, however it was found
        else:
            hits = candidates.none()
            words = search.split()[:3]
            if words:
                hits = candidates
                for word in words:
                    hits = hits.filter(
                        Q(first_name__icontains=word)
                        | Q(last_name__icontains=word)
                        | Q(username__icontains=word)
                        | Q(agency__name__icontains=word)
                    )
            self.fields["user"].queryset = hits.order_by("last_name", "first_name")[: self.MAX_HITS]
        self.fields["user"].label_from_instance = lambda user: f"{user} ({user.agency})"
