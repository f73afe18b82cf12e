"""The registration help (the guide's steps shown in the app): :class:`HelpDialog`."""

from desktop.views.help.dialog import HelpDialog

__all__ = ["HelpDialog"]
