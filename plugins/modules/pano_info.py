#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: pano_info
short_description: Gather facts from a Polycom Pano
version_added: 0.1.0
description:
  - Returns identity and state of a Pano (model, serial, software and hardware version, MAC, addresses,
    device and room name, setup, cloud and pairing state), and on request every setting in the shape
    M(polycom.uc.pano_settings) takes, so the output can be fed back or compared.
  - The firmware version is also returned normalised (C(firmware_version)) for comparison as a version.
  - Costs three requests (login, one read, logout), four with O(gather_settings).
  - The REST convention for the Pano is inferred; see M(polycom.uc.pano_settings).
author:
  - polycom.uc contributors (@polycom-uc)
extends_documentation_fragment:
  - polycom.uc.connection
  - polycom.uc.device_setup.initial_password
attributes:
  check_mode:
    support: full
    description: Reads only; runs the same in check mode.
  diff_mode:
    support: none
    description: Nothing changes, so there is no diff.
options:
  gather_settings:
    description:
      - Also read every setting and return it as RV(settings).
    type: bool
    default: false
'''

EXAMPLES = r'''
- name: Read a Pano's identity and settings
  polycom.uc.pano_info:
    host: "{{ ansible_host }}"
    password: "{{ vault_pano_admin_password }}"
    gather_settings: true
  register: pano

- name: Show its firmware
  ansible.builtin.debug:
    msg: "{{ pano.device.model }} {{ pano.device.serial }} runs {{ pano.device.firmware_version }}"
'''

RETURN = r'''
device:
  description: Identity and state of the device, in the shape every polycom.uc facts module returns.
  returned: always
  type: dict
  contains:
    family:
      description: Device family.
      type: str
      sample: pano
    model:
      description: Model name.
      type: str
      sample: Polycom Pano
    serial:
      description: Serial number.
      type: str
    mac_address:
      description: MAC address, 12 lower-case hex digits.
      type: str
      sample: 00e0db4c1a2b
    firmware_version:
      description: Software version, numeric part only, for version comparison.
      type: str
      sample: 1.1.2.1007
    software_version:
      description: Software version as the device reports it.
      type: str
    hardware_version:
      description: Hardware version.
      type: str
    ipv4_address:
      description: Current IPv4 address.
      type: str
    ipv6_address:
      description: Current IPv6 address, empty when IPv6 is off.
      type: str
    device_name:
      description: Device name.
      type: str
    room_name:
      description: Room name.
      type: str
    setup_state:
      description: C(complete), or C(pending) while the setup wizard has not been run.
      type: str
    cloud_registered:
      description: Whether the device is registered with the Polycom Cloud Service.
      type: bool
    pairing_state:
      description: C(unpaired), C(connected) or C(paired) with a video system.
      type: str
    factory_credentials:
      description: Whether the login needed the factory password.
      type: bool
settings:
  description: Every readable setting, shaped like the options of M(polycom.uc.pano_settings).
  returned: when O(gather_settings=true)
  type: dict
  sample: {general: {room_name: Huddle 4.12}, network: {dhcp: true, icmp_rate_limit: 1000}}
'''

from ansible_collections.polycom.uc.plugins.module_utils.module import PolycomModule
from ansible_collections.polycom.uc.plugins.module_utils.pano import PANO_SETTINGS, credential_candidates, system_facts
from ansible_collections.polycom.uc.plugins.module_utils.polycom_rest import PolycomError


def main():
    module = PolycomModule(dict(gather_settings=dict(type='bool', default=False)), shared=['initial_password'], supports_check_mode=True)
    params = module.params
    result = dict(changed=False)
    with module.client() as client:
        try:
            client.login_first(credential_candidates(params))
            factory = client.password == params['initial_password'] != params['password']
            result['device'] = system_facts(client.get_system(), factory=factory)
            if params['gather_settings']:
                result['settings'] = PANO_SETTINGS.to_user(client.read_config(PANO_SETTINGS.readable_names()))
        except PolycomError as exc:
            module.fail_from_exception(exc)
    module.exit_json(**result)


if __name__ == '__main__':
    main()
