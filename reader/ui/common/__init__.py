"""What every feature of the window uses: background operations, the change relay, undo commands,
docks.
"""
