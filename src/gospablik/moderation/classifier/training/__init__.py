"""Training and validation of the shipped classifier models (needs scikit-learn).

Nothing here runs at classification time; ``gospablik moderate train`` calls
``train.main``.
"""
