#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: group_series_config
short_description: Set monitor profiles, system name and configuration of a RealPresence Group Series idempotently
version_added: 0.1.0
description:
  - Reads the managed values, compares them with the options given and writes only the difference.
    Options left out are not managed.
  - Monitor profiles, system name and dual monitor go over the API command channel (SSH by default, telnet as an
    option; C(configpresentation), C(systemname), C(dualmonitor)), one session per run. Written values are read back.
  - Monitor profiles are given in the web interface's words, as the Pano Administrator Guide prints them
    (C(Far, then Near), C(Content, then Far), C(Content, then Far, then Near)), or as the command channel's values
    (C(near-or-far), C(content-or-far), C(all), ...). The mapping and how well each entry is known are listed in
    C(plugins/module_utils/group_series.py).
  - Any other setting can be given as a REST configuration variable in O(config) (C(POST /rest/config));
    every name is read first, and a name the system does not know fails the task before anything is written.
  - With O(restart=when_changed) the system restarts after a change (the guide's touch-monitor setup asks for it)
    and the module waits until it answers again.
author:
  - polycom.uc contributors (@polycom-uc)
extends_documentation_fragment:
  - polycom.uc.connection
  - polycom.uc.api_channel
attributes:
  check_mode:
    support: full
    description: Reads the system and predicts the exact change (and restart); writes nothing.
  diff_mode:
    support: full
    description: Shows before and after of the managed values.
options:
  system_name:
    description:
      - System name, 1 to 64 characters, without double quotes or line breaks.
    type: str
  monitor_profiles:
    description:
      - Monitor profiles (Admin Settings > Audio/Video > Monitors > Monitor Profile).
      - Each value is the web interface's words (case and punctuation do not matter) or the command channel's value
        C(near), C(far), C(content), C(near-or-far), C(content-or-near), C(content-or-far), C(all), C(none).
    type: dict
    suboptions:
      monitor1:
        description:
          - Monitor 1, for example C(Far, then Near) (C(near-or-far)).
        type: str
      monitor2:
        description:
          - Monitor 2, for example C(Content, then Far) (C(content-or-far)).
        type: str
  dual_monitor:
    description:
      - The C(dualmonitor) setting (dual monitor emulation).
    type: bool
  config:
    description:
      - REST configuration variables, name to value (for example C(system.network.hostname)). Values are compared and
        written as strings; booleans become C(true)/C(false). Values appear in the diff, so keep secrets out of here.
    type: dict
    default: {}
  restart:
    description:
      - C(when_changed) restarts the system after this run changed something (C(reboot now) on the command channel,
        or C(POST /rest/system/reboot) when only REST variables changed) and waits until it answers again.
    type: str
    choices: [never, when_changed]
    default: never
  restart_timeout:
    description:
      - Seconds to wait for the system to answer again after a restart.
    type: int
    default: 300
'''

EXAMPLES = r'''
- name: Two-monitor Pano room (guide, non-touch setup)
  polycom.uc.group_series_config:
    host: "{{ group_series_host }}"
    password: "{{ vault_group_series_password }}"
    ca_path: /etc/pki/polycom/ca.pem
    api_known_hosts: /etc/ssh/polycom_known_hosts
    monitor_profiles:
      monitor1: Far, then Near
      monitor2: Content, then Far

- name: Touch-monitor room; the guide restarts the system after the change
  polycom.uc.group_series_config:
    host: 10.0.0.5
    password: "{{ vault_group_series_password }}"
    api_transport: telnet
    monitor_profiles:
      monitor1: Content, then Far, then Near
    restart: when_changed

- name: System name and a REST variable
  polycom.uc.group_series_config:
    host: 10.0.0.5
    password: "{{ vault_group_series_password }}"
    api_known_hosts: /etc/ssh/polycom_known_hosts
    system_name: Boardroom 4.12
    config:
      system.network.hostname: gs-boardroom-412
'''

RETURN = r'''
changes:
  description: The managed values that differ (would differ in check mode).
  returned: always
  type: list
  elements: str
  sample: [monitor_profiles.monitor1, config.system.network.hostname]
before:
  description: The managed values as the system had them; monitor profiles as command-channel values.
  returned: always
  type: dict
  sample: {monitor_profiles: {monitor1: near, monitor2: content}}
after:
  description: The managed values as the run leaves them (would leave them in check mode).
  returned: always
  type: dict
  sample: {monitor_profiles: {monitor1: near-or-far, monitor2: content-or-far}}
restarted:
  description: Whether the system restarted (or would, in check mode).
  returned: always
  type: bool
reboot_needed:
  description: Whether the system reported after the REST write that it needs a restart to apply it.
  returned: always
  type: bool
'''

import re

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.six import string_types
from ansible_collections.polycom.uc.plugins.module_utils.group_series import profile_choices, profile_value
from ansible_collections.polycom.uc.plugins.module_utils.polycom_api import (
    API_ARGSPEC, ApiError, parse_dualmonitor, parse_presentation, parse_systemname, quote, session_from_module,
)
from ansible_collections.polycom.uc.plugins.module_utils.polycom_rest import (
    CONNECTION_ARGSPEC, PolycomError, client_from_module,
)

MONITORS = ('monitor1', 'monitor2')


def desired_values(params):
    """Validate the options; return ({key: value}, problems). Keys: system_name, monitor1, monitor2, dual_monitor, config.<name>."""
    desired, problems = {}, []
    name = params.get('system_name')
    if name is not None:
        if not 1 <= len(name) <= 64 or re.search(r'["\r\n]', name):
            problems.append('system_name: must be 1 to 64 characters without double quotes or line breaks, got %r' % name)
        else:
            desired['system_name'] = name
    for monitor, text in sorted((params.get('monitor_profiles') or {}).items()):
        if text is None:
            continue
        value = profile_value(text)
        if value is None:
            problems.append('monitor_profiles.%s: %r is not a monitor profile; allowed: %s' % (monitor, text, ', '.join(profile_choices())))
        else:
            desired[monitor] = value
    if params.get('dual_monitor') is not None:
        desired['dual_monitor'] = bool(params['dual_monitor'])
    for var, value in sorted((params.get('config') or {}).items()):
        if not isinstance(var, string_types) or not re.match(r'^[A-Za-z0-9_.-]+$', var):
            problems.append('config: %r is not a variable name (letters, digits, dots, dashes, underscores)' % (var,))
        elif isinstance(value, bool):
            desired['config.' + var] = 'true' if value else 'false'
        elif isinstance(value, (string_types, int, float)):
            desired['config.' + var] = str(value)
        else:
            problems.append('config.%s: must be a string, number or boolean, got %s' % (var, type(value).__name__))
    return desired, problems


def user_view(values):
    view = {}
    for key, value in values.items():
        if key in MONITORS:
            view.setdefault('monitor_profiles', {})[key] = value
        elif key.startswith('config.'):
            view.setdefault('config', {})[key[len('config.'):]] = value
        else:
            view[key] = value
    return view


def change_path(key):
    return 'monitor_profiles.' + key if key in MONITORS else key


def read_api(session, desired):
    current = {}
    if 'system_name' in desired:
        current['system_name'] = parse_systemname(session.command('systemname get'))
    for monitor in MONITORS:
        if monitor in desired:
            current[monitor] = parse_presentation(session.command('configpresentation %s get' % monitor), monitor)
    if 'dual_monitor' in desired:
        current['dual_monitor'] = parse_dualmonitor(session.command('dualmonitor get'))
    return current


def write_api(session, changes):
    if 'system_name' in changes:
        session.command('systemname set %s' % quote(changes['system_name']))
    if 'dual_monitor' in changes:
        session.command('dualmonitor %s' % ('yes' if changes['dual_monitor'] else 'no'))
    monitors = [m for m in MONITORS if m in changes]
    if monitors:
        session.command('configpresentation ' + ' '.join('%s %s' % (m, quote(changes[m])) for m in monitors))
    written = dict((k, v) for k, v in changes.items() if not k.startswith('config.'))
    read_back = read_api(session, written)
    wrong = sorted(k for k in written if read_back.get(k) != written[k])
    if wrong:
        raise ApiError('the system accepted but does not show: %s' % ', '.join(
            '%s=%r (reads %r)' % (change_path(k), written[k], read_back.get(k)) for k in wrong))


def main():
    argument_spec = dict(CONNECTION_ARGSPEC)
    argument_spec.update(API_ARGSPEC)
    argument_spec.update(
        system_name=dict(type='str'),
        monitor_profiles=dict(type='dict', options=dict(monitor1=dict(type='str'), monitor2=dict(type='str'))),
        dual_monitor=dict(type='bool'),
        config=dict(type='dict', default={}),
        restart=dict(type='str', choices=['never', 'when_changed'], default='never'),
        restart_timeout=dict(type='int', default=300),
    )
    module = AnsibleModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    desired, problems = desired_values(params)
    if problems:
        module.fail_json(msg='invalid settings: ' + '; '.join(problems), problems=problems)

    api_keys = dict((k, v) for k, v in desired.items() if not k.startswith('config.'))
    rest_keys = dict((k[len('config.'):], v) for k, v in desired.items() if k.startswith('config.'))
    session = session_from_module(module) if api_keys else None
    result = dict(changed=False, changes=[], before={}, after={}, restarted=False, reboot_needed=False)
    with client_from_module(module) as client:
        try:
            current = {}
            if rest_keys:
                values = client.read_config(sorted(rest_keys))
                unknown = sorted(name for name in rest_keys if name not in values)
                if unknown:
                    module.fail_json(msg='config: the system has no readable variable %s; nothing was written' % ', '.join(unknown),
                                     unknown=unknown)
                current.update(('config.' + name, value) for name, value in values.items())
            if session is not None:
                session.open()
                current.update(read_api(session, api_keys))
            changes = dict((k, v) for k, v in desired.items() if current.get(k) != v)
            before = user_view(dict((k, current.get(k)) for k in desired))
            after = user_view(desired)
            restart = bool(changes) and params['restart'] == 'when_changed'
            result.update(changed=bool(changes), changes=sorted(change_path(k) for k in changes), before=before, after=after,
                          restarted=restart)
            if module._diff:
                result['diff'] = dict(before=before, after=after)
            if changes and not module.check_mode:
                rest_changes = dict((k[len('config.'):], v) for k, v in changes.items() if k.startswith('config.'))
                if rest_changes:
                    answer = client.write_config(rest_changes)
                    result['reboot_needed'] = bool(answer.get('rebootNeeded'))
                if session is not None and any(not k.startswith('config.') for k in changes):
                    write_api(session, changes)
                if restart:
                    if session is not None:
                        session.reboot()
                    else:
                        client.request('POST', '/rest/system/reboot', {'action': 'reboot'})
                    client.wait_until_available(params['restart_timeout'])
                    result['reboot_needed'] = False
        except (PolycomError, ApiError) as exc:
            module.fail_json(msg=str(exc), **result)
        finally:
            if session is not None:
                session.close()
    module.exit_json(**result)


if __name__ == '__main__':
    main()
