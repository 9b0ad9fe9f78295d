"""`python -m loaders COMMAND ...`: parse, call one library function, print."""
from graph.cli_base import dispatch

COMMANDS = {
    "extract": ("loaders.commands.extract", "read documents and print their graph (--format json|table)"),
    "ingest": ("loaders.commands.ingest", "read documents or a contacts CSV into the store"),
    "reference": ("loaders.commands.reference", "load the reference data (municipalities, regions) alone"),
    "remove": ("loaders.commands.remove", "remove one document's assertions from the store"),
}


def main(argv=None) -> int:
    return dispatch("python -m loaders", "Read minutes and contact logs into the stakeholder graph.",
                    COMMANDS, argv)
