"""The remote API server (FastAPI): :func:`desktop.server.app.create_app` serves one
EnrollmentService to many desks; ``tamin-desk serve`` runs it under uvicorn. Imports FastAPI,
so the desk itself never imports this package (its client is
:mod:`desktop.service.http_client`)."""
