"""Every input rule of the registration and recovery forms, in pure Python.

Never imports Qt or SQLAlchemy (checked by a test).
"""
