# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # Connection options shared by every module that talks to a device over HTTPS.
    DOCUMENTATION = r'''
options:
  host:
    description:
      - Address (name, IPv4 or IPv6) of the device's HTTPS interface.
      - Falls back to the environment variable E(POLYCOM_HOST).
    type: str
    required: true
  port:
    description:
      - HTTPS port. Falls back to E(POLYCOM_PORT).
    type: int
    default: 443
  username:
    description:
      - Admin ID to log in with. Falls back to E(POLYCOM_USERNAME), which an AWX/AAP credential can inject.
    type: str
    default: admin
    aliases: [user]
  password:
    description:
      - Admin password. Falls back to E(POLYCOM_PASSWORD). Never shown in output, diffs or logs.
    type: str
  validate_certs:
    description:
      - Verify the device's TLS certificate. Set O(ca_path) for devices with certificates from a private CA
        rather than switching verification off. Falls back to E(POLYCOM_VALIDATE_CERTS).
    type: bool
    default: true
  ca_path:
    description:
      - PEM file of the CA(s) that signed the device certificate. Falls back to E(POLYCOM_CA_PATH).
    type: path
  timeout:
    description:
      - Seconds to wait for each answer. Falls back to E(POLYCOM_TIMEOUT).
      - A login or logout waits up to O(timeout) times (O(retries) + 1) seconds instead, once. A login that is
        sent again after a late answer would take one more of the device's few session slots.
    type: int
    default: 30
  retries:
    description:
      - How often a request is repeated after a connection error, a timeout, HTTP 429 or HTTP 503, with jittered
        exponential backoff; C(Retry-After) is honoured. An expired session is renewed once. A login whose answer
        is late is not repeated (see O(timeout)).
        Falls back to E(POLYCOM_RETRIES).
    type: int
    default: 3
notes:
  - The modules talk HTTPS to the device from the host that runs the task, usually the controller
    (the device hosts use the local connection), and need the Python library C(requests) there.
  - Every run logs out, also on failure, because the devices have only a few session slots.
requirements:
  - requests >= 2.28
'''

    # The phones' REST account (polycom.uc.connection.phone). Ansible merges fragments in order and an earlier one's
    # keys win, so phone modules list this one BEFORE polycom.uc.connection: that one gives host, port, TLS, timeout
    # and retries, this one the account. The argument spec is module_utils/ucs_rest.py's phone_argument_spec.
    PHONE = r'''
options:
  username:
    description:
      - REST API user of the phone (UC Software default C(Polycom)).
      - Falls back to E(POLYCOM_PHONE_USERNAME) (not E(POLYCOM_USERNAME), which is the admin of Pano and Group Series),
        which an AWX/AAP credential can inject.
    type: str
    default: Polycom
    aliases: [user]
  password:
    description:
      - REST API password of the phone (the factory default is C(456); change it in production).
      - Falls back to E(POLYCOM_PHONE_PASSWORD). Never shown in output, diffs or logs.
      - A phone that refuses it (HTTP 401) fails the task naming this option, the variable and the AWX credential's field.
    type: str
notes:
  - A phone's REST API has no sessions (every request carries the credentials, HTTP Basic) and is off unless the
    phone's configuration sets C(apps.restapi.enabled="1").
'''
