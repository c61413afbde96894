"""The BTI level: a description of need, changed with a reason, never a gate for help."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coordination.access import YouthAccess, require, youth_access
from coordination.web.views import form_page, submit
from pathways.forms.levels import LevelChangeForm
from pathways.selectors.levels import level_history
from pathways.services.levels import level_change


@youth_access
@require_http_methods(["GET", "POST"])
def level(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    require(access.may.change_level)
    overview = reverse("youth_overview", args=[access.youth.pk])
    form = LevelChangeForm(request.POST or None, initial={"to_level": access.youth.bti_level})
    done = submit(
        request,
        form,
        level_change,
        actor=request.user,
        youth=access.youth,
        success=_("The BTI level was changed."),
        then=overview,
    )
    return done or form_page(
        request,
        form,
        access=access,
        title=_("Change BTI level"),
        cancel=overview,
        template="pathways/level_form.html",
        history=level_history(access),
    )
