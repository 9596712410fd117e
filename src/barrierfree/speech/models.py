"""The speech domain stores nothing: audio and text pass through and are never kept.

The module exists so that every domain has the same shape (DESIGN.md). Callers that keep messages (the relay
domain's chat) store them in their own tables.
"""
