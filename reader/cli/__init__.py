"""Command line on top of reader.core (no Qt unless the GUI is asked for)."""
