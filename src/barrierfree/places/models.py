"""The places domain's tables: accessible points of interest and every change of their accessibility.

A place carries the current value of each accessibility attribute in its own column (so a search filters in SQL);
``place_attribute_edits`` keeps every value ever recorded, from OpenStreetMap or from people, with its source and
evidence, so nothing is lost and the current value can always be explained.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import BigInteger, Float, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from barrierfree.core.clock import utcnow
from barrierfree.core.db import Base, UTCDateTime, str_enum


class Access(enum.StrEnum):
    """How accessible a place is in one respect. ``unknown`` means nobody said: it is never shown as ``no``."""

    YES = "yes"
    LIMITED = "limited"
    NO = "no"
    UNKNOWN = "unknown"


class Attribute(enum.StrEnum):
    """The accessibility attributes a place has (issue 4)."""

    WHEELCHAIR = "wheelchair"
    ACCESSIBLE_TOILET = "accessible_toilet"
    HEARING_LOOP = "hearing_loop"
    SIGN_LANGUAGE = "sign_language"
    SUBTITLES = "subtitles"
    AUDIO_DESCRIPTION = "audio_description"
    EMPLOYS_DISABLED = "employs_disabled"


class Category(enum.StrEnum):
    """What kind of place it is, derived from its OSM tags (``other``: only accessibility tags say why it is here)."""

    CINEMA = "cinema"
    THEATRE = "theatre"
    SHOP = "shop"
    RESTAURANT = "restaurant"
    TOILETS = "toilets"
    SERVICE_POINT = "service_point"
    HEALTHCARE = "healthcare"
    TRANSPORT = "transport"
    HOTEL = "hotel"
    MUSEUM = "museum"
    LIBRARY = "library"
    ATTRACTION = "attraction"
    PARK = "park"
    OTHER = "other"


class PlaceSource(enum.StrEnum):
    """Where a place came from."""

    OSM = "osm"
    MANUAL = "manual"


class EditSource(enum.StrEnum):
    """Who stands behind a value: the OSM import, a field survey, the place's owner, or a user's report."""

    OSM = "osm"
    SURVEY = "survey"
    OWNER = "owner"
    USER_REPORT = "user_report"


class Place(Base):
    """A point of interest with its names, category, position and the current value of each attribute."""

    __tablename__ = "places"
    __table_args__ = (
        UniqueConstraint("osm_type", "osm_id", name="uq_places_osm_object"),
        Index("ix_places_lat_lon", "lat", "lon"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[PlaceSource] = mapped_column(str_enum(PlaceSource, 10))
    osm_type: Mapped[str | None] = mapped_column(String(8))
    """``node`` or ``way`` for places from OSM (unique with ``osm_id``); None for places added by hand."""
    osm_id: Mapped[int | None] = mapped_column(BigInteger)
    name: Mapped[str] = mapped_column(String(200), default="")
    name_zh: Mapped[str] = mapped_column(String(200), default="")
    name_en: Mapped[str] = mapped_column(String(200), default="")
    category: Mapped[Category] = mapped_column(str_enum(Category, 20))
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    address: Mapped[str] = mapped_column(String(300), default="")
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="SET NULL"))
    """The organisation that runs the place, when it is registered here: its owners and managers confirm values."""
    wheelchair: Mapped[Access] = mapped_column(str_enum(Access, 10), default=Access.UNKNOWN)
    accessible_toilet: Mapped[Access] = mapped_column(str_enum(Access, 10), default=Access.UNKNOWN)
    hearing_loop: Mapped[Access] = mapped_column(str_enum(Access, 10), default=Access.UNKNOWN)
    sign_language: Mapped[Access] = mapped_column(str_enum(Access, 10), default=Access.UNKNOWN)
    subtitles: Mapped[Access] = mapped_column(str_enum(Access, 10), default=Access.UNKNOWN)
    audio_description: Mapped[Access] = mapped_column(str_enum(Access, 10), default=Access.UNKNOWN)
    employs_disabled: Mapped[Access] = mapped_column(str_enum(Access, 10), default=Access.UNKNOWN)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    edits: Mapped[list[PlaceAttributeEdit]] = relationship(
        back_populates="place", order_by="PlaceAttributeEdit.id", cascade="all, delete-orphan"
    )

    def value(self, attribute: Attribute) -> Access:
        """The current value of one attribute."""
        value: Access = getattr(self, attribute.value)
        return value


class PlaceAttributeEdit(Base):
    """One value recorded for one attribute of a place, with its source and evidence; rows are never changed."""

    __tablename__ = "place_attribute_edits"

    id: Mapped[int] = mapped_column(primary_key=True)
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id", ondelete="CASCADE"), index=True)
    attribute: Mapped[Attribute] = mapped_column(str_enum(Attribute, 30))
    value: Mapped[Access] = mapped_column(str_enum(Access, 10))
    source: Mapped[EditSource] = mapped_column(str_enum(EditSource, 20))
    evidence: Mapped[str] = mapped_column(String(500))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    """Who recorded it (None: the OSM import); never shown publicly, the source and organisation are."""
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="SET NULL"))
    """The organisation a survey or an owner's confirmation was made for."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    place: Mapped[Place] = relationship(back_populates="edits")
