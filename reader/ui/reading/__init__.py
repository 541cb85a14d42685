"""The reading view: the typeset article, find in article, text size, themes, focus mode."""
