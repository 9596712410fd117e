"""The braille domain stores nothing: texts and labels are converted on request and never kept.

The module exists so that every domain has the same shape (DESIGN.md); add tables here if the domain ever
needs them (for example saved label designs), with a migration.
"""
