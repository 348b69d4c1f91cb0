"""A fake Google Fact Check Tools API: GET /v1alpha1/claims:search?query=&key= with the real
response shape; a missing or wrong key gets Google's 403 error body."""

from __future__ import annotations

from tests.fakes.server import FakeServer, Reply, Request

API_KEY = "test-key-123"


class FakeFactCheckTools(FakeServer):
    def __init__(self, *, key: str = API_KEY):
        super().__init__()
        self.key = key
        self.routes["/v1alpha1/claims:search"] = self.search

    @property
    def search_url(self) -> str:
        return f"{self.url}/v1alpha1/claims:search"

    def search(self, request: Request) -> Reply:
        if request.query.get("key") != self.key:
            return Reply.json(
                {
                    "error": {
                        "code": 403,
                        "message": "The request is missing a valid API key.",
                        "status": "PERMISSION_DENIED",
                    }
                },
                status=403,
            )
        if not request.query.get("query"):
            return Reply.json(
                {
                    "error": {
                        "code": 400,
                        "message": "Request contains an invalid argument.",
                        "status": "INVALID_ARGUMENT",
                    }
                },
                status=400,
            )
        return Reply.json(
            {
                "claims": [
                    {
                        "text": "Russia sent 2,030 troops to Kazakhstan",
                        "claimant": "Social media posts",
                        "claimDate": "2022-01-08T00:00:00Z",
                        "claimReview": [
                            {
                                "publisher": {
                                    "name": "Example Fact Check",
                                    "site": "factcheck.example",
                                },
                                "url": f"{self.url}/checks/csto-troops?utm_source=api",
                                "title": "Were the CSTO troops in Kazakhstan all Russian?",
                                "reviewDate": "2022-01-12T09:00:00Z",
                                "textualRating": "Mostly false",
                                "languageCode": "en",
                            }
                        ],
                    }
                ],
                "nextPageToken": "CAE",
            }
        )
