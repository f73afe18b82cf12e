"""Branch desk views: staff login and idle lock, registration look-up and activation, mismatch
correction, branch password reset, and the acknowledgement receipt."""
