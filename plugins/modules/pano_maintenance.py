#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: pano_maintenance
short_description: Restart a Polycom Pano or delete all its settings
version_added: 0.1.0
description:
  - O(action=restart) restarts the Pano (Diagnostics > System Reset > Restart in the web interface).
  - O(action=delete_all_settings) deletes every setting except the software version and the logs; the device
    restarts into the setup wizard with the factory admin password (Reset All System Configurations).
    It is destructive, so it runs only with O(confirm=true).
  - These are actions, not states. Each run that is not in check mode performs the action and reports a change;
    check mode reports the change without doing it.
  - The REST endpoints are this collection's inferred convention; see M(polycom.uc.pano_settings).
author:
  - polycom.uc contributors (@polycom-uc)
extends_documentation_fragment:
  - polycom.uc.connection
attributes:
  check_mode:
    support: full
    description: Logs in to check the credentials, then reports the action without performing it.
  diff_mode:
    support: none
    description: Actions have no before/after.
options:
  action:
    description:
      - What to do.
    type: str
    required: true
    choices: [restart, delete_all_settings]
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
'''

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.polycom.uc.plugins.module_utils.polycom_rest import (
    CONNECTION_ARGSPEC, PolycomError, client_from_module,
)

ENDPOINTS = dict(
    restart=('/rest/system/reboot', {'action': 'reboot'}),
    delete_all_settings=('/rest/system/reset', {'action': 'deleteAllSettings'}),
)


def main():
    argument_spec = dict(CONNECTION_ARGSPEC)
    argument_spec.update(action=dict(type='str', required=True, choices=list(ENDPOINTS)),
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
            if not module.check_mode:
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
