# sbsr: two commands for a new user.
#   make book   creates .venv if missing, installs sbsr, executes every notebook
#               through papermill and builds the HTML book in _build/html
#   make test   unit tests, every notebook in quick mode, the book, a browser check
# Also: make demo (the retrieval app), make bench (benchmarks -> README table).
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
EXTRAS ?= book,demo,dev,imagenet
PYTEST := $(BIN)/python -m pytest

# The Jupyter widget manager for pages with saved widget state, from the npm
# registry (a pinned, checksummed package: no CDN when the book is read).
HTML_MANAGER := @jupyter-widgets/html-manager@1.0.15
HTML_MANAGER_SHA256 := 2b9d65cb7913e1c7d671757a10008b32c9c2448d4429513371e55c07d6107638
REQUIREJS := requirejs@2.3.7
REQUIREJS_SHA256 := 31f3330c978fb28684622fe71165dc946432cf0210b2ea8a1ca0233e70f2737d
VENDOR := book/_vendor

.PHONY: install book notebooks html test format test-resnet bench data demo clean

# Notebooks whose code `ruff format` keeps within 88 columns (pyproject.toml), so that no
# line of a chapter scrolls sideways in its box. `make test` checks them; `make format`
# formats them. Chapters not listed yet join as they are formatted; when all are, this
# becomes `notebooks/`.
FORMATTED := $(addprefix notebooks/,00_overview.ipynb 01_data.ipynb 02_features.ipynb \
	03_metric_learning.ipynb 05_tsne.ipynb A1_calibration_log.ipynb)

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

html: $(STAMP) $(VENDOR)/html-manager/dist/embed-amd.js $(VENDOR)/requirejs/require.js
	rm -rf _build/html _build/.doctrees
	$(BIN)/jb build . --path-output . -W -n --keep-going

$(VENDOR)/html-manager/dist/embed-amd.js:
	tmp=$$(mktemp -d)
	(cd $$tmp && npm pack --silent "$(HTML_MANAGER)" >/dev/null)
	echo "$(HTML_MANAGER_SHA256)  $$(ls $$tmp/*.tgz)" | sha256sum --check --quiet
	tar -xzf $$tmp/*.tgz -C $$tmp
	mkdir -p $(VENDOR) && rm -rf $(VENDOR)/html-manager && mv $$tmp/package $(VENDOR)/html-manager
	rm -rf $$tmp

$(VENDOR)/requirejs/require.js:
	tmp=$$(mktemp -d)
	(cd $$tmp && npm pack --silent "$(REQUIREJS)" >/dev/null)
	echo "$(REQUIREJS_SHA256)  $$(ls $$tmp/*.tgz)" | sha256sum --check --quiet
	tar -xzf $$tmp/*.tgz -C $$tmp
	mkdir -p $(VENDOR) && rm -rf $(VENDOR)/requirejs && mv $$tmp/package $(VENDOR)/requirejs
	rm -rf $$tmp

# pytest exits 5 when it collected no test: for us that is a broken suite, not a pass.
# $(1): pytest arguments; $(2): the pytest command (default: the project venv's).
define pytest_or_fail
	$(or $(2),$(PYTEST)) $(1) || { rc=$$?; if [ $$rc -eq 5 ]; then echo "pytest $(1): no test was collected" >&2; fi; exit $$rc; }
endef

format: $(STAMP)
	$(BIN)/ruff format $(FORMATTED)

test: $(STAMP)
	t0=$$SECONDS
	$(BIN)/ruff format --check $(FORMATTED)
	$(call pytest_or_fail,-m "not book and not browser")
	t1=$$SECONDS
	SBSR_QUICK=1 $(MAKE) --no-print-directory book
	t2=$$SECONDS
	$(call pytest_or_fail,-m "book or browser")
	t3=$$SECONDS
	echo "timings: unit+notebook tests $$((t1-t0)) s, quick book $$((t2-t1)) s, browser check $$((t3-t2)) s"

# The embedded benchmark at book scale (resumes an interrupted run; a no-op when complete).
data: $(STAMP)
	$(BIN)/sbsr data synth --out data/synthsbr

# The draw-a-sketch app on http://127.0.0.1:8866 (trains its model the first time).
demo: data
	$(BIN)/sbsr demo --data data/synthsbr --port 8866

# The ResNet-50 backbone needs torchvision, which installs only beside a CUDA
# build of torch (about 5.5 GB): its tests run in a venv of their own.
RESNET_VENV := .venv-resnet
RESNET_TORCH ?= torch==2.14.1 torchvision==0.29.1

test-resnet:
	test -x $(RESNET_VENV)/bin/python || $(PYTHON) -m venv $(RESNET_VENV)
	$(RESNET_VENV)/bin/python -m pip install --quiet $(RESNET_TORCH)
	$(RESNET_VENV)/bin/python -m pip install --quiet -e ".[dev,resnet]"
	$(RESNET_VENV)/bin/python -c "import torchvision"  # the test must run, not skip
	$(call pytest_or_fail,-m resnet tests/test_models.py,$(RESNET_VENV)/bin/python -m pytest)

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py --readme README.md

clean:
	rm -rf _build book/generated book/_vendor runs
