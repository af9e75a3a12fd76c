"""调动: a worker moves to another community of the same street office. The service agreement, its employer
(the street office's contribution account) and the years of service stay; a move to another street office is a
separation there and a hire here instead."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from services.workforce.domain.positions import Post, parse_posts
from services.workforce.domain.worker import PostChange, Transfer, Worker, require_active
from shared.errors import InvalidInput


def transfer(worker: Worker, to_community: str, effective_on: date, posts: tuple[str, ...] = ()) -> Worker:
    """Move `worker` to `to_community` from `effective_on`, with new posts there if given (else the same)."""
    require_active(worker)
    if not to_community.strip() or to_community == worker.community_id:
        raise InvalidInput.on("community_id", "another-community", f"already in community {worker.community_id}")
    if effective_on < worker.start_date or (worker.transfers and effective_on < worker.transfers[-1].effective_on):
        raise InvalidInput.on("effective_on", "after-last-change", "a transfer cannot precede the current posting")
    history = worker.posts_history
    if posts:
        parsed = parse_posts(posts)
        if not parsed:
            raise InvalidInput.on("posts", "known-posts", f"one or more of {[p.value for p in Post]}")
        if effective_on < history[-1].effective_on:
            raise InvalidInput.on("effective_on", "after-last-change", "a change cannot precede the current posts")
        history += (PostChange(effective_on, parsed),)
    moved = Transfer(effective_on, worker.community_id, to_community)
    return replace(worker, community_id=to_community, posts_history=history, transfers=worker.transfers + (moved,))
