"""The workforce domain stores nothing yet: staffing plans are computed on request from the history given.

The module exists so that every domain has the same shape (DESIGN.md). Recruitment, training, shift bids and pay
(issue 6) will add their tables here, with a migration.
"""
