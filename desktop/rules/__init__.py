"""Every input rule of the registration and recovery forms, in pure Python.

Never imports Qt or SQLAlchemy (checked by ``tests/test_layout.py``). Public entry points:
:mod:`desktop.rules.fields` (one parser per field, ``parse_field``), :mod:`desktop.rules.form`
(the whole form), :mod:`desktop.rules.normalize`, :mod:`desktop.rules.questions`,
:mod:`desktop.rules.strength` and :mod:`desktop.rules.messages`; the error vocabulary is
:mod:`desktop.rules.errors`.
"""
