"""Wrong codes typed at /room/join, counted per device, so codes cannot be guessed online.

A device (its TCP peer address: headers play no part, as in ``guard.is_loopback``) may get
``ALLOWED`` codes wrong within ``WINDOW_S``; then it waits until the oldest of those
mistakes is ``WINDOW_S`` old. A right code does not wipe the count: an attendee who knows
the room code could otherwise alternate it with guesses. Twenty mistakes in ten minutes
is far above what a person mistyping a slip makes, and far below what guessing needs
(a room code is one of 244 million).
"""
from __future__ import annotations

import os
import time
from collections import deque
from typing import Callable

ALLOWED = 20
WINDOW_S = 600.0
MAX_DEVICES = 10_000  # a flood from many addresses cannot grow the memory without end
ALLOWED_ENV = "WORKBOOK_WRONG_CODES_ALLOWED"  # tests lower it; a room has no reason to


def allowed_from_env() -> int:
    try:
        return max(1, int(os.environ.get(ALLOWED_ENV, ALLOWED)))
    except ValueError:
        return ALLOWED


class WrongCodes:
    def __init__(self, allowed: int = ALLOWED, window_s: float = WINDOW_S,
                 clock: Callable[[], float] = time.monotonic):
        self.allowed = allowed
        self.window_s = window_s
        self.clock = clock
        self._mistakes: dict[str, deque[float]] = {}

    def _recent(self, device: str) -> deque[float]:
        mistakes = self._mistakes.get(device, deque())
        cutoff = self.clock() - self.window_s
        while mistakes and mistakes[0] <= cutoff:
            mistakes.popleft()
        return mistakes

    def wait_s(self, device: str) -> float:
        """Seconds this device must wait before trying another code; 0 if it may try now."""
        mistakes = self._recent(device)
        if len(mistakes) < self.allowed:
            return 0.0
        return max(0.0, mistakes[0] + self.window_s - self.clock())

    def wrong(self, device: str) -> None:
        if device not in self._mistakes and len(self._mistakes) >= MAX_DEVICES:
            self._forget_quiet_devices()
        mistakes = self._recent(device)
        mistakes.append(self.clock())
        self._mistakes[device] = mistakes

    def _forget_quiet_devices(self) -> None:
        for device in [d for d in self._mistakes if not self._recent(d)]:
            del self._mistakes[device]
        if len(self._mistakes) >= MAX_DEVICES:  # all busy: the oldest first
            oldest = min(self._mistakes, key=lambda d: self._mistakes[d][-1])
            del self._mistakes[oldest]
