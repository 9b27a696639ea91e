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
    C(docs/device-interfaces.md).
  - Any other setting can be given as a REST configuration variable in O(config) (C(POST /rest/config));
    every name is read first, and a name the system does not know fails the task before anything is written.
  - With O(restart=when_changed) the system restarts after a change (the guide's touch-monitor setup asks for it)
    and the module waits until it answers again.
author:
  - polycom.uc contributors (@polycom-uc)
extends_documentation_fragment:
  - polycom.uc.connection
  - polycom.uc.api_channel
  - polycom.uc.device_setup.restart_timeout
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

from ansible_collections.polycom.uc.plugins.module_utils.group_series import GS_SETTINGS, ConfigRun, UnknownVariables
from ansible_collections.polycom.uc.plugins.module_utils.module import PolycomModule
from ansible_collections.polycom.uc.plugins.module_utils.polycom_api import API_ARGSPEC, ApiError, session_from_module
from ansible_collections.polycom.uc.plugins.module_utils.polycom_rest import PolycomError


def argument_spec():
    spec = dict(API_ARGSPEC)
    spec.update(GS_SETTINGS.argument_spec())
    spec.update(config=dict(type='dict', default={}),
                restart=dict(type='str', choices=['never', 'when_changed'], default='never'))
    return spec


def main():
    module = PolycomModule(argument_spec(), shared=['restart_timeout'], supports_check_mode=True)
    params = module.params
    run = ConfigRun(params)
    module.fail_on_problems(run.problems)
    session = session_from_module(module) if run.channel_want else None
    result = dict(changed=False, changes=[], before={}, after={}, restarted=False, reboot_needed=False)
    with module.client() as client:
        try:
            diff = run.compare(client, session)
            restart = bool(diff.changes) and params['restart'] == 'when_changed'
            result.update(changed=bool(diff.changes), changes=diff.changed_paths, before=diff.before, after=diff.after, restarted=restart)
            if module._diff:
                result['diff'] = dict(before=diff.before, after=diff.after)
            if diff.changes and not module.check_mode:
                result['reboot_needed'] = run.write(client, session, diff.changes)
                if restart:
                    run.restart(client, session, params['restart_timeout'])
                    result['reboot_needed'] = False
        except UnknownVariables as exc:
            module.fail_json(msg=str(exc), unknown=exc.unknown)
        except (PolycomError, ApiError) as exc:
            module.fail_from_exception(exc, **result)
        finally:
            if session is not None:
                session.close()
    module.exit_json(**result)


if __name__ == '__main__':
    main()
