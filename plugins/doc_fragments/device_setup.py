# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # The options several modules share, one fragment each (polycom.uc.device_setup.<name>); their argument
    # specs are module_utils/module.py's SHARED_OPTIONS. A module says what the option does there in its description.

    INITIAL_PASSWORD = r'''
options:
  initial_password:
    description:
      - Factory admin password (on a Pano the last six characters of the serial number), tried with admin ID C(admin)
        when O(password) is refused, as on a device whose setup has not been run yet.
    type: str
'''

    RESTART_TIMEOUT = r'''
options:
  restart_timeout:
    description:
      - Seconds to wait for the device to answer again after a restart (one the module asks for or one a change causes).
    type: int
    default: 300
'''

    REACHABLE_AT = r'''
options:
  reachable_at:
    description:
      - Where the device answers after a change of its static IPv4 address (O(network.ipv4_address) with
        O(network.dhcp=false)); the module waits there for the restart to end.
      - C(new_address) waits at the new address, for a device reached directly. Later runs reach it there only once
        the inventory (C(ansible_host)) says so.
      - C(host) keeps waiting at O(host), for a device reached through NAT or a DNS name that follows it to its
        new address.
    type: str
    choices: [new_address, host]
    default: new_address
    version_added: 0.2.0
'''
