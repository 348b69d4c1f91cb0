"""The one domain error of the desk. Services raise it; interfaces translate it."""


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
