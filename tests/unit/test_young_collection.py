"""Stages run without automatic garbage collection, then free the reference cycles they dropped."""

from __future__ import annotations

import gc
import weakref

import pytest

from converter.pipeline import convert_bytes, write_report, young_collection


class Node:
    """An object that can sit in a reference cycle and be watched with a weak reference."""

    def __init__(self) -> None:
        self.other: object = None


def test_a_cycle_dropped_in_a_stage_is_freed_when_it_ends_and_collection_resumes() -> None:
    seen: list[bool] = []
    watch: list[weakref.ref[Node]] = []

    @young_collection
    def stage() -> str:
        seen.append(gc.isenabled())
        a, b = Node(), Node()
        a.other, b.other = b, a  # a cycle: only the collector frees it
        watch.append(weakref.ref(a))
        return "done"

    assert gc.isenabled()
    assert stage() == "done"
    assert seen == [False] and gc.isenabled()
    assert watch[0]() is None


def test_collection_resumes_after_a_failing_stage_and_stays_off_if_it_was() -> None:
    @young_collection
    def failing() -> None:
        raise ValueError("bad input")

    with pytest.raises(ValueError):
        failing()
    assert gc.isenabled()
    gc.disable()
    try:
        young_collection(lambda: None)()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_pipeline_stages_keep_their_names_and_docs() -> None:
    assert convert_bytes.__name__ == "convert_bytes" and "Report" in (convert_bytes.__doc__ or "")
    assert write_report.__name__ == "write_report" and "writers" in (write_report.__doc__ or "")


def test_a_stage_frees_its_cycles_in_a_process_running_without_automatic_collection() -> None:
    # python -m converter turns automatic collection off; each stage still collects what it made
    watch: list[weakref.ref[Node]] = []

    @young_collection
    def stage() -> None:
        a, b = Node(), Node()
        a.other, b.other = b, a
        watch.append(weakref.ref(a))

    gc.disable()
    try:
        stage()
        assert not gc.isenabled() and watch[0]() is None
    finally:
        gc.enable()
