"""The Library panel and every way to bring an article in; the controller of the open article."""
