"""Inviting the youth or a relative to their own Stafett, from the team page (the stafettholder only).

The message goes to the number or address in the record and carries only the link; accepting needs a
one-time code sent to the same place (coordination/services/invitations.py)."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coordination.access import YouthAccess, require, youth_access
from coordination.forms.invitations import InvitationForm
from coordination.models import Relative
from coordination.services.invitations import invitation_send
from coordination.web.views import perform


@youth_access
@require_http_methods(["POST"])
def invitation_new(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    require(access.may.invite)
    # Only relatives the stafettholder may see can be chosen; anything else is not a valid choice.
    form = InvitationForm(request.POST, relatives=Relative.objects.visible_to(access))
    return perform(
        request,
        invitation_send,
        actor=request.user,
        youth=access.youth,
        form=form,
        success=lambda invitation: (
            _("The invitation was sent. It is valid until %(date)s.")
            % {"date": timezone.localtime(invitation.expires_at).strftime("%d.%m.%Y")}
        ),
        then=reverse("team", args=[access.youth.pk]) + "#invite-heading",
    )
