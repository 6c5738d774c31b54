"""`rasad` command line. Commands that belong to a subsystem live beside it, in a module with
``register(app)`` listed in COMMAND_MODULES; this file holds the core ones (analyze, eval, bench)."""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, help="rasad: Persian news to structured knowledge.")

COMMAND_MODULES = [
    "rasad.commands_core",
    "rasad.kb.commands",
    "rasad.extract.commands",
    "rasad.store.commands",
    "rasad.api.commands",
]

for _name in COMMAND_MODULES:
    try:
        _mod = importlib.import_module(_name)
    except ModuleNotFoundError as _exc:
        if _exc.name != _name:
            raise
        continue
    _mod.register(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
