"""The one domain error of the desk. Services raise it; interfaces translate it."""

from django.db.utils import OperationalError


class ReviewError(Exception):
    """A rule of the desk refused an action.

    `code` is machine-readable (`invalid`, `forbidden`, `conflict`, `not_found`); interfaces map
    it to a form error or flash message (HTML) and to 400/403/409/404 (API).
    """

    def __init__(self, message: str, code: str = "invalid", *, fields: dict | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.fields = fields or {}


class ConflictError(ReviewError):
    """A save based on a stale version: someone else changed the object first."""

    def __init__(self, message: str, *, current: dict | None = None):
        super().__init__(message, "conflict")
        self.current = current or {}


BUSY_MESSAGE = "The desk is busy; try again in a moment."
BUSY_RETRY_AFTER = 5  # seconds
# PostgreSQL's SQLSTATEs for a wait that ran out: lock_not_available (lock_timeout, NOWAIT)
# and query_canceled (statement_timeout).
BUSY_SQLSTATES = frozenset({"55P03", "57014"})


def is_database_busy(exc: BaseException) -> bool:
    """Whether `exc` is the database giving up on a lock another writer holds: SQLite's
    "database is locked" after its busy timeout, or a PostgreSQL lock or statement timeout.
    Nothing is wrong with the request; the same request a moment later succeeds."""
    if not isinstance(exc, OperationalError):
        return False
    cause = exc.__cause__
    sqlstate = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    if sqlstate in BUSY_SQLSTATES:
        return True
    return "database is locked" in str(exc) or "database table is locked" in str(exc)
