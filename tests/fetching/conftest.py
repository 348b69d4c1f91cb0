from tests.fakes.fixtures import allow_fetch, fake_site  # noqa: F401 - fixtures
