"""Predictions in the window: marking, the Predictions panel and its editor, the ledger."""
