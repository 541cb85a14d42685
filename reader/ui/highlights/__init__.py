"""Highlights in the window: painting, the toolbar, the note popup, the Highlights panels, colours,
trash.
"""
