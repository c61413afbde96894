"""The Django admin, for superusers: municipalities, agencies and user accounts, nothing else.

Day-to-day administration happens in the product (coordination/views/staff.py): municipality
administrators create agencies and invite team leads, team leads invite and deactivate their staff.
Stafett does not use Django's groups and model permissions (access follows team and consent), so
they are neither shown nor offered; second-factor devices and login attempts are managed through the
user actions. Case content is deliberately not in the admin.
"""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from axes.utils import reset as axes_reset
from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_email.models import EmailDevice
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from coordination.accounts.second_factor import second_factor_reset
from coordination.accounts.sessions import sessions_end_for_user
from coordination.models import Agency, User
from coordination.models.agencies import Municipality

_BIGINT = range(-(2**63), 2**63)


def _in_range(value) -> bool:
    """A key the database can compare: not an integer at all (the field says it is invalid), or an
    integer within a bigint. SQLite raises OverflowError on a larger one in an IN list."""
    try:
        return int(str(value)) in _BIGINT
    except ValueError:
        return True


class KeyChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and not _in_range(value):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class KeysChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for key in value if isinstance(value, list | tuple) else []:
            if not _in_range(key):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": key}
                )
        return super()._check_values(value)


class SafeKeysAdmin(admin.ModelAdmin):
    """Foreign keys and many-to-many fields refuse ids out of the database's range as invalid input
    (a form error), so no input makes the admin answer 500."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", KeyChoiceField)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", KeysChoiceField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


for _model in (Group, TOTPDevice, StaticDevice, EmailDevice, AccessAttempt, AccessLog, AccessFailureLog):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


@admin.register(Municipality)
class MunicipalityAdmin(SafeKeysAdmin):
    list_display = ["name", "number"]
    search_fields = ["name", "number"]


@admin.register(Agency)
class AgencyAdmin(SafeKeysAdmin):
    list_display = ["name", "sector", "level", "municipality"]
    list_filter = ["sector", "level", "municipality"]
    list_select_related = ["municipality"]
    search_fields = ["name", "municipality__name"]
    fields = ["name", "sector", "level", "municipality", "serves"]


@admin.register(User)
class StaffAdmin(SafeKeysAdmin, UserAdmin):
    """Administrators manage accounts and agencies; case content is deliberately not in the admin."""

    list_display = ["username", "first_name", "last_name", "agency", "is_team_lead", "is_active"]
    list_filter = [
        "agency",
        "is_team_lead",
        "is_municipality_admin",
        "is_privacy_officer",
        "is_active",
        "is_staff",
    ]
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
                    "is_municipality_admin",
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
    actions = ["reset_second_factor", "end_sessions", "unlock_login"]
    add_fieldsets = [
        *UserAdmin.add_fieldsets,
        (
            _("Agency"),
            {
                "fields": [
                    "first_name",
                    "last_name",
                    "email",
                    "agency",
                    "is_team_lead",
                    "is_municipality_admin",
                ]
            },
        ),
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

    @admin.action(description=_("Unlock the login (forget failed attempts)"))
    def unlock_login(self, request, queryset):
        for user in queryset:
            axes_reset(username=user.username)
        count = len(queryset)
        message = ngettext(
            "The login of %(count)d user was unlocked.", "The logins of %(count)d users were unlocked.", count
        ) % {"count": count}
        self.message_user(request, message, messages.SUCCESS)
