# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# The pieces both fragments share, written once: the Pano / Group Series admin (DOCUMENTATION) and the phones' REST
# account (PHONE) differ only in the account options and the notes. Their argument specs are
# module_utils/polycom_rest.py's CONNECTION_ARGSPEC and module_utils/ucs_rest.py's phone_argument_spec.
_ADDRESS = r'''
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
'''

_TRANSPORT = r'''
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
'''

_ADMIN_ACCOUNT = r'''
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
'''

_PHONE_ACCOUNT = r'''
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
'''

_REQUESTS = r'''
requirements:
  - requests >= 2.28
'''

_SESSION_NOTES = r'''
notes:
  - The modules talk HTTPS to the device from the host that runs the task, usually the controller
    (the device hosts use the local connection), and need the Python library C(requests) there.
  - Every run logs out, also on failure, because the devices have only a few session slots.
'''

_PHONE_NOTES = r'''
notes:
  - The modules talk HTTPS to the phone from the host that runs the task, usually the controller
    (the device hosts use the local connection), and need the Python library C(requests) there.
  - Every request carries the credentials (HTTP Basic); the phone's REST API has no sessions. It is off unless the
    phone's configuration sets C(apps.restapi.enabled="1").
'''


class ModuleDocFragment(object):
    # Connection options of every module that talks to a Pano or Group Series over HTTPS (polycom.uc.connection).
    DOCUMENTATION = '\noptions:' + _ADDRESS + _ADMIN_ACCOUNT + _TRANSPORT + _SESSION_NOTES + _REQUESTS

    # The same for the phones' REST API (polycom.uc.connection.phone): the phone's own account.
    PHONE = '\noptions:' + _ADDRESS + _PHONE_ACCOUNT + _TRANSPORT + _PHONE_NOTES + _REQUESTS
