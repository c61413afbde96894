"""Work done in the background: Celery (broker, reliability, the one beat schedule) and the reminder sweep's
business thresholds."""

import datetime

from django.core.exceptions import ImproperlyConfigured

from coordination.env import env_bool, env_int, env_str
from coordination.settings.base import REDIS_URL, TIME_ZONE, VAR_DIR

# Celery: Redis when REDIS_URL is set; otherwise kombu's filesystem transport, which needs no server.
# Reliability (each setting has a test in tests/pathways/test_celery_reliability.py and the real-worker
# tests): a task is acknowledged only after it has run (acks_late), and given back to the broker when
# its worker process dies (reject_on_worker_lost), so a crash loses nothing; every task has a hard time
# limit, and Redis redelivers an unacknowledged message only after the visibility timeout, which must
# therefore be longer than the longest task and the longest retry countdown, or a slow task would run
# twice; retries are bounded and back off; tasks are enqueued only after the transaction commits
# (transaction.on_commit in the services), so a rolled-back change never sends anything.
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 600, minimum=1)
CELERY_VISIBILITY_TIMEOUT = env_int("CELERY_VISIBILITY_TIMEOUT", 3600, minimum=1)
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
        # How often a worker looks for messages whose worker died (kombu's default is ~100 s).
        "unacked_restore_interval": env_int("CELERY_UNACKED_RESTORE_INTERVAL", 10, minimum=1),
        "unacked_restore_throttle": 1,
    }
else:
    _broker_dir = VAR_DIR / "celery-broker"
    for _sub in ("queue", "processed", "control"):
        (_broker_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# One queue name per deployment (or per test run, so a stray worker never takes another run's messages).
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "stafett")
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Workers and beat log through LOGGING below (JSON in production) instead of Celery's own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# /helse/ reports beat as failing when its last heartbeat is older than this.
HEALTH_BEAT_MAX_AGE = datetime.timedelta(minutes=env_int("HEALTH_BEAT_MAX_AGE_MINUTES", 5, minimum=2))

# Reminders instead of discharge (pathways/sweep.py). Thresholds are business settings, in days.
REMINDER_SWEEP_MINUTES = env_int("REMINDER_SWEEP_MINUTES", 10, minimum=1)
# The team lead's agency-wide figures are refreshed after each sweep (pathways/services/dashboards.py);
# an older row is never shown (counted anew instead), so a missed sweep or two cannot show stale figures.
DASHBOARD_FIGURES_MAX_AGE = datetime.timedelta(minutes=3 * REMINDER_SWEEP_MINUTES)
# An overdue evaluation goes to the responsible person, then the stafettholder, then the team lead.
REMINDER_ESCALATE_TO_HOLDER_DAYS = env_int("REMINDER_ESCALATE_TO_HOLDER_DAYS", 7, minimum=0)
REMINDER_ESCALATE_TO_LEAD_DAYS = env_int("REMINDER_ESCALATE_TO_LEAD_DAYS", 14, minimum=0)
if REMINDER_ESCALATE_TO_LEAD_DAYS < REMINDER_ESCALATE_TO_HOLDER_DAYS:
    raise ImproperlyConfigured("REMINDER_ESCALATE_TO_LEAD_DAYS must not be shorter than ..._TO_HOLDER_DAYS.")
# Longest time without logged contact, by BTI level, unless the youth has their own interval.
REMINDER_FOLLOW_UP_DAYS_BY_LEVEL = {
    level: env_int(f"REMINDER_FOLLOW_UP_DAYS_LEVEL_{level}", default, minimum=1)
    for level, default in ((0, 60), (1, 30), (2, 14), (3, 7))
}
REMINDER_OUTREACH_WORKING_DAYS = env_int("REMINDER_OUTREACH_WORKING_DAYS", 2, minimum=1)
REMINDER_HANDOVER_ACCEPT_DAYS = env_int("REMINDER_HANDOVER_ACCEPT_DAYS", 3, minimum=1)
REMINDER_TURNING_18_MONTHS = env_int("REMINDER_TURNING_18_MONTHS", 6, minimum=1)
REMINDER_CONSENT_NOTICE_DAYS = env_int("REMINDER_CONSENT_NOTICE_DAYS", 14, minimum=1)
# How long the stafettholder is reminded that another service tried to register the youth.
REMINDER_REGISTRATION_ATTEMPT_DAYS = env_int("REMINDER_REGISTRATION_ATTEMPT_DAYS", 30, minimum=1)
# Dotted path to the consent deadline source (see pathways/sweep.py, ConsentDeadlines); empty switches
# rule 4 off.
REMINDER_CONSENT_SOURCE = env_str(
    "REMINDER_CONSENT_SOURCE", "coordination.selectors.consents.consent_deadlines"
)
# No e-mail between these hours, Oslo time (held until the end of the quiet period); equal values: none.
REMINDER_EMAIL_QUIET_START = env_int("REMINDER_EMAIL_QUIET_START", 22, minimum=0)
REMINDER_EMAIL_QUIET_END = env_int("REMINDER_EMAIL_QUIET_END", 7, minimum=0)
if max(REMINDER_EMAIL_QUIET_START, REMINDER_EMAIL_QUIET_END) > 23:
    raise ImproperlyConfigured("REMINDER_EMAIL_QUIET_START and _END are hours from 0 to 23.")
