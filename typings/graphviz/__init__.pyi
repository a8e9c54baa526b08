# Types for the part of the graphviz package (PyPI "graphviz", untyped) that flowdiag uses.
from collections.abc import Mapping
from contextlib import AbstractContextManager
from typing import Any

class Digraph:
    def __init__(
        self,
        name: str | None = ...,
        comment: str | None = ...,
        filename: str | None = ...,
        directory: str | None = ...,
        format: str | None = ...,
        engine: str | None = ...,
        encoding: str | None = ...,
        graph_attr: Mapping[str, str] | None = ...,
        node_attr: Mapping[str, str] | None = ...,
        edge_attr: Mapping[str, str] | None = ...,
        body: list[str] | None = ...,
        strict: bool = ...,
    ) -> None: ...
    @property
    def source(self) -> str: ...
    def node(self, name: str, label: str | None = ..., _attributes: Any = ..., **attrs: Any) -> None: ...
    def edge(self, tail_name: str, head_name: str, label: str | None = ..., _attributes: Any = ...,
             **attrs: Any) -> None: ...
    def attr(self, kw: str | None = ..., _attributes: Any = ..., **attrs: Any) -> None: ...
    def subgraph(self, graph: Digraph | None = ..., name: str | None = ..., comment: str | None = ...,
                 graph_attr: Mapping[str, str] | None = ..., node_attr: Mapping[str, str] | None = ...,
                 edge_attr: Mapping[str, str] | None = ..., body: list[str] | None = ...) -> AbstractContextManager[Digraph]: ...

class Graph(Digraph): ...
