"""The Export dialog and its controller."""
