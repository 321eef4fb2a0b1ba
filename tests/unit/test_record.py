"""The record decorator behaves as @dataclass(frozen=True, slots=True) with its own __init__."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from converter.record import record


@record
class Pair:
    """Two fields, one defaulted."""

    left: int
    right: str = "r"


@record(eq=False)
class Node:
    """Compared by identity."""

    name: str


@record
class Post:
    """Keeps dataclasses' __init__: it has a __post_init__."""

    n: int

    def __post_init__(self) -> None:
        if self.n < 0:
            raise ValueError("negative")


def test_fields_positional_keyword_and_default() -> None:
    assert Pair(1) == Pair(left=1, right="r") == Pair(1, "r")
    assert Pair(1, "x").right == "x"
    assert repr(Pair(2)) == "Pair(left=2, right='r')"
    assert hash(Pair(1)) == hash(Pair(1))
    assert Pair.__init__.__qualname__ == "Pair.__init__"


def test_frozen_slotted_and_replaceable() -> None:
    p = Pair(1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.left = 2  # type: ignore[misc]
    assert not hasattr(p, "__dict__")
    assert dataclasses.replace(p, right="z") == Pair(1, "z")
    assert pickle.loads(pickle.dumps(p)) == p


def test_missing_and_unknown_arguments_are_type_errors() -> None:
    with pytest.raises(TypeError, match="left"):
        Pair()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Pair(1, "r", 3)  # type: ignore[call-arg]


def test_eq_false_compares_identity_and_post_init_runs() -> None:
    assert Node("a") != Node("a")
    with pytest.raises(ValueError):
        Post(-1)
