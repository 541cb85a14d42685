"""The main window's own parts: menus, remembered layout, one instance per library, help,
recovery.
"""
