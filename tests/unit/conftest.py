"""Make the collection importable as ansible_collections.polycom.uc (make install links it there)."""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, '.build', 'collections'))
