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
  - With O(lines) (the default) also C(GET /api/v1/mgmt/lineInfo), the Lync guide's last step ("Menu > Status >
    Lines") read live - RV(device.lines), one entry per line with its address and registration status.
  - With O(parameters), the running value of each named parameter and where it comes from (C(POST
    /api/v1/mgmt/config/get), its C(Source)), in requests of at most 20 names, so drift can compare what the phone
    runs with what the repository renders and the share holds. Secret parameters (password, key) come back masked.
  - One request per call with HTTP Basic credentials; the phone's REST API has no sessions. A busy phone (Status
    C(4001)) is asked again with backoff, up to O(retries) times; 503 and dropped connections are retried by the
    shared client.
  - The REST API is off unless the phone's configuration sets C(apps.restapi.enabled="1"); a phone with the API
    off (or on firmware older than 5.x, such as UC Software 4.0.1) answers 404 and the task fails saying so. For such
    phones the firmware version reaches the provisioning share in their logs; see M(polycom.uc.ucs_share_info).
  - "What is known: the calls, Basic authentication, the C(Status) codes and the 20-parameter limit are documented
    in the Poly UC Software REST API reference [doc]; lineInfo and the answer shapes come from public captures
    [capture] (the calls with their sources: docs/device-interfaces.md). Newer firmware may answer with a Digest
    challenge, which this module does not support yet."
author:
  - polycom.uc contributors (@polycom-uc)
extends_documentation_fragment:
  - polycom.uc.connection.phone
  - polycom.uc.connection
attributes:
  check_mode:
    support: full
    description: Reads only; runs the same in check mode.
  diff_mode:
    support: none
    description: Nothing changes, so there is no diff.
options:
  api_version:
    description:
      - Which version of the device info call to use. C(auto) asks v1 and, when v1 answers 404, v2
        (which reports the firmware as C(data.Firmware.Application)).
    type: str
    choices: [auto, v1, v2]
    default: auto
  lines:
    description:
      - Also read the phone's line registration (C(GET /api/v1/mgmt/lineInfo)) into RV(device.lines).
      - A phone whose firmware does not serve lineInfo (404) leaves RV(device.lines) null, with a warning.
    type: bool
    default: true
  parameters:
    description:
      - Names of configuration parameters whose running value and source to return in RV(parameters).
      - Names are checked before any request (letters, digits, C(.), C(_), C(-)).
      - Asked in requests of at most 20 names, the phone's limit.
    type: list
    elements: str
    default: []
'''

EXAMPLES = r'''
- name: Read a phone's model and firmware
  polycom.uc.ucs_phone_info:
    host: "{{ ansible_host }}"
    password: "{{ vault_phone_rest_password }}"
    ca_path: /etc/pki/polycom/ca.pem
  register: phone

- name: Read line registration and where two parameters come from
  polycom.uc.ucs_phone_info:
    host: "{{ ansible_host }}"
    password: "{{ vault_phone_rest_password }}"
    parameters: [reg.1.address, voIpProt.server.1.transport]
  register: phone

- name: Line 1 must be registered
  ansible.builtin.assert:
    that: phone.device.lines | selectattr('line', 'equalto', 1) | map(attribute='registered') | first

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
    lines:
      description:
        - The phone's lines as lineInfo reports them (Menu > Status > Lines), by line number.
        - Null when O(lines=false) or the firmware does not serve lineInfo.
      type: list
      elements: dict
      returned: when O(lines=true)
      contains:
        line:
          description: Line number (C(LineNumber)).
          type: int
          sample: 1
        address:
          description: The line's SIP address as the phone reports it (C(SIPAddress)).
          type: str
          sample: sip:jsmith@example.com
        status:
          description: Registration status in lower case (C(RegistrationStatus)), for example C(registered) or C(unregistered).
          type: str
          sample: registered
        registered:
          description: Whether the line is registered.
          type: bool
          sample: true
        user_id:
          description: The line's user ID (C(UserID)).
          type: str
        label:
          description: The line's label (C(Label)).
          type: str
        proxy:
          description: The proxy or registrar the line uses (C(ProxyAddress)).
          type: str
parameters:
  description:
    - The running value and source of every parameter named in O(parameters) that the phone answered; a name the
      phone does not answer is left out, with a warning.
    - "C(source) is the phone's C(Source): C(default) (no configuration sets it), C(configFile) (a file on the
      provisioning server), C(web) (the web utility or REST), C(local) (the phone's menu), C(device) (device settings)."
    - Values of secret parameters (names with password, passwd, secret or ending in .key) are C(********).
  returned: success
  type: dict
  sample:
    reg.1.address:
      value: sip:jsmith@example.com
      source: configFile
'''

from ansible_collections.polycom.uc.plugins.module_utils.module import PolycomModule
from ansible_collections.polycom.uc.plugins.module_utils.polycom_rest import PolycomError
from ansible_collections.polycom.uc.plugins.module_utils.ucs_lync import PARAM_NAME
from ansible_collections.polycom.uc.plugins.module_utils.ucs_rest import (
    config_get, device_facts, masked_config, phone_argument_spec, read_device, read_lines,
)


def bad_names(names):
    return [name for name in names if not isinstance(name, str) or not PARAM_NAME.match(name)]


def main():
    argument_spec = phone_argument_spec(
        api_version=dict(type='str', default='auto', choices=['auto', 'v1', 'v2']),
        lines=dict(type='bool', default=True),
        parameters=dict(type='list', elements='str', default=[]),
    )
    module = PolycomModule(argument_spec, connection=False, supports_check_mode=True)
    names = module.params['parameters']
    wrong = bad_names(names)
    if wrong:
        module.fail_json(msg='parameters: %s is not a UC Software parameter name (letters, digits, ".", "_" and "-", '
                             'starting with a letter or "_")' % ', '.join(repr(name) for name in wrong))
    busy = module.params['retries']
    warnings = []
    with module.client(auth='basic') as client:
        try:
            version, data = read_device(client, module.params['api_version'], busy_retries=busy)
            lines = read_lines_or_warn(client, busy, warnings) if module.params['lines'] else None
            values = config_get(client, names, busy_retries=busy) if names else {}
        except PolycomError as exc:
            module.fail_from_exception(exc)
    missing = sorted(set(names) - set(values))
    if missing:
        warnings.append('the phone answered no value for %s' % ', '.join(missing))
    for warning in warnings:
        module.warn(warning)
    module.exit_json(changed=False, device=device_facts(version, data, lines), parameters=masked_config(values))


def read_lines_or_warn(client, busy, warnings):
    """The phone's lines; a firmware without lineInfo (404) leaves them unknown (None) with a warning."""
    try:
        return read_lines(client, busy_retries=busy)
    except PolycomError as exc:
        if exc.status != 404:
            raise
        warnings.append('%s does not serve lineInfo (404): line registration unknown' % client.base_url)
        return None


if __name__ == '__main__':
    main()
