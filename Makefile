# polycom.uc — every entry point from a bare machine (Python 3.11 + make).
SHELL := /bin/bash
.DEFAULT_GOAL := help

# $(call python_exe,python3.x): the interpreter's own path. A pyenv shim of a version that is installed but not pyenv's
# global one ("command not found") runs with PYENV_VERSION set to that version; without pyenv on PATH, pyenv's own
# install of that version is taken.
python_exe = $(shell $(1) -c 'import sys; print(sys.executable)' 2>/dev/null || \
  PYENV_VERSION=$$(pyenv versions --bare 2>/dev/null | grep -E '^$(patsubst python%,%,$(1))(\.[0-9]+)?$$' | tail -1) \
  $(1) -c 'import sys; print(sys.executable)' 2>/dev/null || \
  ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/$(patsubst python%,%,$(1)).*/bin/$(1) 2>/dev/null | tail -1)
PYTHON ?= python3.11
PYTHON_EXE := $(call python_exe,$(PYTHON))
PYTHON_VERSION := $(shell $(PYTHON_EXE) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
# One venv per Python: .venv for 3.11, .venv-3.12 for make PYTHON=python3.12 ...
VENV := .venv$(if $(filter-out 3.11,$(PYTHON_VERSION)),-$(PYTHON_VERSION))
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
COLLECTIONS := .build/collections
LINK := $(COLLECTIONS)/ansible_collections/polycom/uc
SANITY_ROOT := .build/ansible-test/ansible_collections/polycom/uc
LAB_DIR := .lab
LAB := $(BIN)/python tests/lab/lab.py
GET_PIP_CACHE := $(HOME)/.ansible/test/cache/get_pip_24_2.py
VERSION := $(shell sed -n 's/^version: *//p' galaxy.yml)
DIST := .build/dist
# make build packs the commit HEAD, exported here (git archive), never the work tree
BUILD_SRC := .build/release/polycom_uc
TARBALL := $(DIST)/polycom-uc-$(VERSION).tar.gz
EE_CONTEXT := .build/ee
DOCS_DIR := .build/docs
# make compat: the oldest ansible-core meta/runtime.yml admits (requirements-compat.txt) on the oldest Python it runs on.
COMPAT_PYTHON ?= python3.10
COMPAT_VENV := .venv-compat
COMPAT_STAMP := $(COMPAT_VENV)/.installed
# the unit tests but those of the pinned tool chain (ansible-builder, antsibull-*), and a functional smoke: one Pano
# converge and its second run, one Lync role run and its second run, and the AWX credential jobs through ansible-runner
# (playbooks/pano.yml converging factory Panos, playbooks/drift.yml reading Panos and phones, refused credentials)
COMPAT_UNITS := -k 'not ansible_builder and not antsibull'
COMPAT_SMOKE := tests/functional/test_pano_settings.py::test_factory_device_converges_in_one_run_and_the_second_run_changes_nothing \
  tests/functional/test_lync_share.py::test_layout_of_the_default_mode_and_a_second_run_changes_nothing \
  tests/functional/test_awx_credential_runner.py
export ANSIBLE_CONFIG := $(CURDIR)/ansible.cfg
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: help install demo test sanity lint units functional molecule compat package-test build changelog ee docs bench lab-up lab-down clean generate

help: ## Show the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): requirements-dev.txt
	@[ -n "$(PYTHON_EXE)" ] || { echo "need $(PYTHON) on PATH (or make PYTHON=python3.x)"; exit 1; }
	$(PYTHON_EXE) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

$(LINK):
	mkdir -p $(dir $(LINK))
	ln -sfn $(CURDIR) $(LINK)

install: $(STAMP) $(LINK) ## Create .venv with the pinned tool chain and install the collection (symlink)

lab-up: install ## Start the device lab in the background (idempotent)
	$(LAB) up --state-dir $(LAB_DIR) --config tests/lab/lab.json

lab-down: ## Stop the device lab (idempotent)
	@if [ -x $(BIN)/python ]; then $(LAB) down --state-dir $(LAB_DIR); fi

demo: install ## Start the lab, run site.yml twice (the second shows changed=0), boot the phones, write a drift report, stop the lab
	$(LAB) down --state-dir $(LAB_DIR)
	$(LAB) up --state-dir $(LAB_DIR) --config tests/lab/lab.json
	@trap '$(LAB) down --state-dir $(LAB_DIR)' EXIT; set -e; mkdir -p .build/demo; \
	echo "== 1. site.yml: factory-new Panos set up, rooms paired, Lync files written to the share $(LAB_DIR)/share"; \
	$(BIN)/ansible-playbook site.yml --diff; \
	echo "== 2. site.yml again: nothing left to change"; \
	$(BIN)/ansible-playbook site.yml | tee .build/demo/second-run.log; \
	if grep -Eq 'changed=[1-9]' .build/demo/second-run.log; then echo "the second run changed something"; exit 1; fi; \
	echo "== 2b. a change reaches the phones: vvx-office's pres.idleTimeout.offHours.period becomes 45; site.yml restarts that phone alone"; \
	$(BIN)/python tests/tools/demo_reload.py change --mac 0004f2e0a502 --set pres.idleTimeout.offHours.period=45 > .build/demo/one-phone.json; \
	$(BIN)/python tests/tools/demo_reload.py phones --state-dir $(LAB_DIR) --json > .build/demo/phones-before.json; \
	$(BIN)/ansible-playbook site.yml -e @.build/demo/one-phone.json > .build/demo/reload-run.log; \
	sed -n '/lync_provisioning : Summary/,/^$$/p' .build/demo/reload-run.log | grep -v '^TASK'; \
	$(BIN)/python tests/tools/demo_reload.py phones --state-dir $(LAB_DIR) --since .build/demo/phones-before.json --expect-restarted vvx-office; \
	echo "== 3. the lab's phones boot from the share (phone emulator; users entered demo login credentials)"; \
	$(BIN)/python tests/lab/phone_emulator.py boot-lab --state-dir $(LAB_DIR) --login-credentials demo-user:demo-password:LAB; \
	echo "== 4. drift report: check mode against the inventory and its firmware baseline"; \
	POLYCOM_DRIFT_REPORT_DIR=.build/demo ANSIBLE_CALLBACKS_ENABLED=polycom.uc.drift_report \
	  $(BIN)/ansible-playbook playbooks/drift.yml --check --diff > .build/demo/drift-run.log; \
	sed -n '1,40p' .build/demo/drift-report.md; \
	echo "== done. Look at: .build/demo/drift-report.md and .json, $(LAB_DIR)/share (provisioning files),"; \
	echo "   inventories/lab (hosts, settings, baseline). Play yourself: make lab-up; .venv/bin/ansible-playbook site.yml --check --diff; make lab-down"

test: install sanity lint units functional molecule compat docs package-test ## Everything CI runs: sanity, lint, unit, functional, molecule tests, the oldest ansible-core, the HTML docs, the tarball

$(GET_PIP_CACHE):
	mkdir -p $(dir $@)
	cp tests/tools/get_pip_standin.py $@

sanity: install $(GET_PIP_CACHE) ## ansible-test sanity on a copy at ansible_collections/polycom/uc
	rm -rf $(SANITY_ROOT) && mkdir -p $(SANITY_ROOT)
	git ls-files -co --exclude-standard -z | xargs -0 cp --parents -t $(SANITY_ROOT)
	cd $(SANITY_ROOT) && git init -q && git add -A && \
	  $(CURDIR)/$(BIN)/ansible-test sanity --venv --python $(PYTHON_VERSION) --color no

generate: ## Regenerate the Lync option files (role defaults, argument specs, task arguments, doc fragment) from plugins/module_utils/lync_options.py
	$(BIN)/python tests/tools/generate_lync_options.py

lint: install ## ansible-lint, production profile
	$(BIN)/ansible-lint --profile production

units: install ## pytest unit tests
	$(BIN)/python -m pytest -q tests/unit

functional: install ## Playbooks against the device lab (idempotency, check mode, faults, secrets)
	$(BIN)/python -m pytest -q tests/functional

molecule: install ## molecule scenario of the pano role (delegated driver on the lab)
	$(BIN)/molecule test --all

$(COMPAT_STAMP): requirements-compat.txt
	@[ -n "$(call python_exe,$(COMPAT_PYTHON))" ] || { echo "need $(COMPAT_PYTHON) (or make compat COMPAT_PYTHON=python3.x)"; exit 1; }
	rm -rf $(COMPAT_VENV)
	$(call python_exe,$(COMPAT_PYTHON)) -m venv $(COMPAT_VENV)
	$(COMPAT_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-compat.txt
	touch $@

compat: $(COMPAT_STAMP) $(LINK) ## The oldest supported ansible-core on Python 3.10 (requirements-compat.txt): unit tests and a functional smoke
	@$(COMPAT_VENV)/bin/python -c 'import ansible.release, sys; print("ansible-core", ansible.release.__version__, "on Python", sys.version.split()[0])'
	PATH=$(CURDIR)/$(COMPAT_VENV)/bin:$$PATH $(COMPAT_VENV)/bin/python -m pytest -q tests/unit $(COMPAT_UNITS)
	PATH=$(CURDIR)/$(COMPAT_VENV)/bin:$$PATH $(COMPAT_VENV)/bin/python -m pytest -q $(COMPAT_SMOKE)

package-test: install ## The tarball as users get it, built after the suite ran: no debris, installed, playbooks by FQCN
	$(BIN)/python -m pytest -q tests/package

build: install ## Build the collection tarball .build/dist/polycom-uc-<version>.tar.gz (what users install) from the commit HEAD: uncommitted and untracked files are left out
	rm -rf $(BUILD_SRC) && mkdir -p $(BUILD_SRC) $(DIST)
	git archive --format=tar HEAD | tar -x -C $(BUILD_SRC)
	@if [ -n "$$(git status --porcelain)" ]; then \
	  echo "make build: the tarball is HEAD $$(git rev-parse --short HEAD); these uncommitted or untracked files are not in it (commit them first):"; \
	  git status --short | head -20; fi
	$(BIN)/ansible-galaxy collection build --force --output-path $(CURDIR)/$(DIST) $(BUILD_SRC)

changelog: install ## Fold new changelogs/fragments into the release galaxy.yml names; regenerate CHANGELOG.md
	$(BIN)/antsibull-changelog release --update-existing --reload-plugins
	$(BIN)/antsibull-changelog lint

ee: build ## Execution environment build context in .build/ee (then: ansible-builder build, docs/awx.md)
	rm -rf $(EE_CONTEXT)
	$(BIN)/ansible-builder create -f meta/execution-environment.yml -c $(EE_CONTEXT)
	@echo "build context: $(EE_CONTEXT); on a machine with podman or docker: ansible-builder build -f meta/execution-environment.yml -t polycom-uc-ee:$(VERSION)"

docs: install ## HTML documentation of the modules, roles and callback (antsibull-docs, Sphinx) in .build/docs/build/html
	$(BIN)/antsibull-docs lint-collection-docs --plugin-docs --skip-rstcheck .
	rm -rf $(DOCS_DIR) && mkdir -p $(DOCS_DIR)
	$(BIN)/antsibull-docs sphinx-init --use-current --fail-on-error --dest-dir $(DOCS_DIR) \
	  --index-rst-source docs/sphinx/index.rst --project polycom.uc polycom.uc
	printf '%s\n' '# make docs: offline, no links into the Ansible docs site (lint-collection-docs checked the references).' \
	  'intersphinx_mapping = {}' 'suppress_warnings = ["ref.ref", "ref.envvar"]' >> $(DOCS_DIR)/conf.py
	cd $(DOCS_DIR) && ./build.sh
	@echo "open $(DOCS_DIR)/build/html/index.html"

bench: install ## Benchmarks (not a test): Pano requests per device; lync.yml and drift.yml at 10,000 phones vs loops; firmware.yml with a 200 MB package vs copy; lync.yml reloading 200 REST phones vs a uri play (BENCH_ARGS='--phones 2000 --only lync', '--only firmware', '--only reload')
	$(BIN)/python tests/bench/bench_pano.py
	$(BIN)/python tests/bench/bench_estate.py $(BENCH_ARGS)

clean: lab-down ## Remove the venv, the lab state and build output
	rm -rf $(VENV) .build $(LAB_DIR)
