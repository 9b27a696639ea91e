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
  - O(action=restart) and O(action=delete_all_settings) are actions, not states. Each run that is not in check mode
    performs the action and reports a change; check mode reports the change without doing it.
  - The REST endpoints are this collection's inferred convention, labelled in C(plugins/module_utils/pano.py)
    (the software update calls included); see M(polycom.uc.pano_settings).
author:
  - polycom.uc contributors (@polycom-uc)
extends_documentation_fragment:
  - polycom.uc.connection
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
  restart_timeout:
    description:
      - Seconds to wait for the device after the restart.
    type: int
    default: 300
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
'''

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.polycom.uc.plugins.module_utils.polycom_rest import (
    CONNECTION_ARGSPEC, PolycomError, client_from_module,
)
from ansible_collections.polycom.uc.plugins.module_utils.pano import SOFTWARE_UPDATE_PATH

ENDPOINTS = dict(
    restart=('/rest/system/reboot', {'action': 'reboot'}),
    delete_all_settings=('/rest/system/reset', {'action': 'deleteAllSettings'}),
)


def update_software(module, client, result):
    """Check for updates; Update only when a newer build is available, then wait for the restart."""
    check = client.request('GET', SOFTWARE_UPDATE_PATH)
    result.update(changed=bool(check.get('updateAvailable')), software_version=check.get('currentVersion') or '',
                  available_version=check.get('availableVersion') or '', updated_to='')
    if not result['changed'] or module.check_mode:
        return
    client.request('POST', SOFTWARE_UPDATE_PATH, {'action': 'update'})
    if module.params['wait']:
        client.wait_until_available(module.params['restart_timeout'])
        result['waited'] = True
        result['updated_to'] = client.request('GET', SOFTWARE_UPDATE_PATH).get('currentVersion') or ''


def main():
    argument_spec = dict(CONNECTION_ARGSPEC)
    argument_spec.update(action=dict(type='str', required=True, choices=list(ENDPOINTS) + ['update_software']),
                         confirm=dict(type='bool', default=False),
                         wait=dict(type='bool', default=True),
                         restart_timeout=dict(type='int', default=300))
    module = AnsibleModule(argument_spec=argument_spec, supports_check_mode=True)
    action = module.params['action']
    if action == 'delete_all_settings' and not module.params['confirm']:
        module.fail_json(msg='confirm: action=delete_all_settings deletes every setting of the device; set confirm=true to do it')

    result = dict(changed=True, action=action, waited=False)
    with client_from_module(module) as client:
        try:
            client.login()
            if action == 'update_software':
                update_software(module, client, result)
            elif not module.check_mode:
                path, body = ENDPOINTS[action]
                client.request('POST', path, body)
                if module.params['wait']:
                    client.wait_until_available(module.params['restart_timeout'])
                    result['waited'] = True
        except PolycomError as exc:
            module.fail_json(msg=str(exc), status=exc.status)
    module.exit_json(**result)


if __name__ == '__main__':
    main()
