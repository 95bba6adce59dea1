# sbsr: two commands for a new user.
#   make book   creates .venv if missing, installs sbsr, executes every notebook
#               through papermill and builds the HTML book in _build/html
#   make test   the book in quick mode, then unit tests, each chapter's checks and
#               exercises, and browser checks of the built pages
# Also: make demo (the retrieval app), make serve (the built book on 127.0.0.1),
# make bench (benchmarks -> README table).
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
# ONNX Runtime for the in-browser demo page (book/draw.md), also from the npm registry.
# 1.18.0 is the last release with the plain WebAssembly build (no SIMD, no threads:
# 9.8 MB); later ones ship only builds of 11 MB and more, and the page's files must
# stay under 15 MB. Only the loader and that build are kept, the build gzip-compressed
# (2.6 MB): the page unpacks it in the browser (DecompressionStream).
ORT_WEB := onnxruntime-web@1.18.0
ORT_WEB_SHA256 := b4940dec2f4f63cd98d48597336809d45fdaa1c4ddc6d2e6e61183772a266e07
ORT_WEB_FILES := dist/ort.wasm-core.min.js dist/ort-wasm.wasm package.json README.md
VENDOR := book/_vendor
PORT ?= 8000

.PHONY: install book notebooks html serve test format test-resnet bench data demo clean

# Notebooks whose code `ruff format` keeps within 88 columns (pyproject.toml), so that no
# line of a chapter scrolls sideways in its box. `make test` checks them; `make format`
# formats them.
FORMATTED := notebooks/

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
	$(BIN)/python -m sbsr.claims book/generated/claims.md  # the first page's table, from the results

html: $(STAMP) $(VENDOR)/html-manager/dist/embed-amd.js $(VENDOR)/requirejs/require.js \
		$(VENDOR)/onnxruntime-web/dist/ort-wasm.wasm.gz
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

$(VENDOR)/onnxruntime-web/dist/ort-wasm.wasm.gz:
	tmp=$$(mktemp -d)
	(cd $$tmp && npm pack --silent "$(ORT_WEB)" >/dev/null)
	echo "$(ORT_WEB_SHA256)  $$(ls $$tmp/*.tgz)" | sha256sum --check --quiet
	tar -xzf $$tmp/*.tgz -C $$tmp $(addprefix package/,$(ORT_WEB_FILES))
	gzip -9 -n $$tmp/package/dist/ort-wasm.wasm  # -n: no name or time inside, the same bytes every build
	mkdir -p $(VENDOR) && rm -rf $(VENDOR)/onnxruntime-web && mv $$tmp/package $(VENDOR)/onnxruntime-web
	rm -rf $$tmp

# The built book on http://127.0.0.1:$(PORT)/ (the in-browser demo needs http, not file://).
serve:
	test -f _build/html/index.html || { echo "_build/html is missing: run make book first" >&2; exit 1; }
	echo "the book: http://127.0.0.1:$(PORT)/  the demo: http://127.0.0.1:$(PORT)/book/draw.html (Ctrl-C stops it)"
	$(PYTHON) -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

# pytest exits 5 when it collected no test: for us that is a broken suite, not a pass.
# $(1): pytest arguments; $(2): the pytest command (default: the project venv's).
define pytest_or_fail
	$(or $(2),$(PYTEST)) $(1) || { rc=$$?; if [ $$rc -eq 5 ]; then echo "pytest $(1): no test was collected" >&2; fi; exit $$rc; }
endef

format: $(STAMP)
	$(BIN)/ruff format $(FORMATTED)

# The quick book first: its execution of each chapter is that chapter's quick test
# (tests/conftest.py's run_quick takes its results while they are current), then every
# test, one process per core (pytest-xdist).
test: $(STAMP)
	t0=$$SECONDS
	$(BIN)/ruff format --check $(FORMATTED)
	SBSR_QUICK=1 $(MAKE) --no-print-directory book
	t1=$$SECONDS
	$(call pytest_or_fail,-n auto --durations=20)
	t2=$$SECONDS
	echo "timings: quick book $$((t1-t0)) s, tests $$((t2-t1)) s"

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
