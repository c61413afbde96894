from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter
from django.views.generic import RedirectView
from django.views.i18n import set_language

from coordination.access import own_data_only, public
from coordination.converters import IdConverter
from coordination.views import account, audit, case, consent, handovers, health, team, youths
from pathways.views import reminders

register_converter(IdConverter, "id")

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
    path("logg-inn/tofaktor/", account.otp_verify, name="otp_verify"),
    path("logg-inn/tofaktor/ny/", account.otp_setup, name="otp_setup"),
    path("logg-ut/", public(auth_views.LogoutView.as_view()), name="logout"),
    path("konto/sikkerhet/", account.security, name="security"),
    path("konto/passord/", account.password_change, name="password_change"),
    path("sprak/", public(set_language), name="set_language"),
    path("helse/", health.health, name="health"),
    path("helse/web/", health.health_web, name="health_web"),
    # One login page for everybody, with the second factor after it; the admin has no login of its own.
    path(
        "admin/login/",
        public(RedirectView.as_view(pattern_name="login", query_string=True)),
        name="admin_login",
    ),
    path("admin/", admin.site.urls),
    path("ungdommer/", youths.my_youths, name="my_youths"),
    path("ungdommer/ny/", youths.youth_new, name="youth_new"),
    path("stafetter/", handovers.incoming, name="incoming_handovers"),
    path("innboks/", reminders.inbox, name="reminder_inbox"),
    path("innboks/<id:reminder_id>/handtert/", reminders.reminder_handled, name="reminder_handled"),
    path("eskaleringer/", reminders.escalations, name="escalations"),
    path("ungdommer/<id:youth_id>/", youths.youth_overview, name="youth_overview"),
    path("ungdommer/<id:youth_id>/team/", team.team, name="team"),
    path("ungdommer/<id:youth_id>/team/ny/", team.team_member_new, name="team_member_new"),
    path(
        "ungdommer/<id:youth_id>/team/<id:membership_id>/avslutt/",
        team.team_member_leave,
        name="team_member_leave",
    ),
    path("ungdommer/<id:youth_id>/parorende/ny/", team.relative_new, name="relative_new"),
    path("ungdommer/<id:youth_id>/stafett/ny/", handovers.handover_new, name="handover_new"),
    path(
        "ungdommer/<id:youth_id>/stafett/<id:handover_id>/svar/",
        handovers.handover_answer,
        name="handover_answer",
    ),
    path(
        "ungdommer/<id:youth_id>/stafett/<id:handover_id>/trekk/",
        handovers.handover_withdraw,
        name="handover_withdraw",
    ),
    path("ungdommer/<id:youth_id>/avslutt/", case.close, name="case_close"),
    path("ungdommer/<id:youth_id>/gjenapne/", case.reopen, name="case_reopen"),
    path("ungdommer/<id:youth_id>/samtykke/", consent.consents, name="consents"),
    path("ungdommer/<id:youth_id>/samtykke/ny/", consent.consent_new, name="consent_new"),
    path(
        "ungdommer/<id:youth_id>/samtykke/<id:consent_id>/hendelse/",
        consent.consent_event_new,
        name="consent_event_new",
    ),
    path("ungdommer/<id:youth_id>/tilgangslogg/", audit.access_log, name="access_log"),
    path("ungdommer/<id:youth_id>/nodtilgang/", audit.emergency_access, name="emergency_access"),
    path("teamleder/", audit.team_lead, name="team_lead"),
    path("teamleder/nodtilgang/<id:emergency_id>/", audit.emergency_review, name="emergency_review"),
    path("ungdommer/<id:youth_id>/", include("pathways.urls")),
]
