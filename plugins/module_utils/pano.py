# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Polycom Pano: the setting table and the rules of the Pano Administrator Guide 1.0.

What is known, and how well (the one place for it; see ``docs/device-interfaces.md``):

* **[doc]** every setting, and the allowed values and rules the guide gives: names at most 40 Unicode
  characters, ICMP rate limit 0-1000 ms, at most four DNS servers, LAN speed 10/100/1000 Mbit/s,
  static IPv4 addresses and the manual IPv6 addresses (link-local, site-local, global, gateway)
  configurable "only when Enter IP address manually is selected" (``network.dhcp: false``; IPv6 also
  needs Enable IPv6, which "makes the IPv6 settings available"), time servers only with Time Server
  Manual and the current date and time only with Off, speed and duplex only without
  autonegotiation, the manual resolutions of the output table, room name and security code
  read-only while cloud-registered, the update server field and the maintenance-hours option only
  once automatic updates are enabled and the maintenance hours only with that option, registering
  with the Polycom Cloud Service enables automatic updates, disabling Wi-Fi (Bluetooth) turns
  Miracast (AirPlay) off and enabling it does not turn them on (``SIDE_EFFECTS``), factory
  password = last six characters of the serial, setup wizard pending until the default password
  is changed (it also asks for the language and the country; Finish restarts the device). The country
  (Run the Setup Wizard, step 7: "Select the country where the system is located") is ``general.country``:
  a factory device's setup is not finished without it (``bootstrap``).
