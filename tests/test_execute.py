"""book/execute.py: a second build executes only the notebooks whose inputs changed, and says so."""

import importlib.util

import nbformat
import pytest

from conftest import ROOT


@pytest.fixture()
def execute(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("book_execute", ROOT / "book" / "execute.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    source = tmp_path / "notebooks"
    source.mkdir()
    for name in ("00_a", "01_b"):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(f"print('{name}')")])
        nbformat.write(nb, source / f"{name}.ipynb")
    monkeypatch.setattr(module, "SOURCE", source)
    monkeypatch.setattr(module, "TARGET", tmp_path / "generated")
    monkeypatch.setattr(module, "TIMES", tmp_path / "times.json")
    runs = []

    def fake_papermill(path, out, **kwargs):  # copies the notebook instead of running it
        runs.append(path)
        nbformat.write(nbformat.read(path, as_version=4), out)

    monkeypatch.setattr(module.papermill, "execute_notebook", fake_papermill)
    monkeypatch.delenv("SBSR_QUICK", raising=False)
    return module, source, runs


def test_unchanged_notebooks_are_kept_and_changed_ones_run_again(execute, capsys, monkeypatch):
    module, source, runs = execute
    assert module.main([]) == 0
    assert len(runs) == 2 and "[1/2] 00_a: executing" in capsys.readouterr().out
    assert module.main([]) == 0
    out = capsys.readouterr().out
    assert len(runs) == 2 and out.count("unchanged since it was last executed, kept") == 2
    # a changed notebook runs again, the other is kept
    nb = nbformat.read(source / "01_b.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("more"))
    nbformat.write(nb, source / "01_b.ipynb")
    module.main([])
    assert [p.split("/")[-1] for p in runs[2:]] == ["01_b.ipynb"]
    # quick mode is another input; --force runs everything
    monkeypatch.setenv("SBSR_QUICK", "1")
    module.main([])
    assert len(runs) == 5
    module.main(["--force"])
    assert len(runs) == 7


def test_the_library_is_an_input(execute):
    module, source, _ = execute
    path = source / "00_a.ipynb"
    assert module.inputs_hash(path, False) == module.inputs_hash(path, False) != module.inputs_hash(path, True)
    assert module.inputs_hash(path, False) != module.inputs_hash(source / "01_b.ipynb", False)
    library = sorted((ROOT / "sbsr").rglob("*.py"))
    assert library, "the hash must cover the sbsr package"


def test_a_notebook_is_named_with_or_without_its_suffix(execute, capsys):
    module, _, runs = execute
    assert module.main(["--force", "01_b"]) == 0 and module.main(["--force", "01_b.ipynb"]) == 0
    assert [p.split("/")[-1] for p in runs] == ["01_b.ipynb", "01_b.ipynb"]
    assert module.main(["02_c"]) == 2 and "no such notebook" in capsys.readouterr().err
