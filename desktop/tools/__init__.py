"""Developer tools of the GUI: screenshots and the ``ui`` message catalog."""
