"""Platform core: settings, database, accounts, organisations, roles, consent, audit log, i18n."""
