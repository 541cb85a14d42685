"""Highlights and what predictions share with them: anchoring on the text (W3C selectors), tags,
the trash.
"""
