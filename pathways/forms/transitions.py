"""Forms of transitions (overganger)."""

from coordination.web.forms import CategoryField, DateInput, StyledModelForm, VersionedFormMixin
from pathways.models import Transition


class TransitionForm(StyledModelForm):
    class Meta:
        model = Transition
        fields = [
            "kind",
            "from_service",
            "to_service",
            "responsible",
            "planned_date",
            "status",
            "note",
            "category",
        ]
        widgets = {"planned_date": DateInput()}

    category = CategoryField()

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = team


class TransitionEditForm(VersionedFormMixin, TransitionForm):
    pass
