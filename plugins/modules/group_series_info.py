#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: group_series_info
short_description: Read a RealPresence Group Series system and whether a Pano can pair with it
version_added: 0.1.0
description:
  - Reads the model, serial number, software version and system name of a Polycom RealPresence Group Series
    (or Centro) system over its REST API (one login, one C(GET /rest/system), one logout), its monitor profiles
    and dual-monitor setting over the API command channel (one session), and optionally REST configuration variables.
  - Says whether the system is one the Pano Administrator Guide lists for pairing (Group 310, 500, 550, 700 or Centro,
    software 6.0 or later; versions compared numerically, so 6.10 is later than 6.9).
  - What is documented, captured or inferred about these interfaces is listed in C(docs/device-interfaces.md).
  - With O(minimum_version) it asserts the software version; it never updates the software (not supported, see there).
author:
  - polycom.uc contributors (@polycom-uc)
extends_documentation_fragment:
  - polycom.uc.connection
  - polycom.uc.api_channel
attributes:
  check_mode:
    support: full
    description: Reads only.
  diff_mode:
    support: none
    description: Reads only.
options:
  gather_subset:
    description:
      - What to read. C(system) reads identity and support over REST; C(monitors) reads the monitor profiles and
        dual monitor over the command channel (and identity from its banner when C(system) is not gathered).
    type: list
    elements: str
    choices: [system, monitors]
    default: [system, monitors]
  config_names:
    description:
      - REST configuration variables to read as well (for example C(system.network.hostname)); needs C(system) in
        O(gather_subset). Unreadable names are left out of RV(config) and listed in RV(unreadable).
    type: list
    elements: str
    default: []
  minimum_version:
    description:
      - Fail unless the system runs this software version or later (compared as versions, so 6.10 is later than 6.9),
        with a message that says from what to what.
      - A version with its build, such as C(6.2.2.2-4711), is compared to the build too (6.2.2.2-4700 is below it; a system
        that prints no build cannot be checked against it and fails saying so). Without a build, every build of that
        version meets it.
      - When the command channel (or REST) fails after REST has reported the version, the failure's C(msg) also says whether
        that version meets O(minimum_version), and RV(version_ok) is set; when no version was read before the failure,
        RV(version_ok) is null and C(msg) says the check could not be made.
      - "This is the collection's whole support for Group Series software updates: no public document or capture shows
        an interface that starts one (the Integrator Reference Guide's command channel reads C(version) only), so the module
        checks and says so; update at the system or from RealPresence Resource Manager. See C(docs/drift.md)."
    type: str
'''

EXAMPLES = r'''
- name: Is the room's video system one a Pano can pair with?
  polycom.uc.group_series_info:
    host: "{{ group_series_host }}"
    password: "{{ vault_group_series_password }}"
    ca_path: /etc/pki/polycom/ca.pem
    gather_subset: [system]
  register: video_system

- name: Refuse unsupported systems
  ansible.builtin.assert:
    that: video_system.device.pairing_supported
    fail_msg: "{{ video_system.device.unsupported_reasons | join('; ') }}"

- name: Fail unless the video system runs 6.2.2 or later (updates are not supported; this only checks)
  polycom.uc.group_series_info:
    host: "{{ group_series_host }}"
    password: "{{ vault_group_series_password }}"
    gather_subset: [system]
    minimum_version: 6.2.2

- name: Monitor profiles over telnet
  polycom.uc.group_series_info:
    host: 10.0.0.5
    password: "{{ vault_group_series_password }}"
    api_transport: telnet
    gather_subset: [monitors]
'''

RETURN = r'''
device:
  description: Identity of the system and whether Pano can pair with it.
  returned: always
  type: dict
  contains:
    family:
      description: Device family.
      type: str
      sample: group_series
    model:
      description: Model as the system reports it (REST), or as the banner prints it.
      type: str
      sample: RealPresence Group 500
    serial:
      description: Serial number.
      type: str
    software_version:
      description: Software version as reported.
      type: str
      sample: Release - 6.2.2.8-670021
    firmware_version:
      description: Numeric software version, for comparisons.
      type: str
      sample: 6.2.2.8
    system_name:
      description: System name.
      type: str
    reboot_needed:
      description: Whether the system waits for a restart to apply settings (REST only; null from the banner).
      type: bool
    pairing_supported:
      description: Whether the Pano guide lists this model and software version for pairing.
      type: bool
    unsupported_reasons:
      description: Why not, when not.
      type: list
      elements: str
monitor_profiles:
  description: Monitor profiles as command-channel values (accepted as they are by M(polycom.uc.group_series_config)).
  returned: when C(monitors) is gathered
  type: dict
  sample: {monitor1: near-or-far, monitor2: content-or-far}
monitor_profile_labels:
  description: The same profiles in the web interface's words.
  returned: when C(monitors) is gathered
  type: dict
  sample: {monitor1: Far, then Near, monitor2: Content, then Far}
dual_monitor:
  description: The C(dualmonitor) setting.
  returned: when C(monitors) is gathered
  type: bool
config:
  description: The readable variables of O(config_names).
  returned: when O(config_names) is given
  type: dict
  sample: {system.network.hostname: gs-room-4}
version_ok:
  description:
    - Whether the system runs O(minimum_version) or later (the task fails when not).
    - Null when the check could not be made (the task failed before any software version was read).
  returned: when O(minimum_version) is given
  type: bool
unreadable:
  description: Names of O(config_names) the system did not answer with a value.
  returned: when O(config_names) is given
  type: list
  elements: str
'''

from ansible_collections.polycom.uc.plugins.module_utils.firmware import parse_version
from ansible_collections.polycom.uc.plugins.module_utils.group_series import read_monitors, read_system, system_facts, version_check
from ansible_collections.polycom.uc.plugins.module_utils.module import PolycomModule
from ansible_collections.polycom.uc.plugins.module_utils.polycom_api import API_ARGSPEC, ApiError, session_from_module
from ansible_collections.polycom.uc.plugins.module_utils.polycom_rest import PolycomError


def argument_spec():
    spec = dict(API_ARGSPEC)
    spec.update(gather_subset=dict(type='list', elements='str', choices=['system', 'monitors'], default=['system', 'monitors']),
                config_names=dict(type='list', elements='str', default=[]),
                minimum_version=dict(type='str'))
    return spec


def gather(module, subset):
    """The facts of ``subset``: REST first (identity, variables), then the command channel (monitors)."""
    result = dict(changed=False)
    try:
        if 'system' in subset:
            with module.client() as client:
                result.update(read_system(client, module.params['config_names']))
        if 'monitors' in subset:
            with session_from_module(module) as session:
                if 'system' not in subset:
                    result['device'] = system_facts(session.banner)
                result.update(read_monitors(session))
    except (PolycomError, ApiError) as exc:
        return result, exc
    return result, None


def main():
    module = PolycomModule(argument_spec(), supports_check_mode=True)
    params = module.params
    subset = set(params['gather_subset'])
    if params['config_names'] and 'system' not in subset:
        module.fail_json(msg='config_names: reading REST variables needs "system" in gather_subset (allowed: system, monitors)')
    minimum = params['minimum_version']
    if minimum is not None and not parse_version(minimum):
        module.fail_json(msg='minimum_version: %r is not a version such as 6.2.2' % minimum)
    result, fault = gather(module, subset)
    problem = None
    if minimum is not None:  # also after a fault: what REST reported is checked, or the result says it could not be
        result['version_ok'], problem = version_check(result.get('device'), minimum)
    if fault is not None:
        met = minimum is not None and problem is None
        module.fail_from_exception(fault, suffix='minimum_version %s: met by the software the system reported (%s)' % (
            minimum, result['device']['software_version']) if met else problem, **result)
    if problem:
        module.fail_json(msg=problem, **result)
    module.exit_json(**result)


if __name__ == '__main__':
    main()
