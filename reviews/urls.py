from django.urls import include, path

from reviews import views

app_name = "reviews"

urlpatterns = [
    path("", views.article_list, name="article_list"),
    path("articles/<int:article_id>/", views.article_detail, name="article_detail"),
    path("", include("reviews.urls_sources")),
    path("", include("reviews.urls_reports")),
]
