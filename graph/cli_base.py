"""A small command dispatcher shared by `python -m loaders` and `python -m graph`.

Each command is a module with HELP (one line), configure(parser) and run(args) -> exit
code.  Only the chosen command's module is imported, so start-up stays fast and one
command's heavy imports never slow another.
"""
from __future__ import annotations

import argparse
import importlib
import sys


def dispatch(prog: str, description: str, commands: dict[str, tuple[str, str]], argv=None) -> int:
    """commands: name -> (module path, one-line help)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog=prog, description=description)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (_module, help_) in commands.items():
        sub.add_parser(name, help=help_, add_help=False)
    first = next((a for a in argv if not a.startswith("-")), None)
    if first not in commands:
        if first is not None:
            parser.error(f"unknown command {first!r}; choose from {', '.join(commands)}")
        parser.print_help()
        return 0 if ("-h" in argv or "--help" in argv) else 2
    module = importlib.import_module(commands[first][0])
    cmd_parser = argparse.ArgumentParser(prog=f"{prog} {first}", description=commands[first][1])
    module.configure(cmd_parser)
    args = cmd_parser.parse_args(argv[argv.index(first) + 1:])
    try:
        return int(module.run(args) or 0)
    except KeyboardInterrupt:
        print(f"{prog} {first}: interrupted", file=sys.stderr)
        return 130
