"""The REST API (DESIGN.md section 7)."""

urlpatterns: list = []
