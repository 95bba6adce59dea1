"""book/execute.py: a second build executes only the notebooks whose inputs changed, and
says so; two lanes execute two chapters at once; a failure stops the build."""

import importlib
import sys

import nbformat
import pytest

from conftest import ROOT


def load_module(monkeypatch):
    """book/execute.py as the module ``execute``, importable by the lanes' processes too."""
    monkeypatch.syspath_prepend(str(ROOT / "book"))
    monkeypatch.delitem(sys.modules, "execute", raising=False)
    return importlib.import_module("execute")


@pytest.fixture()
def execute(tmp_path, monkeypatch):
    """The module with its notebooks in ``tmp_path`` and papermill replaced by a copy (one lane)."""
    module = load_module(monkeypatch)
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
    main = module.main
    monkeypatch.setattr(module, "main", lambda argv: main(["--lanes", "1", *argv]))
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


def test_a_failed_chapter_stops_the_build(execute, capsys, monkeypatch):
    module, _, runs = execute

    def failing(path, out, **kwargs):
        runs.append(path)
        raise RuntimeError(f"cell 3 of {path} raised")

    monkeypatch.setattr(module.papermill, "execute_notebook", failing)
    assert module.main([]) == 1
    assert [p.split("/")[-1] for p in runs] == ["00_a.ipynb"], "no chapter starts after a failure"
    err = capsys.readouterr().err
    assert "00_a: FAILED" in err and "RuntimeError: cell 3 of" in err
    assert not (module.TARGET / "00_a.ipynb").exists(), "a failed notebook leaves no executed copy"


def rendezvous(here: str, there: str, folder) -> nbformat.NotebookNode:
    """A notebook that leaves the file ``here`` and waits (at most 60 s) for ``there``."""
    code = (f"import pathlib, time\nfolder = pathlib.Path({str(folder)!r})\n(folder / {here!r}).touch()\n"
            f"start = time.monotonic()\nwhile not (folder / {there!r}).exists():\n"
            "    assert time.monotonic() - start < 60, 'the other chapter never ran beside this one'\n"
            "    time.sleep(0.05)")
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)],
                                    metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                             "language": "python"}})


@pytest.mark.notebooks
def test_two_lanes_execute_two_chapters_at_once_longest_first(tmp_path, monkeypatch, capsys):
    """Each notebook waits for the other's file: only two lanes at once finish both."""
    module = load_module(monkeypatch)
    source = tmp_path / "notebooks"
    source.mkdir()
    nbformat.write(rendezvous("a", "b", tmp_path), source / "00_a.ipynb")
    nbformat.write(rendezvous("b", "a", tmp_path), source / "01_b.ipynb")
    monkeypatch.setattr(module, "SOURCE", source)
    monkeypatch.setattr(module, "TARGET", tmp_path / "generated")
    monkeypatch.setattr(module, "TIMES", tmp_path / "times.json")
    monkeypatch.setattr(module, "EXPECTED_SECONDS", {"00_a": (10, 10), "01_b": (20, 20)})
    assert module.main(["--lanes", "2"]) == 0
    out = capsys.readouterr().out
    assert out.index("[1/2] 01_b: executing") < out.index("[2/2] 00_a: executing"), "the longest starts first"
    assert sorted(p.name for p in (tmp_path / "generated").glob("*.ipynb")) == ["00_a.ipynb", "01_b.ipynb"]
    with pytest.raises(SystemExit):
        module.main(["--lanes", "0"])


def test_progress_bars_are_taken_out_of_an_executed_notebook(monkeypatch):
    module = load_module(monkeypatch)
    bar = "spal:   0%|          | 0/300 [00:00<?, ?it/s]\rspal: 100%|##########| 300/300 [00:04<00:00, 70.1it/s]"
    cells = [
        nbformat.v4.new_code_cell("train()", outputs=[
            nbformat.v4.new_output("stream", name="stderr", text=bar + "\n"),
            nbformat.v4.new_output("stream", name="stdout", text="mAP 0.512\n"),
        ]),
        nbformat.v4.new_code_cell("load()", outputs=[
            nbformat.v4.new_output("stream", name="stderr", text=(
                "UserWarning: a warning the reader should see\n"
                "features: 1258it [00:02, 512.3it/s]\n"
                "backbone: 40%|####      | 2/5 [00:01<00:01,  1.50s/it]\n")),
        ]),
    ]
    notebook = nbformat.v4.new_notebook(cells=cells)
    assert module.strip_progress(notebook) == 3
    first, second = (cell.outputs for cell in notebook.cells)
    assert [o.text for o in first] == ["mAP 0.512\n"]  # the emptied stderr stream is gone
    assert [o.text for o in second] == ["UserWarning: a warning the reader should see\n"]
    assert module.strip_progress(notebook) == 0  # nothing left to take out


def test_the_progress_pattern_reads_no_result_as_a_bar(monkeypatch):
    module = load_module(monkeypatch)
    for text in ("| full | 0.512 ± 0.004 | 30 % |", "recognised 76.5 % of 2700 sketches",
                 "[00:01] done", "loss 0.25 | step 300/300"):
        assert not module.PROGRESS_BAR.search(text), text


def test_the_tests_take_an_executions_results_only_while_they_are_current(execute, monkeypatch):
    """make test executes each chapter once: the quick book's run is the chapter's quick
    test, as long as neither the notebook nor its results.json changed since."""
    module, source, runs = execute
    cell = nbformat.v4.new_code_cell('output_dir = "out/c"', metadata={"tags": ["parameters"]})
    kernel = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    nbformat.write(nbformat.v4.new_notebook(cells=[cell], metadata=kernel), source / "02_c.ipynb")

    def writes_results(path, out, **kwargs):  # as a chapter does at its end
        runs.append(path)
        (source / "out" / "c").mkdir(parents=True, exist_ok=True)
        (source / "out" / "c" / "results.json").write_text('{"mAP": 0.5}')
        nbformat.write(nbformat.read(path, as_version=4), out)

    monkeypatch.setattr(module.papermill, "execute_notebook", writes_results)
    assert module.executed_results("02_c", quick=True) is None  # never executed
    monkeypatch.setenv("SBSR_QUICK", "1")
    assert module.main(["02_c"]) == 0
    assert module.executed_results("02_c", quick=True) == {"mAP": 0.5}
    assert module.executed_results("02_c", quick=False) is None  # another mode
    assert module.executed_results("00_a", quick=True) is None  # no output_dir: nothing recorded
    (source / "out" / "c" / "results.json").write_text('{"mAP": 0.9}')  # written since by another run
    assert module.executed_results("02_c", quick=True) is None
    module.main(["--force", "02_c"])
    nb = nbformat.read(source / "02_c.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("changed"))
    nbformat.write(nb, source / "02_c.ipynb")
    assert module.executed_results("02_c", quick=True) is None  # the notebook changed since
