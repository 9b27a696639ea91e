#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ucs_phone_info
short_description: Gather identity and firmware facts from a Polycom UC Software phone over its REST API
version_added: 0.2.0
description:
  - Reads C(GET /api/v1/mgmt/device/info) of a VVX, SoundPoint IP or Trio phone on UC Software 5.x or later and
    returns model, MAC address, addresses and firmware in the shape every polycom.uc facts module returns
    (RV(device.family), RV(device.model), RV(device.serial), RV(device.mac_address), RV(device.firmware_version)), so
    M(polycom.uc.firmware_check) can compare it with a baseline.
  - One request per phone with HTTP Basic credentials; the phone's REST API has no sessions.
  - The REST API is off unless the phone's configuration sets C(apps.restapi.enabled="1"); a phone with the API
    off (or on firmware older than 5.x, such as UC Software 4.0.1) answers 404 and the task fails saying so. For such
    phones the firmware version reaches the provisioning share in their logs; see M(polycom.uc.ucs_share_info).
  - "What is known: the call, Basic authentication, the C(Status) codes and the field names are documented
    in the Poly voice REST API reference [doc]; the answer shapes come from public captures [capture]. Newer
    firmware may answer with a Digest challenge, which this module does not support yet."
author:
  - polycom.uc contributors (@polycom-uc)
extends_documentation_fragment:
  - polycom.uc.connection
attributes:
  check_mode:
    support: full
    description: Reads only; runs the same in check mode.
  diff_mode:
    support: none
    description: Nothing changes, so there is no diff.
options:
  username:
    description:
      - REST API user of the phone (UC Software default C(Polycom)).
      - Falls back to E(POLYCOM_PHONE_USERNAME) (not E(POLYCOM_USERNAME), which is the admin of Pano and Group Series).
    type: str
    default: Polycom
    aliases: [user]
  password:
    description:
      - REST API password of the phone (the factory default is C(456); change it in production).
      - Falls back to E(POLYCOM_PHONE_PASSWORD). Never shown in output or logs.
    type: str
  api_version:
    description:
      - Which version of the device info call to use. C(auto) asks v1 and, when v1 answers 404, v2
        (which reports the firmware as C(data.Firmware.Application)).
    type: str
    choices: [auto, v1, v2]
    default: auto
'''

EXAMPLES = r'''
- name: Read a phone's model and firmware
  polycom.uc.ucs_phone_info:
    host: "{{ ansible_host }}"
    password: "{{ vault_phone_rest_password }}"
    ca_path: /etc/pki/polycom/ca.pem
  register: phone

- name: Compare it with the estate's baseline
  polycom.uc.firmware_check:
    device: "{{ phone.device }}"
    baseline: "{{ polycom_firmware_baseline }}"
'''

RETURN = r'''
device:
  description: Identity of the phone, in the shape every polycom.uc facts module returns.
  returned: success
  type: dict
  contains:
    family:
      description: Device family, always C(phone).
      type: str
      sample: phone
    model:
      description: Model as the phone reports it (C(data.ModelNumber)).
      type: str
      sample: VVX 500
    serial:
      description: Serial number; Polycom phones use their MAC address as serial number.
      type: str
      sample: 0004f2a1b2c3
    mac_address:
      description: MAC address, 12 lower-case hex digits.
      type: str
      sample: 0004f2a1b2c3
    firmware_version:
      description: Firmware version, numeric part only, for version comparison.
      type: str
      sample: 5.9.7.3480
    software_version:
      description: Firmware release as the phone reports it.
      type: str
      sample: 5.9.7.3480
    ipv4_address:
      description: IPv4 address the phone reports.
      type: str
    ipv6_address:
      description: IPv6 address the phone reports, when it does.
      type: str
    vendor:
      description: Vendor the phone reports (C(data.DeviceVendor)).
      type: str
      sample: Polycom
    api_version:
      description: The API version that answered, C(v1) or C(v2).
      type: str
      sample: v1
'''

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.polycom.uc.plugins.module_utils.firmware import parse_version
from ansible_collections.polycom.uc.plugins.module_utils.polycom_rest import (
    CONNECTION_ARGSPEC, PolycomAuthError, PolycomError, client_from_module, set_env_fallback,
)

INFO_PATHS = {'v1': '/api/v1/mgmt/device/info', 'v2': '/api/v2/mgmt/device/info'}
API_STATUS = {
    '4000': 'invalid input parameters',
    '4001': 'device busy, try again later',
    '4003': 'operation not allowed',
    '4004': 'operation not supported',
    '4009': 'input size limit exceeded',
    '4010': 'the default password is not allowed; change the phone password',
    '5000': 'the phone failed to process the request',
}


def read_info(client, api_version):
    """(version, data) of the first info call that answers; 404 on every one means the API is off."""
    versions = ['v1', 'v2'] if api_version == 'auto' else [api_version]
    for version in versions:
        try:
            answer = client.request('GET', INFO_PATHS[version])
        except PolycomAuthError:
            raise
        except PolycomError as exc:
            if exc.status == 404 and version != versions[-1]:
                continue
            if exc.status == 404:
                raise PolycomError('%s answers 404 to %s: the REST API is disabled (set apps.restapi.enabled="1" in the phone '
                                   'configuration) or the firmware predates UC Software 5.x' % (client.base_url, INFO_PATHS[version]),
                                   status=404, answer=exc.answer)
            raise
        status = str((answer or {}).get('Status', ''))
        if status != '2000':
            raise PolycomError('%s answered Status %s to %s: %s' % (
                client.base_url, status or '(none)', INFO_PATHS[version], API_STATUS.get(status, 'unexpected answer')),
                answer=answer)
        return version, answer.get('data') or {}
    raise PolycomError('no API version to ask')  # pragma: no cover - versions is never empty


def device_facts(version, data):
    mac = (data.get('MACAddress') or '').replace(':', '').replace('-', '').lower()
    release = data.get('FirmwareRelease') or (data.get('Firmware') or {}).get('Application')
    return dict(
        family='phone',
        model=data.get('ModelNumber'),
        serial=mac or None,
        mac_address=mac,
        firmware_version=parse_version(release),
        software_version=release,
        ipv4_address=data.get('IPV4Address'),
        ipv6_address=data.get('IPV6Address'),
        vendor=data.get('DeviceVendor'),
        api_version=version,
    )


def main():
    argument_spec = dict(CONNECTION_ARGSPEC)
    argument_spec.update(
        username=dict(type='str', default='Polycom', aliases=['user'], fallback=(set_env_fallback, ['POLYCOM_PHONE_USERNAME'])),
        password=dict(type='str', no_log=True, fallback=(set_env_fallback, ['POLYCOM_PHONE_PASSWORD'])),
        api_version=dict(type='str', default='auto', choices=['auto', 'v1', 'v2']),
    )
    module = AnsibleModule(argument_spec=argument_spec, supports_check_mode=True)
    with client_from_module(module, auth='basic') as client:
        try:
            version, data = read_info(client, module.params['api_version'])
        except PolycomError as exc:
            module.fail_json(msg=str(exc), status=exc.status)
    module.exit_json(changed=False, device=device_facts(version, data))


if __name__ == '__main__':
    main()
