#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: pano_logs
short_description: Download the system logs of a Polycom Pano
version_added: 0.1.0
description:
  - Downloads the system log archive (C(.tgz), Diagnostics > Logs in the web interface) to a file on the host that
    runs the task, usually the controller.
  - Writes the file atomically and only when its content differs from the file already at O(dest).
  - The REST endpoint is this collection's inferred convention; see M(polycom.uc.pano_settings).
author:
  - polycom.uc contributors (@polycom-uc)
extends_documentation_fragment:
  - polycom.uc.connection
attributes:
  check_mode:
    support: full
    description: Downloads the archive into memory and reports whether O(dest) would change; writes nothing.
  diff_mode:
    support: none
    description: The archive is binary.
options:
  dest:
    description:
      - File to write, or an existing directory to write C(<serial>-logs.tgz) into.
    type: path
    required: true
'''

EXAMPLES = r'''
- name: Collect the logs of every Pano on the controller
  polycom.uc.pano_logs:
    host: "{{ ansible_host }}"
    password: "{{ vault_pano_admin_password }}"
    dest: "{{ playbook_dir }}/logs/{{ inventory_hostname }}.tgz"
'''

RETURN = r'''
dest:
  description: Path of the archive.
  returned: always
  type: str
size:
  description: Size of the archive in bytes.
  returned: always
  type: int
checksum:
  description: SHA-256 of the archive.
  returned: always
  type: str
'''

import hashlib
import os
import re
import tempfile

from ansible_collections.polycom.uc.plugins.module_utils.module import PolycomModule
from ansible_collections.polycom.uc.plugins.module_utils.pano import LOGS_PATH
from ansible_collections.polycom.uc.plugins.module_utils.polycom_rest import PolycomError


def target_path(dest, response):
    if not os.path.isdir(dest):
        return dest
    match = re.search(r'filename="?([^";]+)"?', response.headers.get('Content-Disposition', ''))
    return os.path.join(dest, os.path.basename(match.group(1)) if match else 'pano-logs.tgz')


def file_checksum(path):
    if not os.path.isfile(path):
        return None
    with open(path, 'rb') as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def main():
    module = PolycomModule(dict(dest=dict(type='path', required=True)), supports_check_mode=True)
    with module.client() as client:
        try:
            response = client.request('GET', LOGS_PATH, raw=True)
        except PolycomError as exc:
            module.fail_from_exception(exc)
    content = response.content
    dest = target_path(module.params['dest'], response)
    checksum = hashlib.sha256(content).hexdigest()
    changed = checksum != file_checksum(dest)
    if changed and not module.check_mode:
        handle, temporary = tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(dest)), prefix='.pano-logs-')
        with os.fdopen(handle, 'wb') as stream:
            stream.write(content)
        module.atomic_move(temporary, dest)
    module.exit_json(changed=changed, dest=dest, size=len(content), checksum=checksum)


if __name__ == '__main__':
    main()
