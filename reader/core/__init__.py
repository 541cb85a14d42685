"""Qt-free core: storage, import, rendering, anchoring, search, predictions, export."""
