#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ucs_phone_config
short_description: Set configuration parameters on one Polycom UC Software phone over its REST API, idempotently
version_added: 0.3.0
description:
  - The Lync guide's Web Configuration Utility path (fewer than 20 phones, one phone at a time) done as code, for
    phones on UC Software 5.x or later with the REST API on (C(apps.restapi.enabled="1")).
  - Reads the running value of every parameter in O(parameters) (C(POST /api/v1/mgmt/config/get)), compares, and
    writes only the parameters whose value differs (C(POST /api/v1/mgmt/config/set)), in requests of at most 20
    parameters (the phone answers Status C(4009) to more). A second run reports no change and writes nothing.
  - Every value is checked before any request against the same Lync catalogue the provisioning share is written and
    read with (the guide's Tables 2-5 and their UC Software neighbours). A value outside a parameter's permitted
    values or range, a malformed host, SIP URI or certificate, or a name that is no plausible UC Software parameter
    fails the task naming the parameter and what is allowed, and nothing is sent. A plausible name outside the
    guide's tables is a warning.
  - Values of secret parameters (names with password, passwd, secret or ending in .key) are compared but never shown,
    not in RV(diff), RV(parameters), messages, warnings or the module invocation at C(-vvvv).
  - A busy phone (Status C(4001)) is asked again with backoff, up to O(retries) times; 503 and dropped connections
    are retried by the shared client; any other Status fails the task with the code's meaning. When a later request
    of a write fails, the message says how many parameters earlier requests applied.
  - After writing, the written parameters are read back; a phone that answers another value fails the task.
  - Parameters the phone reads at boot (registration, server, transport) take effect after a restart; the phone
    keeps REST changes like web utility changes (C(Source) C(web)), above the provisioning files. To roll changed
    files out to many phones, use the role P(polycom.uc.lync_provisioning#role) instead.
  - "What is known: the calls, the 20-parameter limit and the Status codes are documented in the Poly UC Software
    REST API reference [doc]; the answer shapes are [capture]; the answer to a refused value (Status 4000, nothing
    applied) is [inferred]. The calls with their sources: docs/device-interfaces.md."
author:
  - polycom.uc contributors (@polycom-uc)
extends_documentation_fragment:
  - polycom.uc.connection.phone
  - polycom.uc.connection
attributes:
  check_mode:
    support: full
    description: Reads the running values and reports exactly which parameters a real run would write; writes nothing.
  diff_mode:
    support: full
    description: Before and after of every parameter that changes; secrets masked.
options:
  parameters:
    description:
      - "UC Software parameters to set, as C(name: value); booleans become C(1) / C(0), numbers their text."
      - An empty value C("") clears the parameter, whatever its kind. It is Null, UC Software's "not set", so the firmware
        default applies again. It counts as met when the phone answers an empty value or C(Source) C(default), so a
        parameter that nothing sets is not written. See C(docs/phones-rest.md).
      - Only these parameters (and O(secret_parameters)) are read and, where they differ, written; the phone's other
        parameters are left alone.
      - A secret parameter given here is still never shown in the result, but Ansible's own log line of the module's
        arguments (syslog/journal of the host that runs the module) sees it; give secrets in O(secret_parameters).
    type: dict
    default: {}
  secret_parameters:
    description:
      - Parameters like O(parameters) whose values are secrets (sign-in passwords, keys), kept out of every log and
        output (C(no_log)); compared with the phone's running values, never shown.
      - A name may not be in both O(parameters) and O(secret_parameters).
    type: dict
    default: {}
'''

EXAMPLES = r'''
- name: Put the Lync shared parameters on the reception phone directly
  polycom.uc.ucs_phone_config:
    host: "{{ ansible_host }}"
    password: "{{ vault_phone_rest_password }}"
    ca_path: /etc/pki/polycom/ca.pem
    parameters:
      voIpProt.server.1.address: lyncpool.example.com
      voIpProt.server.1.transport: TLS
      voIpProt.server.1.specialInterop: lync2010
      feature.presence.enabled: true

- name: Sign-in credentials in the phone (Table 4); the password is compared, never shown
  polycom.uc.ucs_phone_config:
    host: "{{ ansible_host }}"
    password: "{{ vault_phone_rest_password }}"
    parameters:
      reg.1.address: sip:jsmith@example.com
      reg.1.auth.userId: jsmith
      reg.1.auth.domain: EXAMPLE
    secret_parameters:
      reg.1.auth.password: "{{ vault_jsmith_lync_password }}"
  register: phone_config
'''

RETURN = r'''
changed:
  description: Whether any parameter was (or, in check mode, would be) written.
  returned: always
  type: bool
changes:
  description: Names of the parameters written (in check mode, that would be written), sorted.
  returned: success
  type: list
  elements: str
  sample: [feature.presence.enabled, voIpProt.server.1.transport]
requests:
  description: Number of config/set requests sent (at most 20 parameters each); 0 in check mode and without changes.
  returned: success
  type: int
  sample: 1
parameters:
  description:
    - Running value and C(Source) of every parameter in O(parameters) after the run (in check mode, before); secrets
      C(********).
  returned: success
  type: dict
  sample:
    voIpProt.server.1.transport:
      value: TLS
      source: web
diff:
  description: Before and after of the changed parameters; secret values masked (a changed secret shows C(******** (changed))).
  returned: when changed and diff mode is on
  type: dict
'''

from ansible_collections.polycom.uc.plugins.module_utils.module import PolycomModule
from ansible_collections.polycom.uc.plugins.module_utils.polycom_rest import PolycomError
from ansible_collections.polycom.uc.plugins.module_utils.ucs_lync import is_secret
from ansible_collections.polycom.uc.plugins.module_utils.ucs_rest import (
    checked_values, config_diff, config_get, config_set, differences, masked_config, phone_argument_spec,
)


def apply(module, client, wanted, secret_names):
    """Read, compare, write the difference, read it back; returns the exit_json fields."""
    busy = module.params['retries']
    current = config_get(client, wanted, busy_retries=busy)
    changes = differences(wanted, current)
    result = dict(changed=bool(changes), changes=changes, requests=0, parameters=masked_config(current, secret_names))
    if module._diff and changes:
        result['diff'] = config_diff(changes, wanted, current, secret_names)
    if not changes or module.check_mode:
        return result
    result['requests'] = len(config_set(client, dict((name, wanted[name]) for name in changes), busy_retries=busy))
    after = config_get(client, wanted, busy_retries=busy)
    other = differences(dict((name, wanted[name]) for name in changes), after)
    if other:
        raise PolycomError('the phone took the write but answers other values for %s afterwards (it may not permit them)'
                           % ', '.join(other))
    result['parameters'] = masked_config(after, secret_names)
    return result


def main():
    argument_spec = phone_argument_spec(
        parameters=dict(type='dict', default={}),
        secret_parameters=dict(type='dict', default={}, no_log=True),
    )
    module = PolycomModule(argument_spec, connection=False, supports_check_mode=True)
    plain, secret = module.params['parameters'], module.params['secret_parameters']
    both = sorted(set(plain) & set(secret), key=str)
    if both:
        module.fail_json(msg='nothing was sent to the phone: %s in both parameters and secret_parameters; give each once'
                             % ', '.join(str(name) for name in both))
    merged = dict(plain)
    merged.update(secret)
    wanted, problems, warnings = checked_values(merged)
    warnings += ['parameters: %s is a secret; give it in secret_parameters (no_log) so that no log holds it' % name
                 for name in sorted(wanted) if name in plain and is_secret(name)]
    if problems:
        module.fail_json(msg='nothing was sent to the phone: ' + '; '.join(problems), problems=problems)
    for warning in warnings:
        module.warn(warning)
    secret_names = frozenset(secret)
    secrets = [value for name, value in wanted.items() if (name in secret_names or is_secret(name)) and value]
    module.no_log_values.update(secrets)  # the invocation (-vvv) and every result field are filtered by Ansible
    with module.client(auth='basic') as client:
        for value in secrets:
            client.add_secret(value)
        try:
            result = apply(module, client, wanted, secret_names)
        except PolycomError as exc:
            module.fail_from_exception(exc)
    module.exit_json(**result)


if __name__ == '__main__':
    main()
