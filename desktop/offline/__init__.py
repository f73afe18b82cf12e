"""Offline field registration: an encrypted durable queue and a resumable sync.

Modules, one job each: ``sealing`` (records sealed to the server's X25519 key), ``queue``
(the durable SQLite queue and its masked index), ``errors``, ``field_service`` (field-mode
submit into the queue), ``sync_client`` (HTTP of the sync routes), ``sync`` (resumable batch
sync), ``desk`` (what the screens are handed); server side: ``server_key`` (the key file) and
``inbox`` (open, validate and submit one sealed record exactly once).
"""
