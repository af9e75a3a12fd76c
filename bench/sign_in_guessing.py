"""Reads at the gateway while 40 callers guess passwords at its token endpoint, beside the same reads with no
guessing, in the same run: the guessing must not slow everybody else (issue 20, item 5).

    .venv/bin/python -m bench.sign_in_guessing [--guessers 40] [--rate 50] [--seconds 10] [--append]

Three gateways, one after the other, each measured quiet and then under guessing:
- `unbounded`: the throttle as good as off (huge failure budgets, 40 hash checks at once) — what was there before;
- `bounded`: failure budgets off, hash checks one at a time with a short queue (429 beyond it);
- `default`: the shipped settings (failure budgets per account and per address, and the bound).
The read is `GET /.well-known/jwks.json`, served by the gateway itself, so its latency is the gateway's own.
"""
from __future__ import annotations

import argparse
import asyncio
import time
from collections import Counter

from bench import report, stack
from bench.load import HttpClient, Run, open_loop
from gateway.demo import DEMO_USERS

READ = "/.well-known/jwks.json"
OFF = {"CIVIC_SIGN_IN_FAILURES_PER_ACCOUNT": "1000000/minute", "CIVIC_SIGN_IN_FAILURES_PER_IP": "1000000/minute"}
CONFIGS = {
    "unbounded": OFF | {"CIVIC_PASSWORD_CHECKS_AT_ONCE": "40", "CIVIC_PASSWORD_CHECKS_WAITING": "1000"},
    "bounded": OFF,
    "default": {},
}


async def guess(client: HttpClient, username: str, stop: float, outcomes: Counter) -> None:
    body = f"grant_type=password&username={username}&password=guess".encode()
    headers = {"content-type": "application/x-www-form-urlencoded"}
    while time.perf_counter() < stop:
        try:
            status, _ = await client.request("POST", "/oauth/token", body, headers)
            outcomes[status] += 1
        except OSError as exc:
            outcomes[type(exc).__name__] += 1


async def measure(port: int, args) -> tuple[Run, Run, Counter]:
    reads = HttpClient("127.0.0.1", port)

    async def read(k: int) -> int:
        return await reads.get(READ)

    await open_loop("warm-up", read, args.rate, 1)
    quiet = await open_loop("quiet", read, args.rate, args.seconds)
    outcomes: Counter = Counter()
    stop = time.perf_counter() + args.seconds + 0.5
    users = [username for username, _, _ in DEMO_USERS]
    guessers = [asyncio.create_task(guess(HttpClient("127.0.0.1", port), users[k % len(users)], stop, outcomes))
                for k in range(args.guessers)]
    await asyncio.sleep(0.5)
    busy = await open_loop("guessing", read, args.rate, args.seconds)
    await asyncio.gather(*guessers)
    return quiet, busy, outcomes


async def main(args) -> None:
    table = []
    for name, env in CONFIGS.items():
        async with stack.live(**env, CIVIC_SEED_DEMO="true") as live:
            quiet, busy, outcomes = await measure(live.port("gateway"), args)
        spread = ", ".join(f"{n} × {status}" for status, n in sorted(outcomes.items(), key=str))
        row = (name, f"{quiet.p(50):.1f} / {quiet.p(99):.1f}", f"{busy.p(50):.1f} / {busy.p(99):.1f}",
               f"{busy.p(50) / quiet.p(50):.2f} / {busy.p(99) / quiet.p(99):.2f}", busy.failures(), spread)
        print(" | ".join(row), flush=True)
        table.append(row)
    if args.append:
        header = ("gateway", "read quiet p50 / p99 ms", "read while guessing p50 / p99 ms",
                  "÷ quiet (p50 / p99)", "reads failed", "guesses answered")
        report.append("Reads while passwords are guessed", _command(args), table, header, notes=_notes(args))


def _command(args) -> str:
    return (f"python -m bench.sign_in_guessing --guessers {args.guessers} --rate {args.rate:g} "
            f"--seconds {args.seconds:g} --append")


def _notes(args) -> str:
    return (f"Reads: `GET {READ}` open loop at {args.rate:g}/s for {args.seconds:g} s, first quiet, then while "
            f"{args.guessers} callers post wrong passwords for the demo accounts back to back; each gateway fresh. "
            "400 = a wrong password checked (argon2id), 429 = refused before any hash. "
            + report.versions("argon2-cffi", "limits", "uvicorn") + ".")


def parse(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--guessers", type=int, default=40)
    parser.add_argument("--rate", type=float, default=50)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--append", action="store_true", help="add the table to docs/benchmarks.md")
    return parser.parse_args(argv)


if __name__ == "__main__":
    asyncio.run(main(parse()))
