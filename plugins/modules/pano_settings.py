#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: pano_settings
short_description: Manage every setting of a Polycom Pano idempotently
version_added: 0.1.0
description:
  - Reads the Pano's settings once, compares them with the options given and writes only the difference,
    in one request. Options left out are not managed (merged semantics).
  - Validates every value against the Pano Administrator Guide before anything is written, including the
    guide's cross-setting rules (static IPv4 and manual IPv6 addresses only with DHCP off, resolution only in manual mode,
    room name and security code read-only while cloud-registered, AirPlay needs Bluetooth, Miracast needs Wi-Fi,
    update server and maintenance hours only with automatic updates).
  - What the device changes by itself is reported as a change of the run (RV(changes), RV(before), RV(after)), in check mode and C(--diff) too.
    Disabling Wi-Fi turns Miracast off, disabling Bluetooth turns AirPlay off, registering with the Polycom Cloud
    Service turns automatic software updates on (unless O(software_update.automatic) says otherwise).
  - Addresses compare as addresses, so C(2001:DB8:0::5) is the same setting as C(2001:db8::5) and causes no write.
  - A device still in its factory state (setup wizard pending, admin password = last six characters of the
    serial number) is brought to the desired state in the same run when O(initial_password) is given;
    the module logs in with the factory password and writes the new admin credentials together with the settings.
    The setup wizard also asks for the country, so that run needs O(general.country) (unless the device has one);
    without it the task fails before any write, naming the option, in check mode too.
    That write is the setup wizard's Finish, which restarts the device; the module waits until it answers again.
  - A change of network settings restarts the device; the module waits until it answers again, at most
    O(restart_timeout) seconds. A new static IPv4 address moves the device; O(reachable_at) says where it
    answers afterwards. When it does not answer in time the task fails, says that the change was applied and
    reports it (C(changed), RV(changes), the diff).
  - The Pano has no published API. The REST paths and setting names are this collection's inferred
    convention, kept in one table; C(docs/device-interfaces.md) says what is documented and what is inferred.
author:
  - polycom.uc contributors (@polycom-uc)
extends_documentation_fragment:
  - polycom.uc.connection
  - polycom.uc.device_setup.initial_password
  - polycom.uc.device_setup.restart_timeout
  - polycom.uc.device_setup.reachable_at
attributes:
  check_mode:
    support: full
    description: Reads the device and predicts the exact change; writes nothing.
  diff_mode:
    support: full
    description: Shows before and after of the managed settings; passwords are masked.
