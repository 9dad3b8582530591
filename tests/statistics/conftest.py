"""The portal's fixtures (agencies, one user per role, a report through the whole pipeline), and the
small world of known figures from test_compute."""

from tests.portal.conftest import case, people, portal_app, sign_in
from tests.statistics.test_compute import world

__all__ = ["case", "people", "portal_app", "sign_in", "world"]
