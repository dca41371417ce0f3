"""Reproducible training of the small models newsdesk ships."""
