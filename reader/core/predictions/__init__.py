"""Predictions: the detector, the curated set, the service that keeps them, speakers and the
ledger.
"""
