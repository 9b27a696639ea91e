"""Offline stand-in for the get-pip.py bootstrap that ansible-test downloads.

ansible-test runs ``get_pip_<version>.py pip==X --no-setuptools --no-wheel`` with a new virtual
environment's Python. Its download host is unreachable here; ensurepip provides pip instead, and
the requested pip version then comes from the package registry.
"""
import ensurepip
import os
import subprocess
import sys

ensurepip.bootstrap(upgrade=True)
os.environ.pop('PIP_CONFIG_FILE', None)  # ensurepip sets it; the machine's pip configuration must apply
args = [arg for arg in sys.argv[1:] if arg not in ('--no-setuptools', '--no-wheel')]
sys.exit(subprocess.call([sys.executable, '-m', 'pip', 'install', '--disable-pip-version-check'] + args))
