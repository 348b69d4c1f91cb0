from tests.fakes.fixtures import (  # noqa: F401 - fixtures
    allow_fetch,
    fake_factcheck_tools,
    fake_searxng,
    fake_site,
    fake_wikipedia,
    providers_on,
)