options:
  general:
    description:
      - General settings (languages, device and room names, country, VisualBoard).
    type: dict
    suboptions:
      system_language:
        description:
          - Language of the local interface.
        type: str
        choices: [en_US, de_DE, es_ES, fr_FR, it_IT, ja_JP, ko_KR, pt_BR, ru_RU, zh_CN, zh_TW]
      web_language:
        description:
          - Language of the web interface.
        type: str
        choices: [en_US, de_DE, es_ES, fr_FR, it_IT, ja_JP, ko_KR, pt_BR, ru_RU, zh_CN, zh_TW]
      device_name:
        description:
          - Device name, 1 to 40 Unicode characters.
        type: str
      room_name:
        description:
          - Room name users connect to, at most 40 Unicode characters; read-only while cloud-registered.
        type: str
      country:
        description:
          - Country where the system is located, as an ISO 3166-1 alpha-2 code in capitals (C(DE), C(US), C(GB)).
          - The setup wizard asks for it (the guide, Run the Setup Wizard); a device in factory state is not set up
            without it, in check mode too. The guide lists no values; the ISO codes are inferred.
        type: str
      visualboard:
        description:
          - VisualBoard application; must be disabled to pair with a video system.
        type: bool
  date_time:
    description:
      - Date and time.
    type: dict
    suboptions:
      time_format:
        description:
          - Time display format.
        type: str
        choices: [12h, 24h]
      dst_auto_adjust:
        description:
          - Adjust automatically for daylight saving time.
        type: bool
      time_zone:
        description:
          - IANA time zone name, e.g. C(Europe/Berlin) (the guide speaks of the difference to GMT; the names are inferred).
        type: str
      time_server:
        description:
          - Time server mode.
        type: str
        choices: [auto, manual, 'off']
      primary_time_server:
        description:
          - Primary time server, a host name or an IP address; only with I(time_server=manual).
        type: str
      secondary_time_server:
        description:
          - Secondary time server (optional), a host name or an IP address; only with I(time_server=manual).
        type: str
      current_date_time:
        description:
          - Current date and time C(YYYY-MM-DD HH:MM); only with I(time_server=off). Equal within 2 minutes counts as no change.
        type: str
  screen_mirroring:
    description:
      - Screen mirroring.
    type: dict
    suboptions:
      airplay:
        description:
          - Enable AirPlay; needs I(wireless.bluetooth).
        type: bool
      miracast:
        description:
          - Enable Miracast; needs I(wireless.wifi).
        type: bool
  network:
    description:
      - Network (IPv4, IPv6, DNS, LAN options). Any change restarts the device; the module waits until it answers again.
    type: dict
    suboptions:
      dhcp:
        description:
          - Obtain the IPv4 address automatically.
        type: bool
      ipv4_address:
        description:
          - Static IPv4 address; only with I(dhcp=false).
        type: str
      ipv4_gateway:
        description:
          - Static IPv4 default gateway; only with I(dhcp=false).
        type: str
      ipv4_subnet_mask:
        description:
          - Static IPv4 subnet mask in dotted form (C(255.255.255.0), not C(24)); only with I(dhcp=false).
        type: str
      ipv6_enabled:
        description:
          - Enable the IPv6 stack.
        type: bool
      ipv6_slaac:
        description:
          - Use SLAAC instead of manual IPv6 addresses.
        type: bool
      ipv6_link_local:
        description:
          - Manual IPv6 link-local address; only with I(dhcp=false) and I(ipv6_enabled=true).
        type: str
      ipv6_site_local:
        description:
          - Manual IPv6 site-local address; only with I(dhcp=false) and I(ipv6_enabled=true).
        type: str
      ipv6_global_address:
        description:
          - Manual IPv6 global address; only with I(dhcp=false) and I(ipv6_enabled=true).
        type: str
      ipv6_gateway:
        description:
          - Manual IPv6 default gateway; only with I(dhcp=false) and I(ipv6_enabled=true).
        type: str
      dns_servers:
        description:
          - DNS servers, at most four, in order.
        type: list
        elements: str
      host_name:
        description:
          - Host name (not empty).
        type: str
      domain_name:
        description:
          - Domain name.
        type: str
      autonegotiation:
        description:
          - Negotiate LAN speed and duplex (recommended).
        type: bool
      lan_speed:
        description:
          - LAN speed in Mbit/s; only with I(autonegotiation=false).
        type: str
        choices: ['10', '100', '1000']
      duplex:
        description:
          - Duplex mode; only with I(autonegotiation=false).
        type: str
        choices: [half, full]
      ignore_icmp_redirects:
        description:
          - Ignore ICMP redirect messages.
        type: bool
      icmp_rate_limit:
        description:
          - Minimum milliseconds between ICMP error packets, 0-1000 (0 disables the limit).
        type: int
  monitor:
    description:
      - Monitor output.
    type: dict
    suboptions:
      mode:
        description:
          - Monitor configuration.
        type: str
        choices: [automatic, manual]
      resolution:
        description:
          - Output resolution and rate; only with I(mode=manual).
        type: str
        choices: [3840x2160p25, 3840x2160p30, 3840x2160p50, 3840x2160p60,
                  1920x1080p25, 1920x1080p30, 1920x1080p50, 1920x1080p60,
                  1280x720p25, 1280x720p30, 1280x720p50, 1280x720p60]
  security:
    description:
      - Security code.
    type: dict
    suboptions:
      security_code:
        description:
          - Show the security code on the home screen; read-only while cloud-registered.
        type: bool
  wireless:
    description:
      - Wireless hardware.
    type: dict
    suboptions:
      wifi:
        description:
          - Wi-Fi hardware; disabling it turns Miracast off.
        type: bool
      bluetooth:
        description:
          - Bluetooth hardware; disabling it turns AirPlay off.
        type: bool
  software_update:
    description:
      - Software update.
    type: dict
    suboptions:
      automatic:
        description:
          - Enable automatic software updates; registering with the Polycom Cloud Service enables them.
        type: bool
      server:
        description:
          - Update server address, without white space; only with I(automatic=true).
        type: str
      maintenance_window:
        description:
          - Only check for updates during maintenance hours; only with I(automatic=true).
        type: bool
      maintenance_begin:
        description:
          - Maintenance hours begin, C(HH:MM); only with I(automatic=true) and I(maintenance_window=true).
        type: str
      maintenance_end:
        description:
          - Maintenance hours end, C(HH:MM); only with I(automatic=true) and I(maintenance_window=true).
        type: str
  local_account:
    description:
      - Local admin account. When omitted and the device still has its factory password, the module sets O(username) and O(password).
    type: dict
    suboptions:
      admin_id:
        description:
          - Admin ID, 1 to 32 characters without white space.
        type: str
      password:
        description:
          - Admin password, 1 to 64 characters (write-only on the device).
        type: str
  cloud:
    description:
      - Polycom Cloud Service registration.
    type: dict
    suboptions:
      registered:
        description:
          - Registered with the Polycom Cloud Service.
        type: bool
      email:
        description:
          - Cloud Service account email.
        type: str
      password:
        description:
          - Cloud Service account password, used only when (re-)registering.
        type: str
