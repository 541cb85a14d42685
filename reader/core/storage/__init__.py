"""The SQLite library: connection and transactions, schema and migrations, settings, backup,
restore and recovery.
"""