* **[inferred]** the allowed values the guide does not give: the language list (``LANGUAGES``), the
  time formats ``12h``/``24h``, the duplex modes ``half``/``full``, the admin ID (1-32 characters,
  no white space) and password (1-64) lengths, IANA time zone names where the guide speaks of
  "the time difference between GMT and your location", the update server without white space,
  that network changes restart the device (``restarts``), and the country's values: the guide lists
  none, so ISO 3166-1 alpha-2 codes in capitals (``COUNTRIES``, as in tzdata's ``iso3166.tab``), the
  variable ``system.country``, and that it stays readable and writable after the setup.
* **[inferred]** the transport. No public API documentation or client code exists for the Pano.
  It runs the Polycom platform of the Group Series, so this collection assumes the same REST
  convention (``/rest/session``, ``GET /rest/system``, ``POST /rest/config`` with ``names`` /
  ``vars``, ``/rest/system/reboot``) and Polycom-style variable names of its own, all in the
  ``PANO_SETTINGS`` table below. A capture from a real device corrects this file and the lab's
  emulator (``tests/lab/pano_emulator.py``), nothing else. The restart, reset and software update
  endpoints are inferred in the same way.
* **[doc]** Manually Update Software: General Settings > Software Update, Check for updates, then
  Update, from the Polycom server. **[inferred]** the calls behind the two buttons (``pano_maintenance``
  ``action=update_software``): ``GET /rest/system/softwareupdate`` -> ``{"currentVersion",
  "availableVersion" ("" when none), "updateAvailable"}`` (Check for updates, changes nothing);
  ``POST /rest/system/softwareupdate`` ``{"action": "update"}`` -> 200 ``{"previousVersion",
  "currentVersion"}``, then the device restarts; 409 ``NO_UPDATE`` when nothing newer is available.
  The Update button installs the build the check found, never a chosen one, so a target version
  (``update_software``) is reached only when the server offers it or a later build; whether the
  device really runs it is read again after its restart (an install can fail and restart into the
  old version). **[inferred]** the other maintenance calls (``MAINTENANCE_PATHS``): Restart
  ``POST /rest/system/reboot`` ``{"action": "reboot"}``, Reset All System Configurations
  ``POST /rest/system/reset`` ``{"action": "deleteAllSettings"}``, Diagnostics > Logs
  ``GET /rest/system/logs`` (a ``.tgz``, ``Content-Disposition`` names it).
* **[doc]** pairing with a video system (guide, "Sending Content to a Polycom Video System"):
  General Settings > Pairing takes the video system's IP address, admin ID and admin password
  (blank when none is set); Connect shows the paired systems' information and only when it
  succeeds does the Pair button appear; once paired, Pair becomes Update (how another system is
  paired); Unpair; Start Content / Stop Content test the content path; the VisualBoard application
  must be disabled; only Group Series 310/500/550/700 and Centro with software 6.0 or later pair.
* **[inferred]** the pairing calls behind those buttons, in the same REST convention:

  ========================================================  =============================================================
  ``GET /rest/pairing``                                     ``{"state": "UNPAIRED"|"CONNECTED"|"PAIRED", "address", "user",
                                                            "videoSystem": {model, serialNumber, softwareVersion, systemName},
                                                            "pending": {address, user, videoSystem} | null,
                                                            "content": "STOPPED"|"STARTED"}``; never the password
  ``POST /rest/pairing`` ``{"action": "connect",``          the Pano logs in to the video system's REST API
  ``"address", "user", "password"}``                        (``POST /rest/session``, ``GET /rest/system``, logout);
                                                            200 with ``pending`` filled (state CONNECTED unless PAIRED);
                                                            422 ``VIDEO_SYSTEM_LOGIN_FAILED`` / ``VIDEO_SYSTEM_UNSUPPORTED``,
                                                            502 ``VIDEO_SYSTEM_UNREACHABLE``: nothing pending, a pairing
                                                            that existed stays as it was
  ``{"action": "pair"}`` / ``{"action": "update"}``         pending -> paired (pair from CONNECTED, update from PAIRED);
                                                            409 ``NOT_CONNECTED``, ``ALREADY_PAIRED``, ``NOT_PAIRED``,
                                                            ``VISUALBOARD_ENABLED``
  ``{"action": "unpair"}``                                  -> UNPAIRED (409 ``NOT_PAIRED`` when it already is)
  ``{"action": "startContent"|"stopContent"}``              the Pano logs in to the paired system and calls its
                                                            ``POST /rest/media/content`` (``group_series.py``, [inferred])
  ========================================================  =============================================================

  The address is an IP address or name, optionally ``:port`` (the lab's video systems share
  127.0.0.1); the Pano does not check the video system's certificate. ``system.visualboard.enabled``
  (``general.visualboard``) is the project's name for the VisualBoard switch.

* **[inferred]** the pairing is also readable as read-only configuration variables, so that one
  ``POST /rest/config`` ``names`` read returns the settings and the pairing together (a no-change
  ``pano_pairing`` run: login, one read, logout). Writing them is refused (``READ_ONLY``); the
  buttons stay ``POST /rest/pairing``. A device that does not know them (``UNKNOWN_NAME``) is read
  with ``GET /rest/pairing`` instead (``read_pairing``), at the cost of one more request.

  ===================================  =====================================================================
  ``pairing.state``                    ``UNPAIRED`` | ``CONNECTED`` | ``PAIRED`` (``state`` above)
  ``pairing.address``                  the paired system's address, ``""`` when none (``address``)
  ``pairing.userid``                   the admin ID the Pano logs in with, ``""`` when none (``user``)
  ``pairing.content``                  ``STOPPED`` | ``STARTED`` (``content``)
  ``pairing.videosystem.model``,       the paired system as Connect showed it, ``""`` when none
  ``.serialnumber``,                   (``videoSystem``: ``model``, ``serialNumber``, ``softwareVersion``,
  ``.softwareversion``,                ``systemName``)
  ``.systemname``
  ``pairing.pending.address``,         the system Connect reached that is not paired yet, ``""`` when none
  ``pairing.pending.userid``           (``pending``)
  ===================================  =====================================================================
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

from ansible_collections.polycom.uc.plugins.module_utils.device import device_facts, reported_mac
from ansible_collections.polycom.uc.plugins.module_utils.firmware import compare_versions
from ansible_collections.polycom.uc.plugins.module_utils.polycom_rest import PolycomError
from ansible_collections.polycom.uc.plugins.module_utils.settings import (
    Setting, SettingsDiff, SettingTable, check_datetime, check_email, check_hhmm, check_hostname, check_ip,
    check_ipv4, check_ipv6, check_netmask, check_no_space, check_server, check_timezone, check_update_server,
)

LANGUAGES = ('en_US', 'de_DE', 'es_ES', 'fr_FR', 'it_IT', 'ja_JP', 'ko_KR', 'pt_BR', 'ru_RU', 'zh_CN', 'zh_TW')
RESOLUTIONS = tuple('%s%s' % (size, rate) for size in ('3840x2160p', '1920x1080p', '1280x720p') for rate in ('25', '30', '50', '60'))
# The wizard's country [doc]; its values [inferred]: ISO 3166-1 alpha-2 (the guide lists none).
COUNTRIES = frozenset('''
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC
CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD
GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH
KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW
MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC
SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY
UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
'''.split())
COUNTRY = 'system.country'
FACTORY_ADMIN_ID = 'admin'
CLOCK_TOLERANCE_MINUTES = 2

S = Setting


def check_country(value):
    if value not in COUNTRIES:
        return 'an ISO 3166-1 alpha-2 country code in capitals such as DE, US or GB (the guide lists no values; the codes are inferred)'
    return None


class CountrySetting(Setting):
    """The country has no "none": the empty value is checked too (the table's checks skip it elsewhere)."""

    def errors(self, value):
        allowed = self.check(value)
        return ['%s: must be %s, got %r' % (self.path, allowed, value)] if allowed else []


MANUAL_IPV6 = '; only with I(dhcp=false) and I(ipv6_enabled=true) (the guide: "Enter IP address manually").'
PANO_SETTINGS = SettingTable([
    S('general', 'system_language', 'system.language', choices=LANGUAGES, description='Language of the local interface.'),
    S('general', 'web_language', 'system.weblanguage', choices=LANGUAGES, description='Language of the web interface.'),
    S('general', 'device_name', 'system.info.devicename', min_length=1, max_length=40, description='Device name, 1 to 40 Unicode characters.'),
    S('general', 'room_name', 'system.info.roomname', max_length=40,
      description='Room name users connect to, at most 40 Unicode characters; read-only while cloud-registered.'),
    CountrySetting('general', 'country', COUNTRY, check=check_country,
                   description='Country where the system is located, as an ISO 3166-1 alpha-2 code (C(DE)); the setup wizard asks for it.'),
    S('general', 'visualboard', 'system.visualboard.enabled', 'bool',
      description='VisualBoard application; must be disabled to pair with a video system.'),
    S('date_time', 'time_format', 'system.datetime.timeformat', choices=('12h', '24h'), description='Time display format.'),
    S('date_time', 'dst_auto_adjust', 'system.datetime.dstautoadjust', 'bool', description='Adjust automatically for daylight saving time.'),
    S('date_time', 'time_zone', 'system.datetime.timezone', check=check_timezone,
      description='IANA time zone name, e.g. C(Europe/Berlin) (the guide speaks of the difference to GMT; the names are inferred).'),
    S('date_time', 'time_server', 'system.datetime.timeserver.mode', choices=('auto', 'manual', 'off'), description='Time server mode.'),
    S('date_time', 'primary_time_server', 'system.datetime.timeserver.primary', check=check_server,
      description='Primary time server, a host name or an IP address; only with I(time_server=manual).'),
    S('date_time', 'secondary_time_server', 'system.datetime.timeserver.secondary', check=check_server,
      description='Secondary time server (optional), a host name or an IP address; only with I(time_server=manual).'),
    S('date_time', 'current_date_time', 'system.datetime.current', check=check_datetime,
      description='Current date and time C(YYYY-MM-DD HH:MM); only with I(time_server=off). Equal within 2 minutes counts as no change.'),
    S('screen_mirroring', 'airplay', 'system.screenmirroring.airplay', 'bool', description='Enable AirPlay; needs I(wireless.bluetooth).'),
    S('screen_mirroring', 'miracast', 'system.screenmirroring.miracast', 'bool', description='Enable Miracast; needs I(wireless.wifi).'),
    S('network', 'dhcp', 'network.ipv4.dhcp', 'bool', description='Obtain the IPv4 address automatically.'),
    S('network', 'ipv4_address', 'network.ipv4.address', check=check_ipv4, description='Static IPv4 address; only with I(dhcp=false).'),
    S('network', 'ipv4_gateway', 'network.ipv4.gateway', check=check_ipv4, description='Static IPv4 default gateway; only with I(dhcp=false).'),
    S('network', 'ipv4_subnet_mask', 'network.ipv4.subnetmask', check=check_netmask,
      description='Static IPv4 subnet mask in dotted form (C(255.255.255.0), not C(24)); only with I(dhcp=false).'),
    S('network', 'ipv6_enabled', 'network.ipv6.enabled', 'bool', description='Enable the IPv6 stack.'),
    S('network', 'ipv6_slaac', 'network.ipv6.slaac', 'bool', description='Use SLAAC instead of manual IPv6 addresses.'),
    S('network', 'ipv6_link_local', 'network.ipv6.linklocal', check=check_ipv6, description='Manual IPv6 link-local address' + MANUAL_IPV6),
    S('network', 'ipv6_site_local', 'network.ipv6.sitelocal', check=check_ipv6, description='Manual IPv6 site-local address' + MANUAL_IPV6),
    S('network', 'ipv6_global_address', 'network.ipv6.global', check=check_ipv6, description='Manual IPv6 global address' + MANUAL_IPV6),
    S('network', 'ipv6_gateway', 'network.ipv6.gateway', check=check_ipv6, description='Manual IPv6 default gateway' + MANUAL_IPV6),
    S('network', 'dns_servers', 'network.dns.servers', 'list', max_items=4, check=check_ip, description='DNS servers, at most four, in order.'),
    S('network', 'host_name', 'network.hostname', min_length=1, check=check_hostname, description='Host name (not empty).'),
    S('network', 'domain_name', 'network.domainname', check=check_hostname, description='Domain name.'),
    S('network', 'autonegotiation', 'network.lan.autonegotiation', 'bool', description='Negotiate LAN speed and duplex (recommended).'),
    S('network', 'lan_speed', 'network.lan.speed', choices=('10', '100', '1000'), description='LAN speed in Mbit/s; only with I(autonegotiation=false).'),
    S('network', 'duplex', 'network.lan.duplex', choices=('half', 'full'), description='Duplex mode; only with I(autonegotiation=false).'),
    S('network', 'ignore_icmp_redirects', 'network.icmp.ignoreredirects', 'bool', description='Ignore ICMP redirect messages.'),
    S('network', 'icmp_rate_limit', 'network.icmp.ratelimit', 'int', minimum=0, maximum=1000,
      description='Minimum milliseconds between ICMP error packets, 0-1000 (0 disables the limit).'),
    S('monitor', 'mode', 'monitor.mode', choices=('automatic', 'manual'), description='Monitor configuration.'),
    S('monitor', 'resolution', 'monitor.resolution', choices=RESOLUTIONS, description='Output resolution and rate; only with I(mode=manual).'),
    S('security', 'security_code', 'security.securitycode.enabled', 'bool',
      description='Show the security code on the home screen; read-only while cloud-registered.'),
    S('wireless', 'wifi', 'wireless.wifi.enabled', 'bool', description='Wi-Fi hardware; disabling it turns Miracast off.'),
    S('wireless', 'bluetooth', 'wireless.bluetooth.enabled', 'bool', description='Bluetooth hardware; disabling it turns AirPlay off.'),
    S('software_update', 'automatic', 'softwareupdate.automatic', 'bool',
      description='Enable automatic software updates; registering with the Polycom Cloud Service enables them.'),
    S('software_update', 'server', 'softwareupdate.server', check=check_update_server,
      description='Update server address, without white space; only with I(automatic=true).'),
    S('software_update', 'maintenance_window', 'softwareupdate.maintenancewindow', 'bool',
      description='Only check for updates during maintenance hours; only with I(automatic=true).'),
    S('software_update', 'maintenance_begin', 'softwareupdate.maintenance.begin', check=check_hhmm,
      description='Maintenance hours begin, C(HH:MM); only with I(automatic=true) and I(maintenance_window=true).'),
    S('software_update', 'maintenance_end', 'softwareupdate.maintenance.end', check=check_hhmm,
      description='Maintenance hours end, C(HH:MM); only with I(automatic=true) and I(maintenance_window=true).'),
    S('local_account', 'admin_id', 'security.localaccount.adminid', min_length=1, max_length=32, check=check_no_space,
      description='Admin ID, 1 to 32 characters without white space.'),
    S('local_account', 'password', 'security.localaccount.password', secret=True, min_length=1, max_length=64,
      description='Admin password, 1 to 64 characters (write-only on the device).'),
    S('cloud', 'registered', 'cloud.registered', 'bool', description='Registered with the Polycom Cloud Service.'),
    S('cloud', 'email', 'cloud.email', check=check_email, description='Cloud Service account email.'),
    S('cloud', 'password', 'cloud.password', secret=True, min_length=1, description='Cloud Service account password, used only when (re-)registering.'),
    S('status', 'setup_state', 'system.setup.state', read_only=True, description='Setup wizard state.'),
])

# The Pano-side steps of the guide's pairing procedures: VisualBoard off, and the monitor (Manual 3840x2160p 30 Hz in the
# touch-monitor setups). pano_pairing takes exactly these, in pano_settings' shape, and the country a factory Pano's setup needs.
PAIRING_SETTINGS = PANO_SETTINGS.subset(['system.visualboard.enabled', 'monitor.mode', 'monitor.resolution', COUNTRY])

RESTARTING_PREFIX = 'network.'
SOFTWARE_UPDATE_PATH = '/rest/system/softwareupdate'
MAINTENANCE_PATHS = dict(restart=('/rest/system/reboot', {'action': 'reboot'}),
                         delete_all_settings=('/rest/system/reset', {'action': 'deleteAllSettings'}))
LOGS_PATH = '/rest/system/logs'
SETUP_RESTART_TIMEOUT = 300
PAIRING_PATH = '/rest/pairing'
DEFAULT_VIDEO_SYSTEM_PORT = 443
ADMIN_PASSWORD = 'security.localaccount.password'
ADMIN_ID = 'security.localaccount.adminid'
SETUP_STATE = 'system.setup.state'

# The pairing as read-only configuration variables [inferred]: GET /rest/pairing's keys <- variable names.
PAIRING_VARS = (('state', 'pairing.state'), ('address', 'pairing.address'), ('user', 'pairing.userid'), ('content', 'pairing.content'))
PAIRED_SYSTEM_VARS = (('model', 'pairing.videosystem.model'), ('serialNumber', 'pairing.videosystem.serialnumber'),
                      ('softwareVersion', 'pairing.videosystem.softwareversion'), ('systemName', 'pairing.videosystem.systemname'))
PENDING_VARS = (('address', 'pairing.pending.address'), ('user', 'pairing.pending.userid'))
PAIRING_NAMES = [name for _key, name in PAIRING_VARS + PAIRED_SYSTEM_VARS + PENDING_VARS]


def factory_password(serial):
    """The guide: the default admin password is the last six characters of the serial number."""
    return serial[-6:]


# The guide's "configurable only when" rules [doc]: (settings, the values the resulting state must have, why).
# A value equal to the device's is always accepted (the field shows it); only a change needs the switch.
ONLY_WHEN = (
    (('network.ipv4.address', 'network.ipv4.gateway', 'network.ipv4.subnetmask'), {'network.ipv4.dhcp': 'false'},
     'static IPv4 settings are allowed only with network.dhcp=false'),
    (('network.ipv6.linklocal', 'network.ipv6.sitelocal', 'network.ipv6.global', 'network.ipv6.gateway'),
     {'network.ipv6.enabled': 'true', 'network.ipv4.dhcp': 'false'},
     'manual IPv6 addresses are configurable only when "Enter IP address manually" is selected: '
     'network.dhcp=false and network.ipv6_enabled=true'),
    (('network.lan.speed', 'network.lan.duplex'), {'network.lan.autonegotiation': 'false'},
     'LAN speed and duplex are allowed only with network.autonegotiation=false'),
    (('system.datetime.timeserver.primary', 'system.datetime.timeserver.secondary'), {'system.datetime.timeserver.mode': 'manual'},
     'time servers are allowed only with date_time.time_server=manual'),
    (('system.datetime.current',), {'system.datetime.timeserver.mode': 'off'},
     'the current date and time can be set only with date_time.time_server=off'),
    (('monitor.resolution',), {'monitor.mode': 'manual'}, 'a resolution is allowed only with monitor.mode=manual'),
    (('softwareupdate.server', 'softwareupdate.maintenancewindow'), {'softwareupdate.automatic': 'true'},
     'the update server and the maintenance hours option exist only with software_update.automatic=true'),
    (('softwareupdate.maintenance.begin', 'softwareupdate.maintenance.end'),
     {'softwareupdate.automatic': 'true', 'softwareupdate.maintenancewindow': 'true'},
     'maintenance hours exist only with software_update.automatic=true and software_update.maintenance_window=true'),
)

# What the device changes on its own when a write sets a switch [doc]: (switch, value, setting, the value it takes).
# A write that sets the setting itself keeps its value; the module reports the others as changes of the run.
SIDE_EFFECTS = (
    ('wireless.wifi.enabled', 'false', 'system.screenmirroring.miracast', 'false'),
    ('wireless.bluetooth.enabled', 'false', 'system.screenmirroring.airplay', 'false'),
    ('cloud.registered', 'true', 'softwareupdate.automatic', 'true'),
)

# Wanting a mirroring option on with its radio off is a contradiction (the radio turns it off) [doc].
NEEDS = (
    ('system.screenmirroring.airplay', 'wireless.bluetooth.enabled', 'AirPlay needs wireless.bluetooth=true'),
    ('system.screenmirroring.miracast', 'wireless.wifi.enabled', 'Miracast needs wireless.wifi=true'),
)
CLOUD_READ_ONLY = ('system.info.roomname', 'security.securitycode.enabled')


def side_effects(current, changes):
    """The settings the device changes by itself after writing ``changes`` onto ``current``: {name: value}."""
    effects = {}
    for switch, value, name, forced in SIDE_EFFECTS:
        if changes.get(switch) == value and name not in changes and current.get(name) != forced:
            effects[name] = forced
    return effects


def rule_problems(current, desired):
    """The guide's cross-setting rules, checked on the state the write (and what it sets off) would leave."""
    state = dict(current)
    state.update(desired)
    state.update(side_effects(current, dict((n, v) for n, v in desired.items() if current.get(n) != v)))
    problems = []

    def changing(name):
        return name in desired and not PANO_SETTINGS.by_name[name].same(current.get(name), desired[name])

    def refuse(name, text):
        problems.append('%s: %s' % (PANO_SETTINGS.by_name[name].path, text))

    for names, needed, text in ONLY_WHEN:
        for name in names:
            if changing(name) and any(state.get(switch) != value for switch, value in needed.items()):
                refuse(name, text)
    for mirroring, radio, text in NEEDS:
        if desired.get(mirroring) == 'true' and state.get(radio) == 'false':
            refuse(mirroring, text)
    registered = current.get('cloud.registered') == 'true' and desired.get('cloud.registered') != 'false'
    for name in CLOUD_READ_ONLY:
        if changing(name) and registered:
            refuse(name, 'read-only while the device is registered with the Polycom Cloud Service (change it in the Cloud Service portal)')
    if changing('cloud.registered') and desired['cloud.registered'] == 'true' or (registered and changing('cloud.email')):
        if not state.get('cloud.email') or not desired.get('cloud.password'):
            problems.append('cloud: registering needs cloud.email and cloud.password')
    elif changing('cloud.email') and desired['cloud.email'] and state.get('cloud.registered') != 'true':
        refuse('cloud.email', 'the email is set only when registering (cloud.registered=true with cloud.password)')
    return problems


def clock_equal(name, current, desired):
    """The device clock ticks: a set date and time counts as unchanged within a tolerance."""
    if name != 'system.datetime.current' or not current:
        return None
    return abs(_minutes(current) - _minutes(desired)) <= CLOCK_TOLERANCE_MINUTES


def _minutes(text):
    moment = datetime.datetime.strptime(text, '%Y-%m-%d %H:%M')
    return (moment - datetime.datetime(1970, 1, 1)).total_seconds() / 60


def plan(current, desired):
    """The write for ``desired`` on a device in ``current`` state: only the difference.

    The cloud password cannot be read back, so it is written only when the registration changes.
    """
    comparable = dict((k, v) for k, v in desired.items() if k != 'cloud.password')
    changes = PANO_SETTINGS.diff(current, comparable, equal=clock_equal)
    registering = changes.get('cloud.registered') == 'true' or (
        'cloud.email' in changes and (changes.get('cloud.registered') or current.get('cloud.registered')) == 'true')
    if registering:
        changes['cloud.registered'] = 'true'
        changes['cloud.password'] = desired.get('cloud.password')
    for switch, value, name, forced in SIDE_EFFECTS:  # a wanted value the switch would override is written with it
        if changes.get(switch) == value and name in desired and desired[name] != forced:
            changes[name] = desired[name]
    return changes


def restarts(changes):
    """[inferred] network changes restart the device."""
    return any(name.startswith(RESTARTING_PREFIX) for name in changes)


def normalise_address(address):
    """``'https://10.0.0.5/'``, ``'10.0.0.5:443'``, ``'10.0.0.5'`` -> ``'10.0.0.5'``; other ports are kept: ``'10.0.0.5:8451'``."""
    text = (address or '').strip().lower()
    if '://' in text:
        text = text.split('://', 1)[1]
    text = text.rstrip('/')
    host, port = split_address(text)
    if port == DEFAULT_VIDEO_SYSTEM_PORT:
        return host
    return '[%s]:%d' % (host, port) if ':' in host else '%s:%d' % (host, port)


def split_address(address):
    """``'10.0.0.5:8451'`` -> ``('10.0.0.5', 8451)``; ``'[2001:db8::5]:443'`` and bare names/addresses too (port 443)."""
    text = (address or '').strip()
    if '://' in text:
        text = text.split('://', 1)[1]
    text = text.rstrip('/')
    if text.startswith('['):
        host, _sep, rest = text[1:].partition(']')
        return host, int(rest[1:]) if rest.startswith(':') else DEFAULT_VIDEO_SYSTEM_PORT
    if text.count(':') == 1:
        host, port = text.split(':')
        return host, int(port)
    return text, DEFAULT_VIDEO_SYSTEM_PORT


def pairing_plan(current, state, address=None, user=None, force=False):
    """The guide's buttons, in order, that take the Pano from ``current`` (``GET /rest/pairing``) to ``state``.

    present: UNPAIRED/CONNECTED -> connect, pair; PAIRED elsewhere (or ``force``) -> connect, update.
    absent: anything but UNPAIRED -> unpair.
    """
    paired = current.get('state') == 'PAIRED'
    if state == 'absent':
        return ['unpair'] if current.get('state', 'UNPAIRED') != 'UNPAIRED' else []
    if paired:
        same = normalise_address(current.get('address')) == normalise_address(address) and current.get('user') == user
        return [] if same and not force else ['connect', 'update']
    return ['connect', 'pair']


def pairing_from_config(values):
    """The pairing in ``GET /rest/pairing``'s shape from the ``pairing.*`` variables of a config read; None when the device has none."""
    if not values.get('pairing.state'):
        return None
    info = dict((key, values.get(name) or '') for key, name in PAIRING_VARS)
    system = dict((key, values.get(name) or '') for key, name in PAIRED_SYSTEM_VARS)
    info['videoSystem'] = system if any(system.values()) else None
    pending = dict((key, values.get(name) or '') for key, name in PENDING_VARS)
    info['pending'] = pending if pending['address'] else None
    return info


def read_pairing(client, values=None):
    """The pairing from the variables of a config read already made (``values``), else from a read of its own;
    ``GET /rest/pairing`` when the device does not answer the ``pairing.*`` variables."""
    info = pairing_from_config(values if values is not None else client.read_config(PAIRING_NAMES))
    return info if info is not None else client.request('GET', PAIRING_PATH)


def system_facts(system, factory):
    """The ``device`` shape (device.py) from ``GET /rest/system``; ``factory``: the login needed the factory password."""
    return device_facts(
        'pano', system.get('model'), serial=system.get('serialNumber'), mac_address=reported_mac(system.get('macAddress')),
        software_version=system.get('softwareVersion'),
        hardware_version=system.get('hardwareVersion'),
        ipv4_address=system.get('ipv4Address'),
        ipv6_address=system.get('ipv6Address'),
        device_name=system.get('systemName'),
        room_name=system.get('roomName'),
        setup_state=(system.get('setupState') or '').lower(),
        cloud_registered=system.get('cloudState') == 'REGISTERED',
        pairing_state=(system.get('pairingState') or '').lower(),
        factory_credentials=factory,
    )


def credential_candidates(params):
    """Who to log in as: the given credentials, then a password the last run rotated to, then the factory one."""
    candidates = [(params['username'], params['password'])]
    account = params.get('local_account') or {}
    if account.get('password'):
        candidates.append((account.get('admin_id') or params['username'], account['password']))
    if params.get('initial_password'):
        candidates.append((FACTORY_ADMIN_ID, params['initial_password']))
    return [(user, password) for user, password in candidates if password]


def bootstrap(params, client, current, desired):
    """Logged in with the factory password: the run also sets the admin credentials it was given."""
    if client.password != params.get('initial_password'):
        return False
    desired.setdefault(ADMIN_PASSWORD, params['password'])
    if params['username'] != current.get(ADMIN_ID):
        desired.setdefault(ADMIN_ID, params['username'])
    if desired[ADMIN_PASSWORD] == params['initial_password']:
        raise PolycomError('local_account.password: the factory password must be changed; give a new password')
    return True


def setup_problems(current, desired):
    """The guide (Run the Setup Wizard): the wizard asks for the country before Finish, so a setup needs one."""
    if desired.get(COUNTRY) or current.get(COUNTRY):
        return []
    return ['general.country: the setup wizard asks for the country where the system is located and cannot finish without it; '
            'give general.country, an ISO 3166-1 alpha-2 code in capitals such as DE']


class SettingsRun(SettingsDiff):
    """One login and one read of a Pano, and the one write that brings its settings to ``desired``.

    Shared by every module that writes Pano settings (pano_settings, pano_pairing): logs in with the first
    accepted of ``credential_candidates``, reads every readable setting plus ``extra_names`` in one
    ``POST /rest/config``, completes the setup of a factory device (``bootstrap``), checks the guide's rules
    and plans only the difference. ``params`` are a module's parameters (connection options,
    ``initial_password``, optionally ``local_account``).
    """

    def __init__(self, client, params, desired, extra_names=()):
        self.client = client
        self.restart_timeout = params.get('restart_timeout') or SETUP_RESTART_TIMEOUT
        client.login_first(credential_candidates(params))
        self.current = client.read_config(PANO_SETTINGS.readable_names() + list(extra_names))
        self.current[ADMIN_PASSWORD] = client.password  # not readable, but known: it just logged in with it
        self.desired = dict(desired)
        self.setup_completed = bootstrap(params, client, self.current, self.desired) and self.current.get(SETUP_STATE) != 'complete'
        for name in self.desired:
            if PANO_SETTINGS.by_name[name].secret:
                client.add_secret(self.desired[name])
        self.problems = (setup_problems(self.current, self.desired) if self.setup_completed else []) + rule_problems(self.current, self.desired)
        # want/have -> the one write and before/after: the runner Group Series uses too; side effects count as changes
        SettingsDiff.__init__(self, PANO_SETTINGS, self.current, self.desired, self.problems, plan, side_effects)

    @property
    def restarting(self):
        """The write restarts the device: network changes [inferred], or Finish of the setup wizard [doc]."""
        return restarts(self.changes) or self.setup_completed

    def write(self):
        """Write the difference in one request; later requests of this client log in with new admin credentials.

        The guide (Run the Setup Wizard): Finish restarts the device. A write that completes the setup waits for
        that restart here, so that settings and pairing go on with a device that is up; a write that also changes
        network settings leaves the wait to the caller, who knows where the device is reachable afterwards.
        """
        if not self.changes:
            return None
        answer = self.client.write_config(self.changes)
        if ADMIN_PASSWORD in self.changes:
            self.client.username = self.changes.get(ADMIN_ID, self.client.username)
            self.client.password = self.changes[ADMIN_PASSWORD]
        if self.setup_completed and not restarts(self.changes):
            self.client.wait_until_available(self.restart_timeout)
        return answer


def update_software(client, version=None, check_mode=False, wait=True, timeout=SETUP_RESTART_TIMEOUT):
    """Manually Update Software (Check for updates, then Update), to ``version`` or later when given, else to the newest build.

    Returns the result: ``changed``, ``software_version`` (before), ``available_version``, ``target_version``,
    ``updated_to``, ``waited``, and ``failure`` (a message) when the device cannot reach or did not reach the target.
    """
    check = client.request('GET', SOFTWARE_UPDATE_PATH)
    current = check.get('currentVersion') or ''
    available = (check.get('availableVersion') or '') if check.get('updateAvailable') else ''
    result = dict(changed=False, software_version=current, available_version=available, target_version=version or available,
                  updated_to='', waited=False)
    if version is not None and compare_versions(current, version) >= 0:
        result['msg'] = 'runs %s, at or above version %s: nothing to install' % (current, version)
        return result
    if version is not None and (not available or compare_versions(available, version) < 0):
        result['failure'] = 'runs %s, below version %s, and the update server offers %s; nothing was installed' % (
            current, version, available or 'no newer build')
        return result
    if not available:
        result['msg'] = 'runs %s, the newest build the update server offers' % current
        return result
    result.update(changed=True, msg='%s software %s -> %s' % ('would update' if check_mode else 'updated', current, available))
    if check_mode:
        return result
    client.request('POST', SOFTWARE_UPDATE_PATH, {'action': 'update'})
    if wait:
        client.wait_until_available(timeout)
        result.update(waited=True, updated_to=client.request('GET', SOFTWARE_UPDATE_PATH).get('currentVersion') or '')
        if compare_versions(result['updated_to'], result['target_version']) < 0:
            result['failure'] = 'installed %s and restarted, but the device runs %s, below %s' % (
                available, result['updated_to'] or 'an unreadable version', result['target_version'])
    return result
