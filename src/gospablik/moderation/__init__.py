"""Comment moderation.

The classifier core (``gospablik.moderation.classifier``) and the command line
(``gospablik.moderation.cli``) are plain Python; Django models, views and tasks of
this app live in sibling modules. Keep this file free of Django imports so that
``gospablik moderate classify`` starts without settings or a database.
"""
