"""Whoosh reads its files with pickle; a file planted in the index folder must not run code.

The data folder can live in a synced folder, so its files are untrusted. Every place
Whoosh unpickles (the table of contents with the schema and segments, stored fields,
postings, columns, sort runs) is pointed at `IndexUnpickler`, which admits only the
classes and functions an index of ours holds (Python's documented `find_class`
allow-list). Anything else raises `UnsafeIndexData`; the index is then treated as
damaged and rebuilt from the database.
"""

from __future__ import annotations

import importlib
import io
import pickle
import sys
import types
from typing import Any

# what our indexes and Whoosh's own sorting runs hold (found by logging every find_class
# while building, updating, merging and searching indexes of every size, in one process
# and in two), and plain values whose constructors do nothing else
_PLAIN = ("bytes", "bytearray", "str", "int", "float", "bool", "tuple", "list", "dict")
_ALLOWED = {
    *((module, name) for module in ("builtins", "__builtin__") for name in _PLAIN),
    ("builtins", "frozenset"),
    ("builtins", "set"),
    ("__builtin__", "frozenset"),
    ("__builtin__", "set"),
    ("_codecs", "encode"),  # bytes in protocol-2 pickles
    ("collections", "defaultdict"),
    ("copyreg", "_reconstructor"),
    ("re", "_compile"),
    ("whoosh.lang.porter", "stem"),
    ("whoosh.codec.whoosh3", "W3Codec"),
    ("whoosh.codec.whoosh3", "W3Segment"),
}
# modules whose classes (never their functions) a schema is made of
_CLASS_MODULES = (
    "whoosh.fields",
    "whoosh.formats",
    "whoosh.analysis.",
    "whoosh.support.charset",
    "reader.core.search.analysis",
    "reader.core.search.formats",
)


class UnsafeIndexData(pickle.UnpicklingError):
    """A file in the index folder holds something an index of ours never does."""


class IndexUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ALLOWED:
            return super().find_class(module, name)
        if module.startswith(_CLASS_MODULES) or module + "." in _CLASS_MODULES:
            found = getattr(importlib.import_module(module), name, None)
            if isinstance(found, type) and "." not in name:
                return found
        raise UnsafeIndexData(f"the index holds {module}.{name}, which no index of ours does")


def loads(data: bytes, *args: Any, **kwargs: Any) -> Any:
    return IndexUnpickler(io.BytesIO(data)).load()


def load(file: Any, *args: Any, **kwargs: Any) -> Any:
    return IndexUnpickler(file).load()


# stands in for the pickle module where Whoosh calls pickle.loads and friends
_PICKLE = types.SimpleNamespace(
    loads=loads,
    load=load,
    dumps=pickle.dumps,
    dump=pickle.dump,
    Unpickler=IndexUnpickler,
    Pickler=pickle.Pickler,
    UnpicklingError=pickle.UnpicklingError,
    HIGHEST_PROTOCOL=pickle.HIGHEST_PROTOCOL,
)


def dumps_highest(obj: Any, protocol: int | None = None) -> bytes:
    """Whoosh writes its postings blocks, inlined postings and stored fields with pickle
    protocol 2, which holds each bytes value (a posting's positions) as a call to
    `_codecs.encode`; read back, a block of 128 postings took ~160 µs. With the highest
    protocol the bytes are read as they are: ~6 µs, and a third smaller. Any reader of
    an index reads either; the index's version says which an index was written with."""
    return pickle.dumps(obj, pickle.HIGHEST_PROTOCOL)


def install() -> None:
    """Point every unpickling in the Whoosh modules we use at IndexUnpickler, and their
    pickling of postings and stored fields at the highest protocol. (The multi-process
    writer's module is patched when a build asks for one: `install_multiproc`.)"""
    import whoosh.codec.whoosh3
    import whoosh.columns
    import whoosh.externalsort
    import whoosh.filedb.structfile
    import whoosh.formats
    import whoosh.index

    whoosh.index.pickle = _PICKLE  # type: ignore[assignment]
    # tables of contents of Whoosh 1.x indexes are read with an unrestricted unpickler;
    # an index of ours is never one of them
    whoosh.index.toc_loaders.clear()
    for module in (whoosh.codec.whoosh3, whoosh.columns, whoosh.formats):
        module.loads = loads  # type: ignore[attr-defined]
    for module in (whoosh.codec.whoosh3, whoosh.columns):
        module.dumps = dumps_highest  # type: ignore[attr-defined]
    for module in (whoosh.filedb.structfile, whoosh.externalsort):
        module.load = load  # type: ignore[attr-defined]
    if "whoosh.multiproc" in sys.modules:
        install_multiproc()


def install_multiproc() -> None:
    """The same for Whoosh's multi-process writer, which reads back its workers' runs
    (imported only by a big build: it brings multiprocessing and sockets, ~8 ms, which
    a search never needs)."""
    import whoosh.multiproc

    whoosh.multiproc.pickle = _PICKLE  # type: ignore[assignment]
