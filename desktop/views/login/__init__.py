"""Login (the guide's «ورود به سیستم») and the signed-in view: :class:`LoginDialog`.

:mod:`.calls` runs the dialogs' service calls off the GUI thread (shared with
:mod:`desktop.views.recovery`); :mod:`.texts` picks the message of a refusal and words the
greeting; :mod:`.screens` renders the screenshots of the login and recovery dialogs.
"""

from desktop.views.login.dialog import LoginDialog

__all__ = ["LoginDialog"]