'''

EXAMPLES = r'''
- name: Bring a Pano to the room standard (new devices included)
  polycom.uc.pano_settings:
    host: "{{ ansible_host }}"
    username: admin
    password: "{{ vault_pano_admin_password }}"
    initial_password: "{{ pano_serial[-6:] }}"
    ca_path: /etc/pki/polycom/ca.pem
    general:
      country: DE
      device_name: Pano Room 4.12
      room_name: Huddle 4.12
    date_time:
      time_zone: Europe/Berlin
      time_format: 24h
      time_server: manual
      primary_time_server: ntp1.example.com
    network:
      dns_servers: [192.0.2.53, 192.0.2.54]
      icmp_rate_limit: 500
    monitor:
      mode: manual
      resolution: 3840x2160p30
    wireless:
      bluetooth: false
    screen_mirroring:
      airplay: false

- name: Set host and credentials once for every polycom.uc module
  module_defaults:
    group/polycom.uc.pano:
      host: "{{ ansible_host }}"
      password: "{{ vault_pano_admin_password }}"
  block:
    - name: Turn Miracast off
      polycom.uc.pano_settings:
        screen_mirroring:
          miracast: false
'''

RETURN = r'''
changes:
  description:
    - The settings that differ (would differ in check mode), as C(section.option), including those the device
      changes by itself (C(screen_mirroring.miracast) when Wi-Fi is disabled).
  returned: always
  type: list
  elements: str
  sample: [general.room_name, network.icmp_rate_limit]
before:
  description: The managed settings as the device had them; passwords masked.
  returned: always
  type: dict
  sample: {general: {room_name: Huddle 1}}
after:
  description: The managed settings as the run leaves them (would leave them in check mode); passwords masked.
  returned: always
  type: dict
  sample: {general: {room_name: Huddle 4.12}}
setup_completed:
  description: Whether this run took the device out of its factory state (or would, in check mode).
  returned: always
  type: bool
restarted:
  description: Whether the device restarted to apply network settings or to finish the setup wizard (or would, in check mode).
  returned: always
  type: bool
waited_at:
  description: The address the module waited at for the device to answer after its restart (see O(reachable_at)).
  returned: when the device restarted
  type: str
  sample: 192.0.2.20
'''

from ansible_collections.polycom.uc.plugins.module_utils.module import PolycomModule
from ansible_collections.polycom.uc.plugins.module_utils.pano import PANO_SETTINGS, SettingsRun
from ansible_collections.polycom.uc.plugins.module_utils.polycom_rest import PolycomError


def converge(module, client, desired):
    params = module.params
    run = SettingsRun(client, params, desired)
    module.fail_on_problems(run.problems)
    result = dict(changed=bool(run.changes), changes=run.changed_paths, before=run.before, after=run.after,
                  setup_completed=run.setup_completed, restarted=run.restarting)
    if module._diff:
        result['diff'] = dict(before=run.before, after=run.after)
    if run.changes and not module.check_mode:
        run.write()
        if result['restarted']:
            wait_for_restart(module, client, run, result)
    return result


def wait_for_restart(module, client, run, result):
    """The write was applied and the device restarts: wait where it answers now (``reachable_at``)."""
    params = module.params
    static = dict(run.current, **run.changes).get('network.ipv4.dhcp') == 'false'
    moved_to = run.changes.get('network.ipv4.address') if static and params['reachable_at'] == 'new_address' else None
    result['waited_at'] = moved_to or params['host']
    try:
        client.wait_until_available(params['restart_timeout'], host=moved_to)
    except PolycomError as exc:
        hint = '' if not static or 'network.ipv4.address' not in run.changes else (
            ' (reachable_at=%s; a device behind NAT or a DNS name that follows it needs reachable_at=host, one reached directly '
            'reachable_at=new_address)' % params['reachable_at'])
        module.fail_json(msg='the change was applied (%s) and the device restarts to apply it, but %s%s'
                         % (', '.join(run.changed_paths), exc, hint), status=exc.status, **result)


def main():
    module = PolycomModule(PANO_SETTINGS.argument_spec(), shared=['initial_password', 'restart_timeout', 'reachable_at'],
                           supports_check_mode=True)
    desired, problems = PANO_SETTINGS.desired(module.params)
    module.fail_on_problems(problems)
    with module.client() as client:
        try:
            result = converge(module, client, desired)
        except PolycomError as exc:
            module.fail_from_exception(exc)
    module.exit_json(**result)


if __name__ == '__main__':
    main()
