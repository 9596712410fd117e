"""Every check the auditor runs. A check is an object with ``id``, ``source`` and ``async run(page)``.

Checks are registered in :data:`ALL_CHECKS` (``checks/registry.py``); each lives in its own module.
"""
