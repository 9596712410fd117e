"""barrierfree: an open-source barrier-free services platform."""

__version__ = "0.1.0"
