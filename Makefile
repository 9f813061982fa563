# Zhagen developer commands. `make demo` and `make test` set everything up first.
VENV := .venv
PY := $(VENV)/bin/python
DEMO := demo.zhagen

.PHONY: setup demo test bench clean-demo

$(VENV)/.installed: pyproject.toml scripts/setup.sh
	bash scripts/setup.sh

setup: $(VENV)/.installed

$(DEMO): | $(VENV)/.installed
	$(PY) main.py demo $(DEMO)

# Open the app on the demo project (built on first use).
demo: $(VENV)/.installed $(DEMO)
	$(PY) main.py open $(DEMO)

# The whole test suite, headless. CI (.ci/run) runs exactly this.
test: $(VENV)/.installed
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

bench: $(VENV)/.installed
	$(PY) bench/service_bench.py
	QT_QPA_PLATFORM=offscreen $(PY) bench/ui_bench.py
	$(PY) bench/export_bench.py
	$(PY) bench/team_bench.py

clean-demo:
	rm -rf $(DEMO) $(DEMO)-wal $(DEMO)-shm $(DEMO)-backups
