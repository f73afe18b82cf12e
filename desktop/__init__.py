"""Tamin Desk: register citizens for the SSO e-services portal and recover passwords."""

__version__ = "0.1.0"
