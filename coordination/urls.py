"""The root URLconf. Every view carries an access rule (coordination.access); tests/test_url_access.py
enumerates this file and fails on a URL without one."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import set_language

from coordination.access import public
from coordination.accounts import code_login, idporten, staff_invitation_views
from coordination.accounts import views as accounts
from coordination.views import (
    access_log,
    consents,
    emergency,
    handovers,
    health,
    invitations,
    staff,
    team,
    youths,
)
from coordination.web import converters  # noqa: F401 - registers <id:…>
from pathways import urls as pathways_urls
from pathways.views import dashboards, exports, log, reminders, retention, statistics, team_lead

youth_patterns = [
    path("", dashboards.youth_overview, name="youth_overview"),
    path("team/", team.team_page, name="team"),
    path("team/ny/", team.team_member_new, name="team_member_new"),
    path("team/<id:membership_id>/avslutt/", team.team_member_leave, name="team_member_leave"),
    path("parorende/ny/", team.relative_new, name="relative_new"),
    path("team/invitasjon/", invitations.invitation_new, name="team_invitation_new"),
    path("stafett/ny/", handovers.handover_new, name="handover_new"),
    path("stafett/<id:handover_id>/svar/", handovers.handover_answer, name="handover_answer"),
    path("stafett/<id:handover_id>/trekk/", handovers.handover_withdraw, name="handover_withdraw"),
    path("avslutt/", youths.close, name="case_close"),
    path("gjenapne/", youths.reopen, name="case_reopen"),
    path("samtykke/", consents.consents, name="consents"),
    path("samtykke/ny/", consents.consent_new, name="consent_new"),
    path("samtykke/<id:consent_id>/hendelse/", consents.consent_event_new, name="consent_event_new"),
    path("tilgangslogg/", access_log.access_log, name="access_log"),
    path("nodtilgang/", emergency.emergency_access, name="emergency_access"),
    # Staff side of the youth's own Stafett: lysglimt and entries kept from the youth.
    path("logg/lysglimt/", log.lysglimt_new, name="log_lysglimt_new"),
    path("logg/<id:entry_id>/lysglimt/", log.entry_lysglimt, name="log_lysglimt_mark"),
    path("logg/<id:entry_id>/skjul/", log.entry_keep_from_youth, name="log_entry_keep_from_youth"),
    # Exports: the archive export of a closed case; the youth's own data, made on their request.
    path("arkiv/", exports.archive, name="archive_export"),
    path("innsyn/ungdom/", exports.youth_data, name="youth_data_export"),
    path("", include("pathways.urls")),
]

urlpatterns = [
    path("", code_login.start, name="home"),
    # A youth's or relative's own Stafett: sign-in with a one-time code, their pages.
    path("min/logg-inn/", code_login.code_start, name="code_start"),
    path("min/logg-inn/kode/", code_login.code_verify, name="code_verify"),
    path("min/invitasjon/<str:token>/", code_login.invitation_accept, name="invitation_accept"),
    path("min/sprak/", code_login.choose_language, name="choose_language"),
    # ID-porten (OpenID Connect), answering 404 unless configured (deploy/README.md).
    path("min/idporten/logg-inn/", idporten.idporten_start, name="idporten_start"),
    path("min/idporten/retur/", idporten.idporten_callback, name="idporten_callback"),
    path("min/idporten/logg-ut/", idporten.idporten_logout, name="idporten_logout"),
    path("min/", include(pathways_urls.my_stafett_patterns)),
    path(
        "logg-inn/",
        public(
            auth_views.LoginView.as_view(
                template_name="registration/login.html", redirect_authenticated_user=True
            )
        ),
        name="login",
    ),
    path("logg-inn/tofaktor/", accounts.otp_verify, name="otp_verify"),
    path("logg-inn/tofaktor/ny/", accounts.otp_setup, name="otp_setup"),
    path("logg-ut/", public(auth_views.LogoutView.as_view()), name="logout"),
    path("konto/sikkerhet/", accounts.security, name="security"),
    # A colleague's invitation: the link, then (in the same session) password and authenticator.
    path(
        "invitasjon/<str:token>/", staff_invitation_views.staff_invitation_open, name="staff_invitation_open"
    ),
    path("invitasjon/", staff_invitation_views.staff_invitation, name="staff_invitation"),
    path("konto/velkommen/", staff_invitation_views.staff_invitation_codes, name="staff_invitation_codes"),
    path("konto/passord/", accounts.password_change, name="password_change"),
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
    path("ungdommer/", dashboards.my_youths, name="my_youths"),
    path("min-dag/", dashboards.my_day, name="my_day"),
    path("statistikk/", statistics.statistics, name="statistics"),
    path("ungdommer/ny/", youths.youth_new, name="youth_new"),
    path("ungdommer/<id:youth_id>/", include(youth_patterns)),
    path("stafetter/", handovers.incoming, name="incoming_handovers"),
    path("innboks/", reminders.inbox, name="reminder_inbox"),
    path("innboks/<id:reminder_id>/handtert/", reminders.reminder_handled, name="reminder_handled"),
    path("eskaleringer/", reminders.escalations, name="escalations"),
    path("teamleder/", team_lead.team_lead, name="team_lead"),
    path("teamleder/oppdater/", team_lead.refresh, name="team_lead_refresh"),
    path("teamleder/liste/<slug:key>/", team_lead.figure_list, name="team_lead_list"),
    path("teamleder/ungdommer/<id:youth_id>/stafett/", team_lead.reassign, name="baton_reassign"),
    path("teamleder/ansatte/<id:staff_id>/stafetter/", team_lead.caseload, name="caseload_move"),
    # Delegated administration: the team lead's staff, the municipality administrator's agencies.
    path("teamleder/ansatte/", staff.staff_list, name="staff_list"),
    path("teamleder/ansatte/ny/", staff.staff_new, name="staff_new"),
    path(
        "teamleder/ansatte/<id:staff_id>/deaktiver/", staff.lead_staff["deactivate"], name="staff_deactivate"
    ),
    path("teamleder/ansatte/<id:staff_id>/aktiver/", staff.lead_staff["reactivate"], name="staff_reactivate"),
    path("teamleder/ansatte/<id:staff_id>/invitasjon/", staff.lead_staff["resend"], name="staff_resend"),
    path("teamleder/ansatte/<id:staff_id>/teamleder/", staff.lead_staff["team_lead"], name="staff_team_lead"),
    path("kommune/", staff.municipality, name="municipality"),
    path("kommune/etater/ny/", staff.municipality_agency_new, name="municipality_agency_new"),
    path("kommune/etater/<id:agency_id>/", staff.municipality_agency, name="municipality_agency"),
    path(
        "kommune/etater/<id:agency_id>/teamleder/ny/",
        staff.municipality_lead_new,
        name="municipality_lead_new",
    ),
    path(
        "kommune/ansatte/<id:staff_id>/deaktiver/",
        staff.municipality_staff["deactivate"],
        name="municipality_staff_deactivate",
    ),
    path(
        "kommune/ansatte/<id:staff_id>/aktiver/",
        staff.municipality_staff["reactivate"],
        name="municipality_staff_reactivate",
    ),
    path(
        "kommune/ansatte/<id:staff_id>/invitasjon/",
        staff.municipality_staff["resend"],
        name="municipality_staff_resend",
    ),
    path(
        "kommune/ansatte/<id:staff_id>/teamleder/",
        staff.municipality_staff["team_lead"],
        name="municipality_staff_team_lead",
    ),
    path("teamleder/nodtilgang/<id:emergency_id>/", emergency.emergency_review, name="emergency_review"),
    path("personvern/", emergency.privacy_reviews, name="privacy_reviews"),
    # Records retention: periods per agency and record type, the dry-run report, legal holds, the log.
    path("oppbevaring/", retention.retention, name="retention"),
    path(
        "oppbevaring/etater/<id:agency_id>/<slug:record_type>/",
        retention.retention_policy,
        name="retention_policy",
    ),
    path("oppbevaring/saker/<id:case_id>/rettslig-hold/", retention.legal_hold, name="legal_hold"),
]
