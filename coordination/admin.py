from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

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
    list_filter = ["agency", "is_team_lead", "is_active", "is_staff"]
    list_select_related = ["agency"]
    fieldsets = [
        *UserAdmin.fieldsets,
        (_("Agency"), {"fields": ["agency", "is_team_lead", "job_title", "phone", "language"]}),
    ]
    add_fieldsets = [
        *UserAdmin.add_fieldsets,
        (_("Agency"), {"fields": ["first_name", "last_name", "email", "agency", "is_team_lead"]}),
    ]
