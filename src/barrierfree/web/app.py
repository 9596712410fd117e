"""The FastAPI application factory."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import SQLAlchemyError

from barrierfree import __version__
from barrierfree.audit.jobs import AuditWorker
from barrierfree.audit.services import fail_interrupted_jobs, queued_job_ids
from barrierfree.core.db import Database
from barrierfree.core.mail import Mailer, mailer_from
from barrierfree.core.settings import Settings, get_settings
from barrierfree.relay.jobs import CallWorker
from barrierfree.relay.smart_calls import telephony_for
from barrierfree.web import errors
from barrierfree.web.limits import BodySizeLimitMiddleware
from barrierfree.web.preferences import PreferencesMiddleware
from barrierfree.web.routers import (
    accounts,
    admin,
    api_docs,
    audit,
    braille,
    home,
    orgs,
    places,
    preferences,
    privacy,
    relay,
    relay_chat,
    routing,
    speech,
    workforce,
    workforce_desk,
    workforce_learning,
    workforce_plans,
)
from barrierfree.web.routers.api import audits as audit_api
from barrierfree.web.routers.api import braille as braille_api
from barrierfree.web.routers.api import places as places_api
from barrierfree.web.routers.api import relay as relay_api
from barrierfree.web.routers.api import routing as routing_api
from barrierfree.web.routers.api import v1
from barrierfree.web.routers.api import workforce as workforce_api
from barrierfree.web.routers.relay import speak, trunk_from
from barrierfree.web.security import SecurityHeadersMiddleware
from barrierfree.web.templating import make_environment
from barrierfree.workforce.jobs import ShiftPlanWorker

log = logging.getLogger("barrierfree.web")
STATIC_DIR = Path(__file__).resolve().parent / "static"

PAGE_ROUTERS = (
    home.router,
    preferences.router,
    accounts.router,
    privacy.router,
    orgs.router,
    admin.router,
    api_docs.router,
    audit.router,
    braille.router,
    workforce.router,
    workforce_learning.router,
    workforce_desk.router,
    workforce_plans.router,
    relay.router,
    relay_chat.router,
    routing.router,
    speech.router,
    places.router,
)


@contextlib.asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """On start, fail audits and shift plans a previous process left running and re-queue waiting ones; on stop,
    finish the current one."""
    try:
        with app.state.db.session() as session:
            fail_interrupted_jobs(session)
            waiting = queued_job_ids(session)
    except SQLAlchemyError:
        # An app built on a database without the schema (``barrierfree serve`` refuses that) still serves.
        log.warning("audit jobs could not be recovered: is the database schema up to date?")
        waiting = []
    for job_id in waiting:
        app.state.audit_worker.submit(job_id)
    try:
        app.state.shift_plan_worker.recover()
    except SQLAlchemyError:
        log.warning("shift plans could not be recovered: is the database schema up to date?")
    yield
    app.state.audit_worker.shutdown()
    app.state.shift_plan_worker.shutdown()
    app.state.call_worker.shutdown()


def create_app(
    settings: Settings | None = None, database: Database | None = None, mailer: Mailer | None = None
) -> FastAPI:
    """Build the web app: pages, the JSON API under /api/v1 (OpenAPI at /api/v1/openapi.json), static files."""
    settings = settings or get_settings()
    app = FastAPI(
        lifespan=_lifespan,
        title="barrierfree",
        version=__version__,
        description="Barrier-free services platform: JSON API. Authenticate with 'Authorization: Bearer <token>'.",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.db = database or Database(settings.effective_database_url)
    app.state.mailer = mailer or mailer_from(settings)
    app.state.templates = make_environment(settings.timezone)
    app.state.audit_worker = AuditWorker(app.state.db, settings)
    app.state.shift_plan_worker = ShiftPlanWorker(app.state.db)
    app.state.call_worker = CallWorker(app.state.db, telephony_for(trunk_from(settings)), speak)
    errors.install(app)
    for router in PAGE_ROUTERS:
        app.include_router(router, include_in_schema=False)
    app.include_router(v1.router)
    app.include_router(audit_api.router)
    app.include_router(braille_api.router)
    app.include_router(workforce_api.router)
    app.include_router(relay_api.router)
    app.include_router(routing_api.router)
    app.include_router(places_api.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    # The last added runs first: headers on everything, then preferences (so even a 413 speaks the
    # visitor's language), then the body limit closest to the app.
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(PreferencesMiddleware, settings=settings)
    app.add_middleware(SecurityHeadersMiddleware)
    return app
