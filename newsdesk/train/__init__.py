"""Training the models newsdesk ships (run as modules, e.g. ``python -m newsdesk.train.events``).

Needs the ``train`` extra and the evaluation data under ``../shared/data``; nothing here
is imported at analysis time.
"""
