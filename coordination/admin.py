from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from coordination.accounts.second_factor import second_factor_reset
from coordination.accounts.sessions import sessions_end_for_user
from coordination.models import Agency, User


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "sector", "level", "municipality"]
    list_filter = ["sector", "level"]
    search_fields = ["name", "municipality"]


@admin.register(User)
class StaffAdmin(UserAdmin):
    """Administrators manage accounts and agencies; case content is deliberately not in the admin."""

    list_display = ["username", "first_name", "last_name", "agency", "is_team_lead", "is_active"]
    list_filter = ["agency", "is_team_lead", "is_privacy_officer", "is_active", "is_staff"]
    list_select_related = ["agency"]
    # Stafett does not use Django's groups and model permissions (access follows team and consent),
    # so the form does not offer them.
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name", "email"]}),
        (_("Account"), {"fields": ["is_active", "is_staff", "is_superuser", "last_login", "date_joined"]}),
        (
            _("Agency"),
            {
                "fields": [
                    "agency",
                    "is_team_lead",
                    "is_privacy_officer",
                    "is_planner",
                    "job_title",
                    "phone",
                    "language",
                ]
            },
        ),
    ]
    readonly_fields = ["last_login", "date_joined"]
    filter_horizontal = ()
    actions = ["reset_second_factor", "end_sessions"]
    add_fieldsets = [
        *UserAdmin.add_fieldsets,
        (_("Agency"), {"fields": ["first_name", "last_name", "email", "agency", "is_team_lead"]}),
    ]

    @admin.action(description=_("Reset the second factor (lost phone): set up again at next login"))
    def reset_second_factor(self, request, queryset):
        for user in queryset:
            second_factor_reset(actor=request.user, user=user)
        count = len(queryset)
        message = ngettext(
            "The second factor of %(count)d user was reset.",
            "The second factor of %(count)d users was reset.",
            count,
        ) % {"count": count}
        self.message_user(request, message, messages.SUCCESS)

    @admin.action(description=_("Log out everywhere"))
    def end_sessions(self, request, queryset):
        ended = sum(sessions_end_for_user(user=user, reason="admin") for user in queryset)
        message = ngettext("%(count)d session was ended.", "%(count)d sessions were ended.", ended) % {
            "count": ended
        }
        self.message_user(request, message, messages.SUCCESS)
