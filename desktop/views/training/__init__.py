"""Training room views: the trainer panel (:mod:`.panel`)."""
