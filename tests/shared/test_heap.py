"""A serving process collects start-up's garbage, then leaves what start-up built out of later collections."""
import gc
import weakref

from shared import heap


def test_settling_the_heap_collects_start_up_garbage_freezes_what_lives_and_collects_the_young_less_often():
    class Node:
        pass

    garbage = Node()
    garbage.self = garbage  # a cycle: only a collection frees it
    gone = weakref.ref(garbage)
    del garbage
    frozen_before, thresholds = gc.get_freeze_count(), gc.get_threshold()
    try:
        heap.settle_the_heap()
        assert gone() is None, "garbage from start-up was frozen instead of freed"
        assert gc.get_freeze_count() > frozen_before
        assert gc.get_threshold() == (heap.YOUNG_GENERATION_OBJECTS, *thresholds[1:])
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
