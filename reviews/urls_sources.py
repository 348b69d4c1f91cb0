"""Routes of the candidate-source panel and job progress."""

urlpatterns: list = []
