"""The floor for any Typer CLI: two commands, one option, nothing else (a baseline, not gbstd)."""

import typer

app = typer.Typer()


@app.command()
def first(name: str = "x", count: int = 1) -> None:
    print(name * count)


@app.command()
def second() -> None:
    pass


app()
