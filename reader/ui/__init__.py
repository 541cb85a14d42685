"""PySide6 widgets, item models and the controller. No SQL, Whoosh or parsing here."""
