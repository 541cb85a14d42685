"""Library search in the window: the Search panel, and opening a hit at its matches."""
