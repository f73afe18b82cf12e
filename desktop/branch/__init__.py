"""Branch desk and training room logic without Qt: staff accounts and their sessions
(:mod:`.staff`), the branch service (:mod:`.interface`, :mod:`.simulator`), the audit hash chain
(:mod:`.audit_chain`), the acknowledgement receipt's content (:mod:`.receipt`) and the trainer's
extra controls (:mod:`.training`)."""
