"""Every youth URL, requested (GET) as every role: allowed, 403 (visible but not theirs to do) or 404.

member: on the team, consent covers their agency; uncovered: on the team, no consent for their agency.
"""

import pytest

from tests.test_url_access import youth_urls_by_name

HOLDER_ONLY = {
    "handover_new",
    "case_close",
    "case_reopen",
    "consent_new",
    "consent_event_new",
    "access_log",
    "goal_new",
    "goal_edit",
    "action_new",
    # The individual plan is kept by the stafettholder and its coordinator (here the holder).
    "individual_plan_edit",
    # The youth's own data export, made by the stafettholder on the youth's request.
    "youth_data_export",
}
POST_ONLY = {
    "team_member_new",
    "team_member_leave",
    "relative_new",
    "handover_withdraw",
    # The staff side of the youth's own Stafett: buttons and short forms only.
    "team_invitation_new",
    "log_lysglimt_new",
    "log_lysglimt_mark",
    "individual_plan_adopt",
    # The archive export of a closed case is a button (the youth here is active).
    "archive_export",
}

# url name -> expected GET status for the holder and the member where it differs from 200
# The youth is active, so there is nothing to reopen; the open handover is addressed to the member.
HOLDER_EXPECTED = {"case_reopen": 403, "handover_answer": 404}
MEMBER_EXPECTED = dict.fromkeys(HOLDER_ONLY, 403) | {
    "action_edit": 403,  # responsible is the holder
    "evaluation_new": 403,
    "correction_new": 403,  # written by the holder
}


# Pages of a team lead about the agency's youths: the lead of the stafettholder's agency only.
LEAD_PAGES = {"baton_reassign"}


def _expected(role: str, name: str) -> int:
    if name in LEAD_PAGES:
        return 200 if role == "team_lead" else 404
    if name in POST_ONLY:
        return 405 if role in ("holder", "member") else 404
    if role == "holder":
        return HOLDER_EXPECTED.get(name, 200)
    if role == "member":
        return MEMBER_EXPECTED.get(name, 200)
    if role == "uncovered":
        return 200 if name == "emergency_access" else 404
    return 404


@pytest.mark.parametrize("role", ["holder", "member", "uncovered", "outsider", "team_lead", "admin"])
def test_each_role_gets_what_the_design_says_on_every_youth_url(cast, client, role, login):
    urls = youth_urls_by_name(cast)
    login(getattr(cast, role))
    wrong = {}
    for name, url in urls.items():
        status = client.get(url).status_code
        if status != _expected(role, name):
            wrong[name] = (status, _expected(role, name))
    assert wrong == {}


def test_anonymous_is_sent_to_login_everywhere(cast, client):
    for name, url in youth_urls_by_name(cast).items():
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/logg-inn/"), name
