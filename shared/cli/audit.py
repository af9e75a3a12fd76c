"""`civic audit verify` — is each process's audit chain whole; `civic audit new-key` — a key for the audit secret."""
from __future__ import annotations

import asyncio

import typer

from shared import mongo
from shared.audit.chain import Verification
from shared.audit.keys import new_key, settings_keyring
from shared.audit.log import AuditLog
from shared.config import SERVICE_PORTS, load_settings

audit_app = typer.Typer(help="The audit chains the gateway and every service keep of the writes they serve.",
                        no_args_is_help=True)


@audit_app.command("verify")
def verify(service: list[str] = typer.Option(None, "--service", help="gateway, registry, …; repeatable"),
           every: bool = typer.Option(False, "--all", help="every process's chain (also without --service)")) -> None:
    """Recompute each chain with the audit keys and check it against its checkpoints. Exit code 1 and the first
    bad record's position and reason when a chain is broken; 0 and the count of sound records when all are."""
    chains = list(SERVICE_PORTS) if every or not service else service
    unknown = sorted(set(chains) - set(SERVICE_PORTS))
    if unknown:
        typer.echo(f"no such process: {', '.join(unknown)} (one of {', '.join(SERVICE_PORTS)})", err=True)
        raise typer.Exit(2)
    results = asyncio.run(_verify(chains))
    for chain, result in results.items():
        typer.echo(describe(chain, result))
    if not all(result.ok for result in results.values()):
        raise typer.Exit(1)


@audit_app.command("new-key")
def new_key_command() -> None:
    """Print a new random audit key (for the `CIVIC_AUDIT_KEY` secret)."""
    typer.echo(new_key())


def describe(chain: str, result: Verification) -> str:
    if result.ok:
        return f"{chain}: sound, {result.checked} record(s)"
    return (f"{chain}: BROKEN at record {result.broken_at}: {result.reason} "
            f"({result.checked} record(s) sound before it)")


async def _verify(chains: list[str]) -> dict[str, Verification]:
    settings = {chain: load_settings(chain) for chain in chains}
    client = mongo.connect(settings[chains[0]].mongo_url)
    try:
        results = {}
        for chain, chain_settings in settings.items():
            db = client[chain_settings.database_name]
            log = AuditLog(db["audit"], db["audit_checkpoints"], settings_keyring(chain_settings, create=False),
                           chain=chain)
            results[chain] = await log.verify()
        return results
    finally:
        await client.close()
