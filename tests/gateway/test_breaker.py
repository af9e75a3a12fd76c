"""The circuit breaker per upstream: open after N consecutive failures, half-open after the reset time."""
import pytest

from gateway.breaker import CircuitBreaker, CircuitOpen


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_opens_after_five_consecutive_failures_and_says_when_to_retry():
    clock = Clock()
    breaker = CircuitBreaker("registry", failures=5, reset_seconds=30, clock=clock)
    for _ in range(4):
        breaker.before_call()
        breaker.failed()
    breaker.before_call()  # 4 failures: still closed
    breaker.failed()
    clock.now += 10
    with pytest.raises(CircuitOpen) as caught:
        breaker.before_call()
    assert caught.value.status_code == 503 and caught.value.headers["Retry-After"] == "20"


def test_a_success_resets_the_count():
    breaker = CircuitBreaker("registry", failures=2, reset_seconds=30, clock=Clock())
    breaker.failed()
    breaker.succeeded()
    breaker.failed()
    assert breaker.state == "closed"


def test_half_open_lets_one_trial_through_and_closes_on_success():
    clock = Clock()
    breaker = CircuitBreaker("registry", failures=1, reset_seconds=30, clock=clock)
    breaker.failed()
    clock.now += 30
    breaker.before_call()  # the trial
    with pytest.raises(CircuitOpen):
        breaker.before_call()  # a second caller while the trial is out
    breaker.succeeded()
    assert breaker.state == "closed"


def test_a_failed_trial_opens_the_circuit_again():
    clock = Clock()
    breaker = CircuitBreaker("registry", failures=3, reset_seconds=30, clock=clock)
    for _ in range(3):
        breaker.failed()
    clock.now += 31
    breaker.before_call()
    breaker.failed()
    assert breaker.state == "open"

