"""Per-user request rates (settings REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]).

DRF's throttles read the rates once, when their class is defined; these read them on every
request, so a deployment (or a test) that changes the settings is obeyed.
"""

from __future__ import annotations

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class _SettingsRate:
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class DeskUserThrottle(_SettingsRate, UserRateThrottle):
    """Authenticated requests, counted per user."""

    scope = "user"

    def get_cache_key(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return None  # DeskAnonThrottle counts these
        return super().get_cache_key(request, view)


class DeskAnonThrottle(_SettingsRate, AnonRateThrottle):
    """Anonymous requests (published reports, the token endpoint), counted per address."""

    scope = "anon"


class TokenThrottle(_SettingsRate, AnonRateThrottle):
    """Password attempts for API tokens, per address, on top of django-axes' lockout."""

    scope = "token"
