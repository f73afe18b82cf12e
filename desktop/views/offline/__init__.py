"""The offline queue's screen: queued registrations, their answers, and the Sync button."""
