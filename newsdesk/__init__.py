"""newsdesk: turn a pile of raw news reports about one event into a cross-checked dossier."""

__version__ = "0.1.0"
