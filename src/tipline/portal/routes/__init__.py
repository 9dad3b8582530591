"""The portal's routes, one module per part of the page; ``router`` joins them."""

from fastapi import APIRouter

from tipline.portal.routes import actions, admin, auth, evidence, pages, statistics

router = APIRouter(prefix="/portal", include_in_schema=False)
for module in (auth, pages, evidence, actions, admin, statistics):
    router.include_router(module.router)
