"""`python -m graph COMMAND ...`: parse, call one library function, print."""
from graph.cli_base import dispatch

COMMANDS = {
    "query": ("graph.commands.query", "run one read-only Cypher statement, or a saved query (--saved NAME)"),
    "queries": ("graph.commands.queries", "list the saved queries"),
    "export": ("graph.commands.export", "export the graph (--format graphml|gexf|json|cypher)"),
    "stats": ("graph.commands.stats", "counts per label and relationship type, loaded documents"),
    "plan": ("graph.commands.plan", "contact-round plan for the knowledge ambassador"),
    "gaps": ("graph.commands.gaps", "regional involvement gaps per municipality and region"),
}


def main(argv=None) -> int:
    return dispatch("python -m graph", "Query, export and analyse the stakeholder graph.", COMMANDS, argv)
