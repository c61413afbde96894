"""Stafett settings, driven by environment variables (deploy/env.example lists them).

Read in this order: `base` (the environment, the web stack, security, languages, static files, mail),
`accounts` (sign-in and sessions), `background` (Celery and the reminder sweep). DJANGO_SETTINGS_MODULE
stays `coordination.settings`.
"""

from coordination.settings.accounts import *  # noqa: F403
from coordination.settings.background import *  # noqa: F403
from coordination.settings.base import *  # noqa: F403
