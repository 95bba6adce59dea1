# sbsr: two commands for a new user.
#   make book   creates .venv if missing, installs sbsr, executes every notebook
#               through papermill and builds the HTML book in _build/html
#   make test   unit tests, every notebook in quick mode, the book, a browser check
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.ONESHELL:

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.sbsr-installed
# The CPU build of PyTorch; on a CUDA machine install your CUDA build of torch
# into .venv first: any installed torch in sbsr's range is kept.
TORCH ?= torch==2.13.0
EXTRAS ?= book,demo,dev
PYTEST := $(BIN)/python -m pytest

.PHONY: install book notebooks html test unit browser bench demo data clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -c "import torch" 2>/dev/null || $(BIN)/python -m pip install --quiet "$(TORCH)"
	$(BIN)/python -m pip install --quiet -e ".[$(EXTRAS)]"
	touch $(STAMP)

book: notebooks html

notebooks: $(STAMP)
	$(BIN)/python book/execute.py

html: $(STAMP)
	rm -rf _build/html _build/.doctrees
	$(BIN)/jb build . --path-output . -W -n --keep-going

# pytest exits 5 when it collected no test: for us that is a broken suite, not a pass.
define pytest_or_fail
	$(PYTEST) $(1) || { rc=$$?; if [ $$rc -eq 5 ]; then echo "pytest $(1): no test was collected" >&2; fi; exit $$rc; }
endef

test: $(STAMP)
	t0=$$SECONDS
	$(call pytest_or_fail,-m "not book and not browser")
	t1=$$SECONDS
	SBSR_QUICK=1 $(MAKE) --no-print-directory book
	t2=$$SECONDS
	$(call pytest_or_fail,-m "book or browser")
	t3=$$SECONDS
	echo "timings: unit+notebook tests $$((t1-t0)) s, quick book $$((t2-t1)) s, browser check $$((t3-t2)) s"

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py --readme README.md

clean:
	rm -rf _build book/generated runs
