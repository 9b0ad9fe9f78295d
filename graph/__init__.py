"""The graph: the contract in code, the stores, and analyses over networkx."""
