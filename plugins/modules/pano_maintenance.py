#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: pano_maintenance
short_description: Restart a Polycom Pano, update its software or delete all its settings
version_added: 0.1.0
description:
  - O(action=restart) restarts the Pano (Diagnostics > System Reset > Restart in the web interface).
  - O(action=delete_all_settings) deletes every setting except the software version and the logs; the device
    restarts into the setup wizard with the factory admin password (Reset All System Configurations).
    It is destructive, so it runs only with O(confirm=true).
  - O(action=update_software) is the guide's Manually Update Software (General Settings > Software Update, Check for
    updates, then Update); it checks the Polycom server and, only when a newer build is available, installs it; the
    device restarts. Up to date means no change. Check mode checks for updates and reports whether it would update.
  - With O(version) it drives the device to that version or later. A device already there is no change; a device below
    it is updated only when the server offers that version or a later one (the Update button installs the build the
    check found, never a chosen one), otherwise the task fails before anything is installed. After the restart the
    version is read again, and a device that came back below the target fails the task (reported as changed, since it
    installed and restarted). Check mode predicts all of it and says from what to what (RV(msg)).
  - O(action=restart) and O(action=delete_all_settings) are actions, not states. Each run that is not in check mode
    performs the action and reports a change; check mode reports the change without doing it.
  - The REST endpoints are this collection's inferred convention, labelled in C(docs/device-interfaces.md)
    (the software update calls included); see M(polycom.uc.pano_settings).
author:
  - polycom.uc contributors (@polycom-uc)
extends_documentation_fragment:
  - polycom.uc.connection
  - polycom.uc.device_setup.restart_timeout
attributes:
  check_mode:
    support: full
    description: Logs in to check the credentials (and checks for updates), then reports the action without performing it.
  diff_mode:
    support: none
    description: Actions have no before/after.
options:
  action:
    description:
      - What to do.
    type: str
    required: true
    choices: [restart, delete_all_settings, update_software]
  confirm:
    description:
      - Must be V(true) for O(action=delete_all_settings); guards against deleting settings by accident.
    type: bool
    default: false
  wait:
    description:
      - Wait until the device answers again before returning, at most O(restart_timeout) seconds.
    type: bool
    default: true
  version:
    description:
      - With O(action=update_software), the version the device must run afterwards (or a later one), such as C(1.1.2.1007);
        compared as versions (1.10 is later than 1.9). Needs O(wait=true), since the version is checked after the restart.
    type: str
'''

EXAMPLES = r'''
- name: Restart a Pano and wait for it
  polycom.uc.pano_maintenance:
    host: "{{ ansible_host }}"
    password: "{{ vault_pano_admin_password }}"
    action: restart

- name: Return a Pano to its setup wizard (settings deleted, software kept)
  polycom.uc.pano_maintenance:
    host: "{{ ansible_host }}"
    password: "{{ vault_pano_admin_password }}"
    action: delete_all_settings
    confirm: true

- name: Install the latest software from the Polycom server when there is a newer build (Check for updates, Update)
  polycom.uc.pano_maintenance:
    host: "{{ ansible_host }}"
    password: "{{ vault_pano_admin_password }}"
    action: update_software

- name: Bring a Pano to the firmware baseline (no change when it already runs 1.1.2 or later)
  polycom.uc.pano_maintenance:
    host: "{{ ansible_host }}"
    password: "{{ vault_pano_admin_password }}"
    action: update_software
    version: "{{ polycom_firmware_baseline.pano.minimum }}"
'''

RETURN = r'''
action:
  description: The action performed (or that would be, in check mode).
  returned: always
  type: str
  sample: restart
waited:
  description: Whether the module waited until the device answered again.
  returned: always
  type: bool
software_version:
  description: The software version the device ran before the run.
  returned: when O(action=update_software)
  type: str
  sample: 1.0.0.46
available_version:
  description: The newer build Check for updates found; empty when the device is up to date.
  returned: when O(action=update_software)
  type: str
  sample: 1.1.2.1007
updated_to:
  description: The version the device reports after the update and its restart (empty in check mode or when nothing was installed).
  returned: when O(action=update_software)
  type: str
  sample: 1.1.2.1007
target_version:
  description: The version the run drives the device to, O(version) or else the newest build offered (empty when none).
  returned: when O(action=update_software)
  type: str
  sample: 1.1.2.1007
msg:
  description: "What the update did or would do, from what to what: C(would update software 1.0.0.46 -> 1.1.2.1007)."
  returned: when O(action=update_software)
  type: str
'''

from ansible_collections.polycom.uc.plugins.module_utils.firmware import parse_version
from ansible_collections.polycom.uc.plugins.module_utils.module import PolycomModule
from ansible_collections.polycom.uc.plugins.module_utils.pano import MAINTENANCE_PATHS, update_software
from ansible_collections.polycom.uc.plugins.module_utils.polycom_rest import PolycomError

ACTIONS = list(MAINTENANCE_PATHS) + ['update_software']


def input_problem(params):
    """What is wrong with the options, before any request (None when nothing)."""
    if params['action'] == 'delete_all_settings' and not params['confirm']:
        return 'confirm: action=delete_all_settings deletes every setting of the device; set confirm=true to do it'
    if params['version'] is None:
        return None
    if params['action'] != 'update_software':
        return 'version: only with action=update_software (got action=%s)' % params['action']
    if not parse_version(params['version']):
        return 'version: %r is not a version such as 1.1.2.1007' % params['version']
    if not params['wait']:
        return 'version: the version is checked after the restart, so it needs wait=true'
    return None


def main():
    module = PolycomModule(dict(action=dict(type='str', required=True, choices=ACTIONS),
                                confirm=dict(type='bool', default=False),
                                wait=dict(type='bool', default=True),
                                version=dict(type='str')), shared=['restart_timeout'],
                           supports_check_mode=True)
    params = module.params
    problem = input_problem(params)
    if problem:
        module.fail_json(msg=problem)

    result = dict(changed=True, action=params['action'], waited=False)
    with module.client() as client:
        try:
            client.login()
            if params['action'] == 'update_software':
                result.update(update_software(client, params['version'], module.check_mode, params['wait'], params['restart_timeout']))
            elif not module.check_mode:
                client.request('POST', *MAINTENANCE_PATHS[params['action']])
                if params['wait']:
                    client.wait_until_available(params['restart_timeout'])
                    result['waited'] = True
        except PolycomError as exc:
            module.fail_from_exception(exc)
    if result.get('failure'):
        result['msg'] = result.pop('failure')
        module.fail_json(**result)
    module.exit_json(**result)


if __name__ == '__main__':
    main()