REMINDER_EMAIL_MAX_RETRIES = env_int("REMINDER_EMAIL_MAX_RETRIES", 6, minimum=0)
REMINDER_EMAIL_RETRY_BACKOFF_MAX = env_int("REMINDER_EMAIL_RETRY_BACKOFF_MAX", 1800, minimum=1)
# A reminder whose e-mail task vanished (broker restarted without persistence) is queued again after this.
REMINDER_EMAIL_REQUEUE_MINUTES = env_int("REMINDER_EMAIL_REQUEUE_MINUTES", 30, minimum=1)
REMINDER_EMAIL_BATCH = env_int("REMINDER_EMAIL_BATCH", 500, minimum=1)
if max(CELERY_TASK_TIME_LIMIT, REMINDER_EMAIL_RETRY_BACKOFF_MAX) >= CELERY_VISIBILITY_TIMEOUT:
    raise ImproperlyConfigured(
        "CELERY_VISIBILITY_TIMEOUT must be longer than CELERY_TASK_TIME_LIMIT and "
        "REMINDER_EMAIL_RETRY_BACKOFF_MAX, or Redis hands a running task to a second worker."
    )

# Records retention (pathways/services/retention.py): per record type, what happens how many years after
# a case was closed, unless an agency's administrator set its own (RetentionPolicy). Records of agencies
# in RETENTION_KEEP_SECTORS are kept permanently by default (child welfare records go to the archive).
RETENTION_DEFAULTS = {
    "log": ("delete", env_int("RETENTION_YEARS_LOG", 10, minimum=1)),
    "plan": ("delete", env_int("RETENTION_YEARS_PLAN", 10, minimum=1)),
    "meetings": ("delete", env_int("RETENTION_YEARS_MEETINGS", 10, minimum=1)),
    "consents": ("delete", env_int("RETENTION_YEARS_CONSENTS", 10, minimum=1)),
    "access_log": ("delete", env_int("RETENTION_YEARS_ACCESS_LOG", 10, minimum=1)),
    "case": ("anonymise", env_int("RETENTION_YEARS_CASE", 10, minimum=1)),
}
RETENTION_KEEP_SECTORS = tuple(
    sector for sector in env_str("RETENTION_KEEP_SECTORS", "child_welfare").split(",") if sector
)
# The scheduled job always writes its dry-run report first; with this on it stops there.
RETENTION_DRY_RUN_ONLY = env_bool("RETENTION_DRY_RUN_ONLY", default=False)

# The one beat schedule. Run exactly one beat process (deploy/README.md). Every entry expires within
# its interval: a run that waited too long is dropped, because the next one derives the same again.
CELERY_BEAT_SCHEDULE = {
    "reminder-sweep": {
        "task": "pathways.sweep_reminders",
        "schedule": REMINDER_SWEEP_MINUTES * 60,
        "options": {"expires": REMINDER_SWEEP_MINUTES * 60},
    },
    "reminder-emails": {
        "task": "pathways.dispatch_reminder_emails",
        "schedule": 60,
        "options": {"expires": 60},
    },
    # Youths and relatives hear of a new or changed meeting or step (pathways/services/notifications.py).
    "notifications": {
        "task": "pathways.dispatch_notifications",
        "schedule": 60,
        "options": {"expires": 60},
    },
    # Proves to the health endpoint that beat schedules and a worker runs what it schedules.
    "heartbeat": {"task": "coordination.tasks.heartbeat", "schedule": 60.0, "options": {"expires": 60}},
    "clear-expired-sessions": {
        "task": "coordination.tasks.clear_expired_sessions",
        "schedule": 3600.0,
        "options": {"expires": 3600},
    },
    # Records retention once a day: the dry-run report, then what it found is done.
    "retention": {"task": "pathways.retention_sweep", "schedule": 86400.0, "options": {"expires": 86400}},
}
