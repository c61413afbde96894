from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import set_language

from coordination.access import own_data_only, public
from coordination.views import case, handovers, team, youths
from pathways.views import reminders

urlpatterns = [
    path("", own_data_only(RedirectView.as_view(pattern_name="my_youths")), name="home"),
    path(
        "logg-inn/",
        public(
            auth_views.LoginView.as_view(
                template_name="registration/login.html", redirect_authenticated_user=True
            )
        ),
        name="login",
    ),
    path("logg-ut/", public(auth_views.LogoutView.as_view()), name="logout"),
    path("sprak/", public(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("ungdommer/", youths.my_youths, name="my_youths"),
    path("ungdommer/ny/", youths.youth_new, name="youth_new"),
    path("stafetter/", handovers.incoming, name="incoming_handovers"),
    path("innboks/", reminders.inbox, name="reminder_inbox"),
    path("innboks/<int:reminder_id>/handtert/", reminders.reminder_handled, name="reminder_handled"),
    path("eskaleringer/", reminders.escalations, name="escalations"),
    path("ungdommer/<int:youth_id>/", youths.youth_overview, name="youth_overview"),
    path("ungdommer/<int:youth_id>/team/", team.team, name="team"),
    path("ungdommer/<int:youth_id>/team/ny/", team.team_member_new, name="team_member_new"),
    path(
        "ungdommer/<int:youth_id>/team/<int:membership_id>/avslutt/",
        team.team_member_leave,
        name="team_member_leave",
    ),
    path("ungdommer/<int:youth_id>/parorende/ny/", team.relative_new, name="relative_new"),
    path("ungdommer/<int:youth_id>/stafett/ny/", handovers.handover_new, name="handover_new"),
    path(
        "ungdommer/<int:youth_id>/stafett/<int:handover_id>/svar/",
        handovers.handover_answer,
        name="handover_answer",
    ),
    path(
        "ungdommer/<int:youth_id>/stafett/<int:handover_id>/trekk/",
        handovers.handover_withdraw,
        name="handover_withdraw",
    ),
    path("ungdommer/<int:youth_id>/avslutt/", case.close, name="case_close"),
    path("ungdommer/<int:youth_id>/gjenapne/", case.reopen, name="case_reopen"),
    path("ungdommer/<int:youth_id>/", include("pathways.urls")),
]
