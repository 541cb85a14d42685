"""The articles of a library: storing, finding, replacing and deleting them (LibraryService)."""
