from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from reviews import selectors
from reviews.access import get_article_for_user
from reviews.highlight import segments


@login_required
def article_list(request):
    articles = selectors.articles_for_desk()[:200]
    return render(request, "reviews/article_list.html", {"articles": articles})


@login_required
def article_detail(request, article_id: int):
    article = get_article_for_user(request.user, article_id)
    claims = list(selectors.claims_of_article(article))
    ranked = sorted(claims, key=lambda c: -c.checkworthiness)
    return render(
        request,
        "reviews/article_detail.html",
        {"article": article, "segments": segments(article.body, claims), "ranked": ranked},
    )
