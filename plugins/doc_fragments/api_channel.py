# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # Options of the Group Series API command channel (SSH or telnet), beside the HTTPS connection options.
    DOCUMENTATION = r'''
options:
  api_transport:
    description:
      - How to reach the API command channel. C(ssh) (password authentication) is the default;
        C(telnet) uses the Integrator Reference Guide's API port and sends the password in clear text.
      - The channel logs in with O(username) and O(password) and is used for monitor profiles, system name,
        dual monitor and restarts.
    type: str
    choices: [ssh, telnet]
    default: ssh
  api_port:
    description:
      - Port of the command channel. Defaults to C(22) for C(ssh) and C(24) for C(telnet).
    type: int
  api_host_key_checking:
    description:
      - Check the system's SSH host key against O(api_known_hosts) (or the user's known hosts) and refuse unknown
        or changed keys. Switch off only in a lab.
    type: bool
    default: true
  api_known_hosts:
    description:
      - known_hosts file with the systems' SSH host keys (entries like C([10.0.0.5]:22 ecdsa-sha2-nistp256 AAAA...)).
    type: path
notes:
  - Commands go out about 200 ms apart, as the Integrator Reference Guide asks. A session that drops is opened
    again and the unanswered command repeated (every command sets an absolute value or only reads); C(reboot now)
    is never repeated. Each run uses one command-channel session and says C(exit) at the end.
requirements:
  - paramiko (for C(api_transport=ssh))
'''
