"""A youth's or relative's own Stafett (mobile first): the plan in plain words, meetings, the team,
transitions; for the youth also consents, who has looked, and their own voice.

Every page is the signed-in person's own record only (`citizen_access_for_user`, 404 for anything
else); a relative sees the parts the age rules and the youth's choices give them, and nothing else.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coordination.access import citizen_pages, require
from coordination.access.citizens import PARTS, CitizenAccess, citizen_access_for_user, relatives_youths
from coordination.services.consents import consent_change_ask, consent_event_record, relative_sharing_set
from coordination.web.views import paginate, perform, render_page, submit
from pathways.forms.my_stafett import (
    ChangeWishForm,
    GoalIdeaForm,
    LysglimtNoteForm,
    MessageForm,
    OwnViewForm,
    SharingForm,
    WithdrawForm,
)
from pathways.selectors import my_stafett as selectors
from pathways.selectors import plain_words
from pathways.services.voice import (
    evaluation_view_add,
    goal_suggest,
    lysglimt_mark,
    lysglimt_note,
    youth_message_send,
)

HOME = "my_stafett"


def _access(request: HttpRequest) -> CitizenAccess:
    """The signed-in person's own record; a relative of several youths names one with `?ung=<id>`."""
    raw = request.GET.get("ung", "")
    if not raw:
        return citizen_access_for_user(request.user)
    if not raw.isdigit() or len(raw) > 18:
        raise Http404
    return citizen_access_for_user(request.user, int(raw))


def _youth_access(request: HttpRequest, part: str) -> CitizenAccess:
    """Pages only the youth has (consents, who has looked, writing): 404 for a relative."""
    access = _access(request)
    if not access.sees(part):
        raise Http404
    return access


def _context(access: CitizenAccess, **extra) -> dict:
    sees = {part: access.sees(part) for part in PARTS}
    return {"access": access, "youth": access.youth, "sees": sees, **extra}


def _home_url(anchor: str = "") -> str:
    return reverse(HOME) + (f"#{anchor}" if anchor else "")


# Min plan -------------------------------------------------------------------------------------------


@citizen_pages
@require_http_methods(["GET"])
def home(request: HttpRequest) -> HttpResponse:
    """Min plan: lysglimt first, goals, next steps, evaluations, meetings, the team, changes ahead.
    A relative gets only the parts they may see. The log has a page of its own (`log`): thirty
    entries with a form each made this page twice as slow, and too long on a phone."""
    access = _access(request)
    context = _context(access)
    if access.relative is not None:
        youths = relatives_youths(request.user)
        context["other_youths"] = youths if len(youths) > 1 else []
    if access.sees("log"):
        context["lysglimt"] = selectors.my_lysglimt(access)
        context["lysglimt_form"] = LysglimtNoteForm(auto_id="id_lysglimt_%s")
    if access.sees("plan"):
        evaluations = selectors.my_evaluations(access)
        if access.may.add_own_view:
            for evaluation in evaluations:
                evaluation.view_form = OwnViewForm(auto_id=f"id_view_{evaluation.pk}_%s")
        context.update(
            goals=selectors.my_goals(access),
            next_steps=selectors.my_next_steps(access),
            evaluations=evaluations,
            team=selectors.my_team(access),
        )
    if access.sees("meetings"):
        context["meetings"] = selectors.my_meetings(access)
    if access.sees("transitions"):
        transitions = selectors.my_transitions(access)
        for transition in transitions:
            words = plain_words.TRANSITION_WORDS
            transition.words = words.get(transition.kind, transition.get_kind_display())
        context["transitions"] = transitions
    return render_page(request, "pathways/my_stafett/home.html", context)


@citizen_pages
@require_http_methods(["GET"])
def log(request: HttpRequest) -> HttpResponse:
    """What is written about the youth, newest first, a page at a time; the youth may mark an entry
    as a lysglimt. The youth's own page: 404 for a relative."""
    access = _youth_access(request, "log")
    page = paginate(request, selectors.my_log(access), "log")
    return render_page(request, "pathways/my_stafett/log.html", _context(access, page=page))


