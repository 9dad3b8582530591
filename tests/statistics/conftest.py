"""The portal's fixtures (agencies, one user per role, a report through the whole pipeline)."""

from tests.portal.conftest import case, people, portal_app, sign_in

__all__ = ["case", "people", "portal_app", "sign_in"]
