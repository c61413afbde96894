"""The youth's pages in plain words, written for a 13-year-old: what a row of the access log means,
the information categories, transitions, consent events and states, who gave a consent, the age rule.
"""

from django.utils.translation import gettext_lazy as _

from coordination.models import AccessLogEntry

# What a row of the access log means, for a 13-year-old: (opened/looked, changed).
_LOOKED = {
    "archive_export": (
        _("copied your closed case to the archive"),
        _("copied your closed case to the archive"),
    ),
    "own_data_export": (_("downloaded a copy of the data"), _("downloaded a copy of the data")),
    "own_data_for_youth": (_("made a copy of your data for you"), _("made a copy of your data for you")),
    "legal_hold_on": (_("said your case must be kept for now"), _("said your case must be kept for now")),
    "legal_hold_off": (
        _("said your case no longer needs to be kept"),
        _("said your case no longer needs to be kept"),
    ),
    "youth_overview": (_("opened the overview of your case"), _("changed the overview of your case")),
    "youth_new": (_("registered you in Stafett"), _("registered you in Stafett")),
    "plan": (_("looked at your plan"), _("changed your plan")),
    "goal_new": (_("looked at your plan"), _("added a goal to your plan")),
    "goal_edit": (_("looked at a goal in your plan"), _("changed a goal in your plan")),
    "action_new": (_("looked at your plan"), _("added a step to your plan")),
    "action_edit": (_("looked at a step in your plan"), _("changed a step in your plan")),
    "evaluation_new": (_("looked at a step in your plan"), _("wrote how a step in your plan is going")),
    "log": (_("read the log"), _("wrote in the log")),
    "correction_new": (_("read an entry in the log"), _("corrected an entry in the log")),
    "level_change": (_("looked at how much help you get"), _("changed how much help you get")),
    "meetings": (_("looked at your meetings"), _("changed your meetings")),
    "meeting_new": (_("looked at your meetings"), _("planned a meeting")),
    "meeting_edit": (_("looked at a meeting"), _("changed a meeting")),
    "meeting_minutes": (_("looked at a meeting"), _("wrote what was said at a meeting")),
    "transitions": (_("looked at your changes ahead"), _("changed your changes ahead")),
    "transition_new": (_("looked at your changes ahead"), _("planned a change ahead")),
    "transition_edit": (_("looked at a change ahead"), _("changed a change ahead")),
    "team": (_("looked at your team"), _("changed your team")),
    "team_member_new": (_("looked at your team"), _("added someone to your team")),
    "team_member_leave": (_("looked at your team"), _("took someone off your team")),
    "relative_new": (_("looked at your team"), _("added one of your relatives")),
    "handover_new": (_("looked at who is your stafettholder"), _("asked someone to be your stafettholder")),
    "handover_answer": (
        _("looked at who is your stafettholder"),
        _("answered about being your stafettholder"),
    ),
    "handover_withdraw": (
        _("looked at who is your stafettholder"),
        _("took back a question about your stafettholder"),
    ),
    "case_close": (_("looked at your case"), _("closed your case")),
    "case_reopen": (_("looked at your case"), _("opened your case again")),
    "consents": (_("looked at your consents"), _("changed your consents")),
    "consent_new": (_("looked at your consents"), _("wrote down a consent")),
    "consent_event_new": (_("looked at a consent"), _("changed a consent")),
    "access_log": (_("looked at who has looked at your case"), _("looked at who has looked at your case")),
    "emergency_access": (_("used emergency access to your case"), _("used emergency access to your case")),
    "emergency_access_start": (
        _("used emergency access to your case"),
        _("used emergency access to your case"),
    ),
    "reminder_handled": (_("looked at a reminder about you"), _("marked a reminder about you as done")),
}
SEEN_IN_A_LIST = _("saw your name in a list (no content)")
TRIED_TO_REGISTER = _("tried to register you, but you were already registered")
LOOKED_AT_YOUR_CASE = _("looked at your case")


def looked_in_plain_words(row: AccessLogEntry) -> str:
    """ "opened the overview", "read the log", "changed your plan" … ("looked at your case" if unknown)."""
    if row.action == "register":
        return TRIED_TO_REGISTER
    name = row.what.split(":", 1)[0]
    if row.role == "list":
        return SEEN_IN_A_LIST
    words = _LOOKED.get(name)
    if words is None:
        return LOOKED_AT_YOUR_CASE
    return words[1] if row.action == "change" else words[0]


CATEGORY_WORDS = {
    "general": _("everyday things: appointments, the plan, how things are going"),
    "school": _("school"),
    "child_welfare": _("child welfare (barnevernet)"),
    "health": _("health"),
    "mental_health": _("how you feel (mental health)"),
    "substance_use": _("alcohol and drugs"),
    "police": _("the police"),
    "nav": _("NAV (money, work, housing)"),
}

TRANSITION_WORDS = {
    "turning_18": _(
        "You turn 18. Then you decide more yourself, and some help moves to services for adults."
    ),
    "admission": _("You start at a new place where you get help."),
    "discharge": _("You finish at a place where you get help."),
    "aftercare": _("Follow-up after you finish, so you are not left alone."),
    "school_change": _("You change school."),
    "moving": _("You move to a new place."),
}

CONSENT_EVENT_WORDS = {
    "requested": _("You were asked for a consent"),
    "discussed": _("We talked about the consent"),
    "given": _("The consent was given"),
    "partly_given": _("The consent was given for some things"),
    "refused": _("The answer was no"),
    "renewed": _("The consent was renewed"),
    "narrowed": _("Less is shared now"),
    "widened": _("More is shared now"),
    "withdrawn": _("The consent was withdrawn"),
    "expired": _("The consent ran out"),
    "reviewed": _("The consent was checked and stays the same"),
}

CONSENT_STATE_WORDS = {
    "requested": _("Asked for, not answered yet"),
    "discussed": _("Talked about, not answered yet"),
    "given": _("Yes"),
    "partly_given": _("Yes, for some things"),
    "refused": _("No"),
    "withdrawn": _("Withdrawn"),
    "expired": _("Ran out"),
}

GIVER_WORDS = {
    "youth": _("You said yes"),
    "guardians": _("Your guardians said yes"),
    "both": _("You and your guardians said yes"),
    "n/a": _("Not a consent: the law says they must share"),
}


def age_rule_in_plain_words(age: int) -> str:
    """The age rule for consent (coordination.consent_rules), explained for the youth."""
    if age >= 18:
        return _("You are 18 or older: only you decide. Nobody else sees anything unless you say yes.")
    if age >= 16:
        return _(
            "You are 16 or 17: you decide yourself about health, how you feel, and alcohol and drugs. "
            "For other things your guardians must say yes too. Your guardians only see what you choose "
            "to share with them."
        )
    if age >= 12:
        return _(
            "You are under 16: your guardians give the consent. The adults must listen to what you think, "
            "and what you say counts a lot. You can choose things your guardians should not see."
        )
    return _(
        "You are under 12: your guardians give the consent, but the adults must always ask what you think."
    )
