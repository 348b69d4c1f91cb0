"""Routes of report previews, exports and the public report pages."""

urlpatterns: list = []
