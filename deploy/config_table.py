"""The README's configuration table, generated from the settings classes so that it cannot drift from them.

    python -m deploy.config_table            # print the table
    python -m deploy.config_table --write    # replace it in README.md (between the `config-table` markers)

Every field of every section must have a docstring (its meaning in the table); `tests/deploy/test_config_table.py`
fails when a field has none or when README.md differs from what this prints.
"""
from __future__ import annotations

import argparse
import importlib
import json
from collections.abc import Iterator
from pathlib import Path

from pydantic import AliasChoices
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from shared.config import SERVICES, CommonSettings, Section, Settings

README = Path(__file__).resolve().parents[1] / "README.md"
BEGIN, END = "<!-- config-table:begin -->", "<!-- config-table:end -->"


def sections() -> Iterator[tuple[str, type[Section], set[str]]]:
    """(who reads it, settings class, fields shown under an earlier section)."""
    yield "every process", CommonSettings, set()
    yield "the five services", Settings, set(CommonSettings.model_fields)
    for process in ("gateway", *SERVICES):
        module = importlib.import_module(f"{'gateway' if process == 'gateway' else 'services.' + process}.settings")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, Section) and value.__module__ == module.__name__:
                yield process, value, set()


def variable(name: str, info: FieldInfo, settings: type[Section]) -> str:
    alias = info.validation_alias
    if isinstance(alias, AliasChoices):
        return " / ".join(f"`{choice}`" for choice in alias.choices)
    return f"`{(settings.model_config.get('env_prefix', '') + name).upper()}`"


def default(info: FieldInfo) -> str:
    if info.default_factory is not None:
        value = info.default_factory()
    elif info.default is PydanticUndefined:
        return "required"
    else:
        value = info.default
    if value is None:
        return "unset"
    if isinstance(value, (dict, list, tuple)):
        return f"`{json.dumps(value, default=str)}`"
    return f"`{str(value).lower() if isinstance(value, bool) else value}`"


def rows() -> Iterator[str]:
    for process, settings, shown in sections():
        for name, info in settings.model_fields.items():
            if name in shown or name == "service":
                continue
            if not info.description:
                raise ValueError(f"{settings.__name__}.{name} has no docstring: say what it means")
            meaning = " ".join(info.description.split()).replace("|", "\\|")
            yield f"| {variable(name, info, settings)} | {default(info)} | {process} | {meaning} |"


def table() -> str:
    header = ["| variable | default | read by | meaning |", "|---|---|---|---|"]
    return "\n".join([*header, *rows()])


def replaced(text: str) -> str:
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return f"{head}{BEGIN}\n{table()}\n{END}{tail}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="replace the table in README.md")
    if parser.parse_args().write:
        README.write_text(replaced(README.read_text()))
    else:
        print(table())


if __name__ == "__main__":
    main()
