"""The web layer: FastAPI app, server-rendered accessible pages and the JSON API. Thin by design."""

from barrierfree.web.app import create_app

__all__ = ["create_app"]