@citizen_pages
@require_http_methods(["POST"])
def evaluation_view(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    """The youth adds their own view to an evaluation."""
    access = _access(request)
    evaluation = selectors.evaluation_get(access, evaluation_id)
    require(access.may.add_own_view)
    return perform(
        request,
        evaluation_view_add,
        form=OwnViewForm(request.POST),
        actor=request.user,
        evaluation=evaluation,
        success=_("Thank you! Your view is saved, and the team can read it."),
        then=_home_url(f"evaluation-{evaluation.pk}"),
    )


@citizen_pages
@require_http_methods(["POST"])
def lysglimt_add(request: HttpRequest) -> HttpResponse:
    """A short note about something that went well."""
    access = _access(request)
    require(access.may.mark_lysglimt)
    return perform(
        request,
        lysglimt_note,
        form=LysglimtNoteForm(request.POST),
        actor=request.user,
        youth=access.youth,
        success=_("Nice! Your lysglimt is saved."),
        then=_home_url("lysglimt"),
    )


@citizen_pages
@require_http_methods(["POST"])
def lysglimt_entry(request: HttpRequest, entry_id: int) -> HttpResponse:
    """Marks something in the log as a lysglimt, then back to the same page of the log."""
    access = _access(request)
    entry = selectors.log_entry_get(access, entry_id)
    require(access.may.mark_lysglimt)
    number = request.POST.get("page", "")
    # Passed on only as ASCII digits ("²" is a digit to str.isdigit): the rest is dropped.
    plain = number.isascii() and number.isdigit() and len(number) < 7
    back = reverse("my_log") + (f"?page={number}" if plain else "")
    return perform(
        request,
        lysglimt_mark,
        actor=request.user,
        entry=entry,
        success=_("Marked as a lysglimt."),
        then=f"{back}#entry-{entry.pk}",
    )


# Mine samtykker -------------------------------------------------------------------------------------


def _sharing_form(access: CitizenAccess, relative) -> SharingForm:
    sharing = getattr(relative, "sharing", None)
    initial = {
        "plan": bool(sharing and sharing.plan),
        "meetings": bool(sharing and sharing.meetings),
        "transitions": bool(sharing and sharing.transitions),
        "include_health": bool(sharing and sharing.include_health),
        "kept_back": list(sharing.kept_back) if sharing else [],
    }
    return SharingForm(
        initial=initial,
        auto_id=f"id_relative_{relative.pk}_%s",
        guardian_under_16=_guardian_under_16(access, relative),
        may_keep_back=access.youth.age >= 12,
    )


def _guardian_under_16(access: CitizenAccess, relative) -> bool:
    return relative.has_parental_responsibility and access.youth.age < 16


@citizen_pages
@require_http_methods(["GET"])
def consents(request: HttpRequest) -> HttpResponse:
    """What each agency may see and until when, the history, the age rule; withdraw or ask for a
    change; what each relative may see."""
    access = _youth_access(request, "consents")
    my_consents = selectors.my_consents(access)
    for consent in my_consents:
        consent.agencies = [
            (agency, [plain_words.CATEGORY_WORDS[category] for category in categories])
            for agency, categories in consent.by_agency.items()
        ]
        consent.words = plain_words.CONSENT_STATE_WORDS.get(consent.state, consent.get_state_display())
        consent.giver_words = plain_words.GIVER_WORDS.get(consent.given_by, "")
        consent.history = [
            (event, plain_words.CONSENT_EVENT_WORDS.get(event.kind, event.get_kind_display()))
            for event in consent.events.all()
        ]
        consent.withdraw_form = WithdrawForm(auto_id=f"id_withdraw_{consent.pk}_%s")
        consent.change_form = ChangeWishForm(auto_id=f"id_change_{consent.pk}_%s")
    relatives = selectors.my_relatives(access)
    for relative in relatives:
        relative.form = _sharing_form(access, relative)
        relative.guardian_under_16 = _guardian_under_16(access, relative)
    context = _context(
        access,
        consents=my_consents,
        relatives=relatives,
        age_rule=plain_words.age_rule_in_plain_words(access.youth.age),
        change_form=ChangeWishForm(auto_id="id_change_any_%s"),
    )
    return render_page(request, "pathways/my_stafett/consents.html", context)


def _consents_url(anchor: str = "") -> str:
    return reverse("my_consents") + (f"#{anchor}" if anchor else "")


@citizen_pages
@require_http_methods(["POST"])
def consent_withdraw(request: HttpRequest, consent_id: int) -> HttpResponse:
    """Withdraws a consent the youth gave, at once: the same service staff use, so the agency loses
    access on its very next request."""
    access = _youth_access(request, "consents")
    consent = selectors.consent_get(access, consent_id)
    require(access.may.withdraw_consent and selectors.may_withdraw(consent))
    return perform(
        request,
        consent_event_record,
        form=WithdrawForm(request.POST),
        actor=request.user,
        consent=consent,
        kind="withdrawn",
        success=_("The consent is withdrawn. From now on they cannot see what it shared."),
        then=_consents_url(f"consent-{consent.pk}"),
    )


@citizen_pages
@require_http_methods(["POST"])
def consent_change(request: HttpRequest, consent_id: int | None = None) -> HttpResponse:
    """The youth asks for a change to a consent (or to their consents in general)."""
    access = _youth_access(request, "consents")
    consent = selectors.consent_get(access, consent_id) if consent_id is not None else None
    require(access.may.ask_consent_change)
    return perform(
        request,
        consent_change_ask,
        form=ChangeWishForm(request.POST),
        actor=request.user,
        youth=access.youth,
        consent=consent,
        success=_("Your wish is sent. Your stafettholder will talk with you about it."),
        then=_consents_url(f"consent-{consent.pk}" if consent else "change"),
    )


@citizen_pages
@require_http_methods(["POST"])
def relative_sharing(request: HttpRequest, relative_id: int) -> HttpResponse:
    """What one relative may see, decided by the youth."""
    access = _youth_access(request, "consents")
    relative = selectors.relative_get(access, relative_id)
    require(access.may.set_sharing)
    form = SharingForm(
        request.POST,
        guardian_under_16=_guardian_under_16(access, relative),
        may_keep_back=access.youth.age >= 12,
    )
    return perform(
        request,
        relative_sharing_set,
        form=form,
        actor=request.user,
        relative=relative,
        success=_("Saved. This is what they can see from now on."),
        then=_consents_url(f"relative-{relative.pk}"),
    )


# Hvem har sett på saken min -------------------------------------------------------------------------


@citizen_pages
@require_http_methods(["GET"])
def access_log(request: HttpRequest) -> HttpResponse:
    """Who has looked at my case: who, which agency, when, what, and why for emergency access."""
    access = _youth_access(request, "access_log")
    page = paginate(request, selectors.who_has_looked(access), "access_log")
    for row in page.object_list:
        row.words = plain_words.looked_in_plain_words(row)
    return render_page(request, "pathways/my_stafett/access_log.html", _context(access, page=page))


# Skriv til teamet -----------------------------------------------------------------------------------


def _write_page(request: HttpRequest, access: CitizenAccess, **forms) -> HttpResponse:
    context = _context(
        access,
        message_form=forms.get("message_form") or MessageForm(auto_id="id_message_%s"),
        goal_form=forms.get("goal_form") or GoalIdeaForm(auto_id="id_goal_%s"),
        page=paginate(request, selectors.my_words(access), "log"),
    )
    return render_page(request, "pathways/my_stafett/write.html", context)


@citizen_pages
@require_http_methods(["GET"])
def write(request: HttpRequest) -> HttpResponse:
    """Write to the team, or suggest a goal; what the youth wrote is shown as "Du skrev"."""
    return _write_page(request, _youth_access(request, "voice"))


@citizen_pages
@require_http_methods(["POST"])
def message_send(request: HttpRequest) -> HttpResponse:
    access = _youth_access(request, "voice")
    require(access.may.write_to_team)
    form = MessageForm(request.POST, auto_id="id_message_%s")
    done = submit(
        request,
        form,
        youth_message_send,
        actor=request.user,
        youth=access.youth,
        success=_("Your message is sent to the team."),
        then=reverse("my_write") + "#you-wrote",
    )
    return done or _write_page(request, access, message_form=form)


@citizen_pages
@require_http_methods(["POST"])
def goal_idea(request: HttpRequest) -> HttpResponse:
    access = _youth_access(request, "voice")
    require(access.may.suggest_goal)
    form = GoalIdeaForm(request.POST, auto_id="id_goal_%s")
    done = submit(
        request,
        form,
        goal_suggest,
        actor=request.user,
        youth=access.youth,
        success=_("Your goal idea is sent to the team."),
        then=reverse("my_write") + "#you-wrote",
    )
    return done or _write_page(request, access, goal_form=form)
