"""REST API and server-rendered newsroom pages over the store (FastAPI)."""
