"""Pages of one youth's plan, log, levels, meetings and transitions (mounted under /ungdommer/<youth_id>/)."""

from django.urls import path

from coordination.web import converters  # noqa: F401 - registers <id:…>
from pathways.views import (
    documents,
    individual_plan,
    levels,
    log,
    meetings,
    my_data,
    my_plan,
    my_stafett,
    plan,
    transitions,
)

urlpatterns = [
    path("plan/", plan.plan, name="plan"),
    path("plan/mal/ny/", plan.goal_new, name="goal_new"),
    path("plan/mal/<id:goal_id>/endre/", plan.goal_edit, name="goal_edit"),
    path("plan/mal/<id:goal_id>/tiltak/ny/", plan.action_new, name="action_new"),
    path("plan/tiltak/<id:action_id>/endre/", plan.action_edit, name="action_edit"),
    path("plan/tiltak/<id:action_id>/evaluer/", plan.evaluation_new, name="evaluation_new"),
    path("individuell-plan/", individual_plan.individual_plan, name="individual_plan"),
    path("individuell-plan/endre/", individual_plan.individual_plan_edit, name="individual_plan_edit"),
    path("individuell-plan/vedta/", individual_plan.individual_plan_adopt, name="individual_plan_adopt"),
    path("individuell-plan/versjon/<id:version_id>/", individual_plan.plan_version, name="plan_version"),
    path(
        "individuell-plan/versjon/<id:version_id>/pdf/",
        individual_plan.plan_version_download,
        name="plan_version_pdf",
    ),
    path("sammendrag/", documents.summary, name="case_summary"),
    path("sammendrag/pdf/", documents.summary_download, name="case_summary_pdf"),
    path("logg/", log.log, name="log"),
    path("logg/<id:entry_id>/korriger/", log.correction_new, name="correction_new"),
    path("niva/", levels.level, name="level_change"),
    path("moter/", meetings.meetings, name="meetings"),
    path("moter/ny/", meetings.meeting_new, name="meeting_new"),
    path("moter/<id:meeting_id>/endre/", meetings.meeting_edit, name="meeting_edit"),
    path("moter/<id:meeting_id>/referat/", meetings.meeting_minutes, name="meeting_minutes"),
    path("overganger/", transitions.transitions, name="transitions"),
    path("overganger/ny/", transitions.transition_new, name="transition_new"),
    path("overganger/<id:transition_id>/endre/", transitions.transition_edit, name="transition_edit"),
]

# A youth's or relative's own Stafett (mounted under /min/): their own record only.
my_stafett_patterns = [
    path("", my_stafett.home, name="my_stafett"),
    path("evaluering/<id:evaluation_id>/mitt-syn/", my_stafett.evaluation_view, name="my_evaluation_view"),
    path("lysglimt/", my_stafett.lysglimt_add, name="my_lysglimt_add"),
    path("logg/", my_stafett.log, name="my_log"),
    path("logg/<id:entry_id>/lysglimt/", my_stafett.lysglimt_entry, name="my_lysglimt_entry"),
    path("samtykker/", my_stafett.consents, name="my_consents"),
    path("samtykker/<id:consent_id>/trekk-tilbake/", my_stafett.consent_withdraw, name="my_consent_withdraw"),
    path("samtykker/<id:consent_id>/endring/", my_stafett.consent_change, name="my_consent_change"),
    path("samtykker/endring/", my_stafett.consent_change, name="my_consent_change_any"),
    path("samtykker/parorende/<id:relative_id>/", my_stafett.relative_sharing, name="my_relative_sharing"),
    path("innsyn/", my_stafett.access_log, name="my_access_log"),
    path("individuell-plan/", my_plan.my_individual_plan, name="my_individual_plan"),
    path("individuell-plan/<id:version_id>/svar/", my_plan.my_plan_answer, name="my_plan_answer"),
    path("mine-data/", my_data.my_data, name="my_data"),
    path("skriv/", my_stafett.write, name="my_write"),
    path("skriv/melding/", my_stafett.message_send, name="my_message_send"),
    path("skriv/mal/", my_stafett.goal_idea, name="my_goal_idea"),
]
