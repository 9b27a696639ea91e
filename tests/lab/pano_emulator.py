# -*- coding: utf-8 -*-
# Copyright: (c) polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Polycom Pano device emulator (test double) for the polycom.uc lab.

The Pano has no public API. The REST contract served here is the project's own,
inferred from the Group Series REST API ([inferred], see tests/lab/README.md):
/rest/session, /rest/system, /rest/config with names/vars, /rest/system/reboot,
/rest/system/reset, /rest/system/logs. The lab control API lives under /_lab/.

One PanoDevice object models one device; PanoServer is its HTTPS server.
Standard library only; this file must not import anything from plugins/.
"""

from __future__ import annotations

import datetime
import http.client
import io
import ipaddress
import json
import logging
import re
import ssl
import tarfile
import threading
import time
import collections
import zoneinfo

import labkit

LOG = logging.getLogger('pano_emulator')

LANGUAGES = ('en_US', 'de_DE', 'es_ES', 'fr_FR', 'it_IT', 'ja_JP', 'ko_KR', 'pt_BR', 'ru_RU', 'zh_CN', 'zh_TW')
RESOLUTIONS = tuple('%s%s' % (res, rate) for res in ('3840x2160p', '1920x1080p', '1280x720p') for rate in ('25', '30', '50', '60'))
BOOLEANS = ('true', 'false')
# The guide (Run the Setup Wizard): "7. Select the country where the system is located." It lists no countries;
# the lab takes ISO 3166-1 alpha-2 codes [inferred], and a device set up behind the API (lab state) is in LAB_COUNTRY.
COUNTRIES = frozenset('''
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC
CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD
GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH
KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW
MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC
SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY
UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
'''.split())
COUNTRY_VAR = 'system.country'
LAB_COUNTRY = 'US'

DHCP_LEASE = {
    'network.ipv4.address': '127.0.0.1',
    'network.ipv4.gateway': '127.0.0.254',
    'network.ipv4.subnetmask': '255.255.255.0',
}

WRITE_ONLY = frozenset(('security.localaccount.password', 'cloud.password'))
PASSWORD_VAR = 'security.localaccount.password'
ADMINID_VAR = 'security.localaccount.adminid'
SETUP_VAR = 'system.setup.state'
CLOUD_WRONG_PASSWORD = 'wrong-password'
CLOCK_FORMAT = '%Y-%m-%d %H:%M'

_HOST_LABEL = re.compile(r'^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$')
_EMAIL = re.compile(r'^[^@\s]+@[^@\s]+\.[^@\s]+$')
_HHMM = re.compile(r'^([01][0-9]|2[0-3]):[0-5][0-9]$')
_CLOCK = re.compile(r'^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}$')

_TIMEZONES = None


def timezones():
    global _TIMEZONES  # pylint: disable=global-statement
    if _TIMEZONES is None:
        _TIMEZONES = frozenset(zoneinfo.available_timezones())
    return _TIMEZONES


def factory_password(serial):
    return serial[-6:]


def factory_defaults(serial):
    """All settings of a device fresh from the factory (or after deleteAllSettings)."""
    suffix = serial[-6:]
    return {
        'system.language': 'en_US',
        'system.weblanguage': 'en_US',
        'system.info.devicename': 'Pano-' + suffix,
        'system.info.roomname': '',
        COUNTRY_VAR: '',  # not chosen yet: the setup wizard asks for it
        SETUP_VAR: 'pending',
        'system.datetime.timeformat': '12h',
        'system.datetime.dstautoadjust': 'true',
        'system.datetime.timezone': 'Etc/UTC',
        'system.datetime.timeserver.mode': 'auto',
        'system.datetime.timeserver.primary': '',
        'system.datetime.timeserver.secondary': '',
        'system.screenmirroring.airplay': 'true',
        'system.screenmirroring.miracast': 'true',
        'system.visualboard.enabled': 'true',
        'network.ipv4.dhcp': 'true',
        'network.ipv4.address': DHCP_LEASE['network.ipv4.address'],
        'network.ipv4.gateway': DHCP_LEASE['network.ipv4.gateway'],
        'network.ipv4.subnetmask': DHCP_LEASE['network.ipv4.subnetmask'],
        'network.ipv6.enabled': 'false',
        'network.ipv6.slaac': 'true',
        'network.ipv6.linklocal': '',
        'network.ipv6.sitelocal': '',
        'network.ipv6.global': '',
        'network.ipv6.gateway': '',
        'network.dns.servers': '',
        'network.hostname': 'pano-' + suffix.lower(),
        'network.domainname': '',
        'network.lan.autonegotiation': 'true',
        'network.lan.speed': '1000',
        'network.lan.duplex': 'full',
        'network.icmp.ignoreredirects': 'true',
        'network.icmp.ratelimit': '1000',
        'monitor.mode': 'automatic',
        'monitor.resolution': '3840x2160p60',
        'security.securitycode.enabled': 'true',
        ADMINID_VAR: 'admin',
        PASSWORD_VAR: factory_password(serial),
        'wireless.wifi.enabled': 'true',
        'wireless.bluetooth.enabled': 'true',
        'softwareupdate.automatic': 'false',
        'softwareupdate.server': '',
        'softwareupdate.maintenancewindow': 'false',
        'softwareupdate.maintenance.begin': '02:00',
        'softwareupdate.maintenance.end': '04:00',
        'cloud.registered': 'false',
        'cloud.email': '',
        'cloud.password': '',
        # computed on read; the stored value is never shown
        'system.datetime.current': '',
    }


VAR_NAMES = frozenset(factory_defaults('000000000000'))

# The pairing as read-only config variables [inferred] (tests/lab/README.md): name -> its value in pairing_info().
PAIRING_VARS = {
    'pairing.state': lambda info: info['state'],
    'pairing.address': lambda info: info['address'],
    'pairing.userid': lambda info: info['user'],
    'pairing.content': lambda info: info['content'],
    'pairing.videosystem.model': lambda info: (info['videoSystem'] or {}).get('model') or '',
    'pairing.videosystem.serialnumber': lambda info: (info['videoSystem'] or {}).get('serialNumber') or '',
    'pairing.videosystem.softwareversion': lambda info: (info['videoSystem'] or {}).get('softwareVersion') or '',
    'pairing.videosystem.systemname': lambda info: (info['videoSystem'] or {}).get('systemName') or '',
    'pairing.pending.address': lambda info: (info['pending'] or {}).get('address') or '',
    'pairing.pending.userid': lambda info: (info['pending'] or {}).get('user') or '',
}


# ---------------------------------------------------------------------------
# value checks
# ---------------------------------------------------------------------------

def _is_ipv4(value):
    try:
        ipaddress.IPv4Address(value)
    except ValueError:
        return False
    return True


def _is_ipv6(value):
    try:
        ipaddress.IPv6Address(value)
    except ValueError:
        return False
    return True


def _is_netmask(value):
    if not _is_ipv4(value):
        return False
    bits = int(ipaddress.IPv4Address(value))
    inverted = (~bits) & 0xFFFFFFFF
    return bits != 0 and (inverted & (inverted + 1)) == 0


def _is_dns_name(value):
    if not value or len(value) > 253:
        return False
    return all(_HOST_LABEL.match(label) for label in value.rstrip('.').split('.'))


def _one_of(name, value, allowed):
    if value in allowed:
        return
    return 'INVALID_VALUE', '%s: invalid value %r; allowed values: %s' % (name, value, ', '.join(allowed))


def _switch_effects(cur, new, requested):
    """What the device changes on its own when a write sets a switch; checked with the write.

    The guide (Disable Wireless Communication Settings): "Disabling the Wi-Fi hardware turns off all Miracast-compatible
    screen mirroring features", "Disabling the Bluetooth hardware turns off all AirPlay features"; enabling does not turn
    them on. (Disable System Software Updates from the Polycom Cloud Service): "When you register a system to the Polycom
    Cloud Service, automatic software updates are enabled by default" - unless the same write says otherwise.
    """
    if new['wireless.bluetooth.enabled'] == 'false':
        new['system.screenmirroring.airplay'] = 'false'
    if new['wireless.wifi.enabled'] == 'false':
        new['system.screenmirroring.miracast'] = 'false'
    if cur['cloud.registered'] != 'true' and new['cloud.registered'] == 'true' and 'softwareupdate.automatic' not in requested:
        new['softwareupdate.automatic'] = 'true'


class _Check:
    """Validation context for one config write: current and resulting state."""

    def __init__(self, device, cur, new, requested):
        self.device = device
        self.cur = cur
        self.new = new
        self.requested = requested

    def changed(self, name):
        """The requested value differs from what the device shows now."""
        return self.requested[name] != self.device.read_value(name, self.cur)

    def flag(self, name):
        return self.new[name] == 'true'


def _dependency(name, value, why):
    return 'DEPENDENCY', '%s: cannot set %r: %s' % (name, value, why)


def _check_name_length(name, value, minimum):
    count = len(value)
    if count < minimum or count > 40:
        return 'INVALID_VALUE', '%s: invalid value %r; allowed: %d to 40 characters (got %d)' % (name, value, minimum, count)
    return None


def _check_var(name, value, ctx):
    """Return None when valid, else (result, message)."""
    if not isinstance(value, str):
        return 'INVALID_VALUE', '%s: invalid value %r; all values are strings' % (name, value)
    spec = _BOOLEAN_VARS.get(name)
    if spec is not None:
        bad = _one_of(name, value, BOOLEANS)
        if bad:
            return bad
        return spec(name, value, ctx) if callable(spec) else None
    enum = _ENUM_VARS.get(name)
    if enum is not None:
        bad = _one_of(name, value, enum)
        if bad:
            return bad
        return _ENUM_RULES[name](name, value, ctx) if name in _ENUM_RULES else None
    return _OTHER_VARS[name](name, value, ctx)


def _rule_airplay(name, value, ctx):
    if value == 'true' and not ctx.flag('wireless.bluetooth.enabled'):
        return _dependency(name, value, 'AirPlay needs wireless.bluetooth.enabled=true')
    return None


def _rule_miracast(name, value, ctx):
    if value == 'true' and not ctx.flag('wireless.wifi.enabled'):
        return _dependency(name, value, 'Miracast needs wireless.wifi.enabled=true')
    return None


def _rule_securitycode(name, value, ctx):
    if ctx.changed(name) and ctx.cur['cloud.registered'] == 'true' and ctx.flag('cloud.registered'):
        return 'READ_ONLY', '%s: cannot set %r: read-only while the system is registered with the cloud (cloud.registered=true)' % (name, value)
    return None


def _rule_cloud_registered(name, value, ctx):
    if value == 'true' and (ctx.cur['cloud.registered'] != 'true' or 'cloud.password' in ctx.requested):
        missing = [n for n in ('cloud.email', 'cloud.password') if not ctx.requested.get(n)]
        if missing:
            return _dependency(name, value, 'signing in needs %s in the same write' % ' and '.join(missing))
        if ctx.requested['cloud.password'] == CLOUD_WRONG_PASSWORD:
            return 'INVALID_VALUE', '%s: cannot set %r: cloud sign-in failed for %s (wrong email or password)' % (
                name, value, ctx.requested['cloud.email'])
    return None


def _rule_speed_duplex(name, value, ctx):
    if ctx.changed(name) and ctx.flag('network.lan.autonegotiation'):
        return _dependency(name, value, 'needs network.lan.autonegotiation=false')
    return None


def _rule_resolution(name, value, ctx):
    if ctx.changed(name) and ctx.new['monitor.mode'] != 'manual':
        return _dependency(name, value, 'needs monitor.mode=manual')
    return None


def _rule_devicename(name, value, _ctx):
    return _check_name_length(name, value, 1)


def _rule_roomname(name, value, ctx):
    bad = _check_name_length(name, value, 0)
    if bad:
        return bad
    if ctx.changed(name) and ctx.cur['cloud.registered'] == 'true' and ctx.flag('cloud.registered'):
        return 'READ_ONLY', '%s: cannot set %r: read-only while the system is registered with the cloud (cloud.registered=true)' % (name, value)
    return None


def _rule_country(name, value, _ctx):
    if value not in COUNTRIES:
        return 'INVALID_VALUE', '%s: invalid value %r; allowed values: an ISO 3166-1 alpha-2 country code in capitals such as DE or US' % (name, value)
    return None


def _rule_setup_state(name, value, _ctx):
    return 'READ_ONLY', '%s: cannot set %r: read-only (the setup completes when the admin password is changed)' % (name, value)


def _rule_timezone(name, value, _ctx):
    if value not in timezones():
        return 'INVALID_VALUE', '%s: invalid value %r; allowed values: an IANA time zone name such as Etc/UTC or Europe/Berlin' % (name, value)
    return None


def _rule_timeserver(name, value, ctx):
    if value and (len(value) > 255 or value.endswith('.') or not (_is_dns_name(value) or _is_ipv4(value) or _is_ipv6(value))):
        return 'INVALID_VALUE', '%s: invalid value %r; allowed values: a host name, an IPv4 or IPv6 address, or ""' % (name, value)
    # The guide: the addresses are "to use when Time Server is set to Manual"; the fields exist only then (clearing one too).
    if ctx.changed(name) and ctx.new['system.datetime.timeserver.mode'] != 'manual':
        return _dependency(name, value, 'needs system.datetime.timeserver.mode=manual')
    return None


def _rule_clock(name, value, ctx):
    try:
        if not _CLOCK.match(value):
            raise ValueError(value)
        datetime.datetime.strptime(value, CLOCK_FORMAT)
    except ValueError:
        return 'INVALID_VALUE', '%s: invalid value %r; allowed values: a date and time as YYYY-MM-DD HH:MM' % (name, value)
    if ctx.changed(name) and ctx.new['system.datetime.timeserver.mode'] != 'off':
        return _dependency(name, value, 'needs system.datetime.timeserver.mode=off')
    return None


def _rule_ipv4(name, value, ctx):
    if name == 'network.ipv4.subnetmask':
        if not _is_netmask(value):
            return 'INVALID_VALUE', '%s: invalid value %r; allowed values: a contiguous IPv4 netmask such as 255.255.255.0' % (name, value)
    elif not _is_ipv4(value):
        return 'INVALID_VALUE', '%s: invalid value %r; allowed values: an IPv4 address' % (name, value)
    if ctx.changed(name) and ctx.flag('network.ipv4.dhcp'):
        return _dependency(name, value, 'needs network.ipv4.dhcp=false')
    return None


def _rule_ipv6_address(name, value, ctx):
    if value and not _is_ipv6(value):
        return 'INVALID_VALUE', '%s: invalid value %r; allowed values: an IPv6 address or ""' % (name, value)
    # The guide (Configure IP Address Settings): Enable IPv6 "makes the IPv6 settings available"; link-local, site-local,
    # global and gateway are "configurable only when Enter IP address manually is selected" (the IPv4 DHCP switch off).
    if ctx.changed(name) and not (ctx.flag('network.ipv6.enabled') and not ctx.flag('network.ipv4.dhcp')):
        return _dependency(name, value, 'needs network.ipv6.enabled=true and network.ipv4.dhcp=false (Enter IP address manually)')
    return None


def _rule_dns_servers(name, value, _ctx):
    if value == '':
        return
    servers = value.split(',')
    if len(servers) > 4:
        return 'INVALID_VALUE', '%s: invalid value %r; at most 4 DNS servers (got %d)' % (name, value, len(servers))
    for server in servers:
        if not (_is_ipv4(server) or _is_ipv6(server)):
            return 'INVALID_VALUE', '%s: invalid value %r; %r is not an IPv4 or IPv6 address; allowed: up to 4 comma-separated addresses' % (
                name, value, server)
    return None


def _rule_hostname(name, value, _ctx):
    if not _is_dns_name(value) or value.endswith('.'):
        return 'INVALID_VALUE', '%s: invalid value %r; allowed values: RFC 1123 host name labels (letters, digits, hyphens; 1-63 characters each)' % (
            name, value)
    return None


def _rule_domainname(name, value, _ctx):
    if value and (not _is_dns_name(value) or value.endswith('.')):
        return 'INVALID_VALUE', '%s: invalid value %r; allowed values: a DNS domain name without a trailing dot, or ""' % (name, value)
    return None


def _rule_ratelimit(name, value, _ctx):
    if not re.match(r'^[0-9]{1,4}$', value) or int(value) > 1000:
        return 'INVALID_VALUE', '%s: invalid value %r; allowed values: an integer from 0 to 1000' % (name, value)
    return None


def _rule_adminid(name, value, _ctx):
    if not 1 <= len(value) <= 32 or re.search(r'\s', value):
        return 'INVALID_VALUE', '%s: invalid value %r; allowed values: 1 to 32 characters without white space' % (name, value)
    return None


def _rule_password(name, value, _ctx):
    if not 1 <= len(value) <= 64:
        return 'INVALID_VALUE', '%s: invalid value (hidden); allowed values: 1 to 64 characters' % name
    return None


def _rule_update_server(name, value, ctx):
    if len(value) > 255 or re.search(r'\s', value):
        return 'INVALID_VALUE', '%s: invalid value %r; allowed values: a server address or URL without white space, or ""' % (name, value)
    # The guide (Automatically Update Software): enabling automatic updates makes the server field appear.
    if ctx.changed(name) and not ctx.flag('softwareupdate.automatic'):
        return _dependency(name, value, 'needs softwareupdate.automatic=true')
    return None


def _rule_maintenance_window(name, value, ctx):
    # The guide: "You also have the option to specify that updates occur within a specific time range" once automatic updates are on.
    if ctx.changed(name) and not ctx.flag('softwareupdate.automatic'):
        return _dependency(name, value, 'needs softwareupdate.automatic=true')
    return None


def _rule_hhmm(name, value, ctx):
    if not _HHMM.match(value):
        return 'INVALID_VALUE', '%s: invalid value %r; allowed values: a time as HH:MM (24 h)' % (name, value)
    # The guide: "When the date fields appear" after selecting "Only check for updates during maintenance hours".
    if ctx.changed(name) and not (ctx.flag('softwareupdate.automatic') and ctx.flag('softwareupdate.maintenancewindow')):
        return _dependency(name, value, 'needs softwareupdate.automatic=true and softwareupdate.maintenancewindow=true')
    return None


def _rule_cloud_email(name, value, ctx):
    if value and not _EMAIL.match(value):
        return 'INVALID_VALUE', '%s: invalid value %r; allowed values: an email address' % (name, value)
    if ctx.changed(name):
        signing_in = ctx.requested.get('cloud.registered') == 'true' and bool(ctx.requested.get('cloud.password'))
        signing_out = value == '' and ctx.new['cloud.registered'] != 'true'
        if not (signing_in or signing_out):
            return _dependency(name, value, 'the email can only be set while signing in (cloud.registered=true with cloud.password in the same write)')
    return None


def _rule_cloud_password(name, value, ctx):
    if not value:
        return 'INVALID_VALUE', '%s: invalid value (empty); allowed values: the cloud account password' % name
    if not ctx.flag('cloud.registered'):
        return _dependency(name, '(hidden)', 'the cloud password is only used to sign in (cloud.registered=true)')
    return None


_BOOLEAN_VARS = {
    'system.datetime.dstautoadjust': True,
    'system.screenmirroring.airplay': _rule_airplay,
    'system.screenmirroring.miracast': _rule_miracast,
    'system.visualboard.enabled': True,
    'network.ipv4.dhcp': True,
    'network.ipv6.enabled': True,
    'network.ipv6.slaac': True,
    'network.lan.autonegotiation': True,
    'network.icmp.ignoreredirects': True,
    'security.securitycode.enabled': _rule_securitycode,
    'wireless.wifi.enabled': True,
    'wireless.bluetooth.enabled': True,
    'softwareupdate.automatic': True,
    'softwareupdate.maintenancewindow': _rule_maintenance_window,
    'cloud.registered': _rule_cloud_registered,
}

_ENUM_VARS = {
    'system.language': LANGUAGES,
    'system.weblanguage': LANGUAGES,
    'system.datetime.timeformat': ('12h', '24h'),
    'system.datetime.timeserver.mode': ('auto', 'manual', 'off'),
    'network.lan.speed': ('10', '100', '1000'),
    'network.lan.duplex': ('half', 'full'),
    'monitor.mode': ('automatic', 'manual'),
    'monitor.resolution': RESOLUTIONS,
}

_ENUM_RULES = {
    'network.lan.speed': _rule_speed_duplex,
    'network.lan.duplex': _rule_speed_duplex,
    'monitor.resolution': _rule_resolution,
}

_OTHER_VARS = {
    'system.info.devicename': _rule_devicename,
    'system.info.roomname': _rule_roomname,
    SETUP_VAR: _rule_setup_state,
    COUNTRY_VAR: _rule_country,
    'system.datetime.timezone': _rule_timezone,
    'system.datetime.timeserver.primary': _rule_timeserver,
    'system.datetime.timeserver.secondary': _rule_timeserver,
    'system.datetime.current': _rule_clock,
    'network.ipv4.address': _rule_ipv4,
    'network.ipv4.gateway': _rule_ipv4,
    'network.ipv4.subnetmask': _rule_ipv4,
    'network.ipv6.linklocal': _rule_ipv6_address,
    'network.ipv6.sitelocal': _rule_ipv6_address,
    'network.ipv6.global': _rule_ipv6_address,
    'network.ipv6.gateway': _rule_ipv6_address,
    'network.dns.servers': _rule_dns_servers,
    'network.hostname': _rule_hostname,
    'network.domainname': _rule_domainname,
    'network.icmp.ratelimit': _rule_ratelimit,
    ADMINID_VAR: _rule_adminid,
    PASSWORD_VAR: _rule_password,
    'softwareupdate.server': _rule_update_server,
    'softwareupdate.maintenance.begin': _rule_hhmm,
    'softwareupdate.maintenance.end': _rule_hhmm,
    'cloud.email': _rule_cloud_email,
    'cloud.password': _rule_cloud_password,
}

if set(_BOOLEAN_VARS) | set(_ENUM_VARS) | set(_OTHER_VARS) != VAR_NAMES:
    raise RuntimeError('pano_emulator: variable table and validators disagree')


# ---------------------------------------------------------------------------
# faults
# ---------------------------------------------------------------------------

FAULT_KINDS = ('status', 'slow', 'drop', 'drop_answer', 'expire_sessions')


def parse_faults(items):
    faults = []
    if not isinstance(items, list):
        raise ValueError('"faults" must be a list')
    for item in items:
        if not isinstance(item, dict) or item.get('kind') not in FAULT_KINDS:
            raise ValueError('each fault needs "kind", one of %s: %r' % (', '.join(FAULT_KINDS), item))
        fault = {
            'kind': item['kind'],
            'path': str(item.get('path', '/rest/')),
            'method': str(item['method']).upper() if item.get('method') else None,
            'count': int(item.get('count', 1)),
        }
        if fault['kind'] == 'status':
            fault['status'] = int(item.get('status', 503))
            if item.get('retry_after') is not None:
                fault['retry_after'] = item['retry_after']
        elif fault['kind'] == 'slow':
            fault['delay'] = float(item.get('delay', 5))
        elif fault['kind'] == 'expire_sessions':
            fault['after_requests'] = int(item.get('after_requests', 1))
        if fault['count'] < 1:
            raise ValueError('fault "count" must be at least 1: %r' % item)
        faults.append(fault)
    return faults


def _fault_matches(fault, method, path):
    return path.startswith(fault['path']) and (fault['method'] is None or fault['method'] == method)


# ---------------------------------------------------------------------------
# pairing with a video system [inferred]: the Pano logs in to the video system's REST API
# ---------------------------------------------------------------------------

VIDEO_SYSTEM_TIMEOUT = 5.0
PAIRING_ACTIONS = ('connect', 'pair', 'update', 'unpair', 'startContent', 'stopContent')
_PAIRABLE_MODEL = re.compile(r'group\s*(310|500|550|700)\b|centro', re.IGNORECASE)
_VERSION = re.compile(r'(\d+)(?:\.\d+)+')


class VideoSystemError(Exception):
    """A failed call to the video system, as the Pano reports it: (HTTP status, error code, message)."""

    def __init__(self, status, error, message):
        super().__init__(message)
        self.status, self.error, self.message = status, error, message


def split_address(address):
    """'10.0.0.5', '10.0.0.5:8451', 'https://10.0.0.5', '[2001:db8::5]:443' -> (host, port)."""
    text = address.strip()
    if '://' in text:
        text = text.split('://', 1)[1]
    text = text.rstrip('/')
    if text.startswith('['):
        host, _sep, rest = text[1:].partition(']')
        return host, int(rest[1:]) if rest.startswith(':') else 443
    if text.count(':') == 1:
        host, port = text.split(':')
        return host, int(port)
    return text, 443


def pairable(system):
    """The guide: Group Series 310/500/550/700 and Centro, software 6.0 or later. Returns the reason it is not, or None."""
    model = str(system.get('model') or '')
    version = _VERSION.search(str(system.get('softwareVersion') or ''))
    if not _PAIRABLE_MODEL.search(model):
        return 'the video system %s is not supported (Group Series 310, 500, 550, 700 or Centro only)' % model
    if not version or int(version.group(1)) < 6:
        return 'the video system runs software %s; 6.0 or later is required' % system.get('softwareVersion')
    return None


def video_system_session(address, user, password, work):
    """Log in to the video system at ``address``, run ``work(request)``, log out. Raises VideoSystemError."""
    try:
        host, port = split_address(address)
    except ValueError:
        raise VideoSystemError(400, 'BAD_ADDRESS', 'not an IP address (or address:port): %r' % address) from None
    context = ssl._create_unverified_context()  # [inferred] the Pano does not check the video system's certificate
    cookie = {}

    def request(method, path, body=None):
        conn = http.client.HTTPSConnection(host, port, timeout=VIDEO_SYSTEM_TIMEOUT, context=context)
        try:
            headers = {'Content-Type': 'application/json'}
            if cookie:
                headers['Cookie'] = 'session_id=%s' % cookie['sid']
            conn.request(method, path, body=json.dumps(body).encode('utf-8') if body is not None else None, headers=headers)
            resp = conn.getresponse()
            raw = resp.read()
            try:
                data = json.loads(raw.decode('utf-8')) if raw else {}
            except ValueError:
                data = {}
            return resp.status, data
        except (OSError, ssl.SSLError, http.client.HTTPException) as exc:
            raise VideoSystemError(502, 'VIDEO_SYSTEM_UNREACHABLE', 'no answer from the video system at %s: %s' % (address, exc)) from None
        finally:
            conn.close()

    status, answer = request('POST', '/rest/session', {'user': user, 'password': password, 'action': 'Login'})
    if status in (401, 403):
        raise VideoSystemError(422, 'VIDEO_SYSTEM_LOGIN_FAILED',
                               'the video system at %s refused admin ID %r or the password' % (address, user))
    sid = ((answer or {}).get('session') or {}).get('sessionId')
    if status != 200 or not sid:
        raise VideoSystemError(502, 'VIDEO_SYSTEM_ERROR', 'the video system at %s answered the login with HTTP %d' % (address, status))
    cookie['sid'] = sid
    try:
        return work(request)
    finally:
        try:
            request('DELETE', '/rest/session')
        except VideoSystemError:
            pass


def _blank_pairing():
    return {'address': '', 'user': '', 'password': '', 'videoSystem': None, 'pending': None, 'content': 'STOPPED'}


# ---------------------------------------------------------------------------
# the device
# ---------------------------------------------------------------------------

class PanoDevice(labkit.SessionDevice):
    """The state of one emulated Pano. All public methods are thread safe."""

    def __init__(self, cfg):
        self.cfg = dict(cfg)
        self.name = cfg['name']
        self.port = int(cfg['port'])
        self.serial = cfg['serial']
        self.software_version = cfg.get('softwareVersion', '1.1.2.1007')
        self.available_version = cfg.get('availableSoftwareVersion')  # on the Polycom update server; None: nothing newer
        self.update_keeps_version = False  # lab: an install that fails, so the device restarts into its old version
        self.hardware_version = cfg.get('hardwareVersion', '1')
        self.mac = cfg.get('macAddress') or '00:e0:db:%s:%s:%s' % (self.serial[-6:-4], self.serial[-4:-2], self.serial[-2:])
        self.mac = self.mac.lower()
        self.restart_seconds = float(cfg.get('restart_seconds', 3))
        self.lock = threading.RLock()
        self.connections = set()
        self.journal = collections.deque(maxlen=5000)
        self.weblog = collections.deque(maxlen=5000)
        self.vars = {}
        self.pairing_state = 'UNPAIRED'
        self.pairing = _blank_pairing()
        self.sessions = labkit.RestSessions(cfg.get('max_sessions', 4), cfg.get('session_idle_seconds', 300))
        self.failed_logins = 0
        self.faults = []
        self.stats = {}
        self.restarts = 0
        self.boot_time = time.time()
        self.unavailable_until = 0.0
        self.clock_offset = 0.0
        self.factory_reset(initial=True)

    # -- state --------------------------------------------------------------

    @property
    def factory_password(self):
        return factory_password(self.serial)

    def _initial_state(self):
        state = dict(self.cfg.get('state') or {})
        values = factory_defaults(self.serial)
        setup_complete = bool(state.pop('setup_complete', False))
        admin_password = state.pop('admin_password', None)
        pairing = state.pop('pairing_state', 'UNPAIRED')
        for name, value in state.items():
            values[name] = value if isinstance(value, str) else json.dumps(value)
        if admin_password is not None:
            values[PASSWORD_VAR] = admin_password
        values[SETUP_VAR] = 'complete' if setup_complete else values.get(SETUP_VAR, 'pending')
        if setup_complete and not values[COUNTRY_VAR]:
            values[COUNTRY_VAR] = LAB_COUNTRY  # its wizard ran: it has a country
        return values, pairing

    def factory_reset(self, initial=False):
        """Back to the configured initial state (lab /_lab/factory)."""
        with self.lock:
            self.vars, self.pairing_state = self._initial_state()
            self.software_version = self.cfg.get('softwareVersion', '1.1.2.1007')
            self.available_version = self.cfg.get('availableSoftwareVersion')
            self.update_keeps_version = False
            self.pairing = _blank_pairing()
            self.clock_offset = 0.0
            self.sessions.drop_all()
            self.failed_logins = 0
            self.faults = []
            self.reset_stats()
            self.restarts = 0
            self.unavailable_until = 0.0
            self.boot_time = time.time()
            self.event('lab: configured initial state %s' % ('loaded' if initial else 'restored'))

    def reset_stats(self):
        with self.lock:
            self.stats = {
                'requests': 0, 'by_endpoint': {}, 'config_reads': 0, 'config_writes': 0, 'config_writes_applied': 0,
                'logins': 0, 'failed_logins': 0, 'logouts': 0, 'rejected_while_restarting': 0,
            }

    def event(self, message):
        stamp = datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%S.%fZ')
        self.journal.append('%s %s: %s' % (stamp, self.name, message))
        LOG.info('%s: %s', self.name, message)

    @property
    def available(self):
        return time.time() >= self.unavailable_until

    def health(self):
        return {'ok': True, 'name': self.name, 'available': self.available}

    @property
    def setup_complete(self):
        return self.vars[SETUP_VAR] == 'complete'

    def read_value(self, name, values=None):
        values = self.vars if values is None else values
        if name in DHCP_LEASE and values['network.ipv4.dhcp'] == 'true':
            return DHCP_LEASE[name]
        if name == 'system.datetime.current':
            offset = self.clock_offset if values['system.datetime.timeserver.mode'] == 'off' else 0.0
            now = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=offset)
            return now.strftime(CLOCK_FORMAT)
        return values[name]

    def system_info(self):
        with self.lock:
            values = self.vars
            ipv6 = ''
            if values['network.ipv6.enabled'] == 'true':
                if values['network.ipv6.slaac'] == 'true' or not (values['network.ipv6.global'] or values['network.ipv6.linklocal']):
                    octets = [int(x, 16) for x in self.mac.split(':')]
                    octets[0] ^= 0x02
                    ipv6 = str(ipaddress.IPv6Address('fe80::%02x%02x:%02xff:fe%02x:%02x%02x' % tuple(octets)))
                else:
                    ipv6 = values['network.ipv6.global'] or values['network.ipv6.linklocal']
            return {
                'model': 'Polycom Pano',
                'serialNumber': self.serial,
                'softwareVersion': self.software_version,
                'hardwareVersion': self.hardware_version,
                'macAddress': self.mac,
                'ipv4Address': self.read_value('network.ipv4.address'),
                'ipv6Address': ipv6,
                'systemName': values['system.info.devicename'],
                'roomName': values['system.info.roomname'],
                'setupState': 'COMPLETE' if self.setup_complete else 'PENDING',
                'cloudState': 'REGISTERED' if values['cloud.registered'] == 'true' else 'UNREGISTERED',
                'pairingState': self.pairing_state,
                'rebootNeeded': False,
                'uptime': round(max(0.0, time.time() - self.boot_time), 2),
            }

    def lab_state(self):
        with self.lock:
            values = dict(self.vars)
            values['system.datetime.current'] = self.read_value('system.datetime.current')
            return {
                'name': self.name,
                'vars': values,
                'setup': 'complete' if self.setup_complete else 'pending',
                'admin_id': self.vars[ADMINID_VAR],
                'admin_password': self.vars[PASSWORD_VAR],
                'pairing_state': self.pairing_state,
                'pairing': json.loads(json.dumps(self.pairing)),
                'restarts': self.restarts,
                'software_version': self.software_version,
                'available_software_version': self.available_version,
                'update_keeps_version': self.update_keeps_version,
                'available': self.available,
                'active_sessions': self.sessions.in_use(),
            }

    def lab_set_state(self, body):
        with self.lock:
            for name, value in (body.get('vars') or {}).items():
                if name not in VAR_NAMES:
                    raise ValueError('unknown variable %r' % name)
                self.vars[name] = value if isinstance(value, str) else json.dumps(value)
            if body.get('admin_password') is not None:
                self.vars[PASSWORD_VAR] = str(body['admin_password'])
            if body.get('setup_complete') is not None:
                self.vars[SETUP_VAR] = 'complete' if body['setup_complete'] else 'pending'
                if body['setup_complete'] and not self.vars[COUNTRY_VAR]:
                    self.vars[COUNTRY_VAR] = LAB_COUNTRY  # its wizard ran: it has a country
            if 'available_software_version' in body:  # a new build on the update server
                self.available_version = body['available_software_version'] or None
            if 'update_keeps_version' in body:  # the next installs fail: restart, old version, the build still offered
                self.update_keeps_version = bool(body['update_keeps_version'])
            if body.get('pairing_state') is not None:
                if body['pairing_state'] not in ('UNPAIRED', 'CONNECTED', 'PAIRED'):
                    raise ValueError('pairing_state must be UNPAIRED, CONNECTED or PAIRED')
                self.pairing_state = body['pairing_state']
                if self.pairing_state == 'UNPAIRED':
                    self.pairing = _blank_pairing()
            self.event('lab: state changed behind the API: %s' % ', '.join(sorted(body)))

    # -- restart ------------------------------------------------------------

    def restart(self, reason, keep=None):
        """Drop all sessions and connections; unavailable for restart_seconds."""
        with self.lock:
            self.restarts += 1
            self.sessions.drop_all()
            self.unavailable_until = time.time() + self.restart_seconds
            self.boot_time = self.unavailable_until
            self.drop_connections(keep)
            self.event('restarting (%s); back in %.1f s' % (reason, self.restart_seconds))

    def drop_connections(self, keep=None):
        with self.lock:
            conns = list(self.connections)
        labkit.cut_connections(conns, keep)

    # -- sessions -----------------------------------------------------------

    def login(self, user, password):
        """Return (status, body, session id or None)."""
        with self.lock:
            self.stats['logins'] += 1
            if user != self.vars[ADMINID_VAR] or password != self.vars[PASSWORD_VAR]:
                self.failed_logins += 1
                self.stats['failed_logins'] += 1
                self.event('login failed for user %r (%d failed logins)' % (user, self.failed_logins))
                return 401, labkit.login_refused(self.failed_logins), None
            sid = self.sessions.open()
            if sid is None:
                self.event('login refused for %r: all %d session slots in use' % (user, self.sessions.max_sessions))
                return self.sessions.limit_answer() + (None,)
            self.failed_logins = 0
            self.event('login ok for %r (%d of %d sessions in use)' % (user, self.sessions.in_use(), self.sessions.max_sessions))
            answer = labkit.login_answer(sid, user)
            answer['passwordChangeRequired'] = not self.setup_complete
            return 200, answer, sid

    def logged_out(self):
        self.event('logout')

    # -- faults -------------------------------------------------------------

    def set_faults(self, faults):
        with self.lock:
            self.faults = list(faults)
            if faults:
                self.event('lab: %d fault(s) queued: %s' % (len(faults), ', '.join(f['kind'] for f in faults)))

    def take_fault(self, method, path):
        """The faults form a queue: only its head applies, to the next request it matches."""
        with self.lock:
            if not self.faults:
                return None
            fault = self.faults[0]
            if fault['kind'] == 'expire_sessions' or not _fault_matches(fault, method, path):
                return None
            fault['count'] -= 1
            if fault['count'] <= 0:
                self.faults.pop(0)
            self.event('fault %s injected on %s %s' % (fault['kind'], method, path))
            return dict(fault)

    def after_request(self, method, path):
        """Count a served request against an expire_sessions fault at the head of the queue."""
        with self.lock:
            if not self.faults:
                return
            fault = self.faults[0]
            if fault['kind'] != 'expire_sessions' or not _fault_matches(fault, method, path):
                return
            fault['after_requests'] -= 1
            if fault['after_requests'] <= 0:
                self.sessions.drop_all()
                self.event('fault expire_sessions: all sessions invalidated after %s %s' % (method, path))
                fault['count'] -= 1
                if fault['count'] <= 0:
                    self.faults.pop(0)
                else:
                    fault['after_requests'] = 1

    def count_request(self, method, path, body):
        with self.lock:
            stats = self.stats
            stats['requests'] += 1
            key = '%s %s' % (method, path)
            stats['by_endpoint'][key] = stats['by_endpoint'].get(key, 0) + 1
            if method == 'POST' and path == '/rest/config' and isinstance(body, dict):
                if 'vars' in body:
                    stats['config_writes'] += 1
                elif 'names' in body:
                    stats['config_reads'] += 1

    def stats_snapshot(self):
        with self.lock:
            snap = json.loads(json.dumps(self.stats))
            snap['active_sessions'] = self.sessions.in_use()
            return snap

    # -- config -------------------------------------------------------------

    def read_config(self, names):
        with self.lock:
            result = []
            pairing = self.pairing_info()
            for name in names:
                if name in PAIRING_VARS:
                    result.append({'name': name, 'value': PAIRING_VARS[name](pairing), 'result': 'NOERROR'})
                elif name not in VAR_NAMES:
                    result.append({'name': name, 'result': 'UNKNOWN_NAME'})
                elif name in WRITE_ONLY:
                    result.append({'name': name, 'result': 'WRITEONLY'})
                else:
                    result.append({'name': name, 'value': self.read_value(name), 'result': 'NOERROR'})
            return {'vars': result}

    def write_config(self, items):
        """Return (status, body, restart_reason or None)."""
        with self.lock:
            cur = self.vars
            requested = {}
            for item in items:
                name = item.get('name')
                if name in VAR_NAMES:
                    requested[name] = item.get('value')
            if not self.setup_complete:
                password = requested.get(PASSWORD_VAR)
                if not isinstance(password, str) or password == self.factory_password:
                    self.event('config write refused: setup pending')
                    return 409, {
                        'success': False, 'error': 'SETUP_PENDING',
                        'message': 'the setup wizard is pending: the default admin password must be changed first',
                    }, None
                if not requested.get(COUNTRY_VAR, cur[COUNTRY_VAR]):
                    # The guide (Run the Setup Wizard): "7. Select the country where the system is located." before Finish.
                    self.event('config write refused: setup wizard without a country')
                    return 409, {
                        'success': False, 'error': 'SETUP_INCOMPLETE',
                        'message': 'the setup wizard cannot finish: select the country where the system is located (%s)' % COUNTRY_VAR,
                    }, None
            new = dict(cur)
            for name, value in requested.items():
                if isinstance(value, str):
                    new[name] = value
            _switch_effects(cur, new, requested)
            ctx = _Check(self, cur, new, requested)
            answers = []
            failed = False
            for item in items:
                name = item.get('name')
                value = item.get('value')
                answer = {'name': name, 'requestedValue': value if name not in WRITE_ONLY else '********'}
                if name in PAIRING_VARS:
                    bad = ('READ_ONLY', '%s: read-only (General Settings > Pairing: Connect, Pair, Update, Unpair)' % name)
                elif name not in VAR_NAMES:
                    bad = ('UNKNOWN_NAME', '%r is not a known setting name' % (name,))
                else:
                    bad = _check_var(name, value, ctx)
                if bad:
                    failed = True
                    answer['result'], answer['message'] = bad
                else:
                    answer['result'] = 'NOERROR'
                answers.append(answer)
            if failed:
                self.event('config write rejected, nothing applied: %s' % '; '.join(a['message'] for a in answers if 'message' in a))
                return 400, {'vars': answers}, None
            self._derive(cur, new, requested)
            network_before = {n: self.read_value(n, cur) for n in VAR_NAMES if n.startswith('network.')}
            self.vars = new
            self.stats['config_writes_applied'] += 1
            changed = sorted(n for n in VAR_NAMES if n != 'system.datetime.current' and self.read_value(n, cur) != self.read_value(n, new))
            self.event('config write applied; changed: %s' % (', '.join(changed) or 'nothing'))
            network = any(self.read_value(n, new) != v for n, v in network_before.items())
            # The guide (Run the Setup Wizard): "When prompted, select Finish. The system will restart to complete the setup process."
            finished = cur[SETUP_VAR] != 'complete' and new[SETUP_VAR] == 'complete'
            reason = 'network settings changed' if network else 'setup wizard finished' if finished else None
            return 200, {'vars': answers, 'rebootNeeded': False, 'restarting': bool(reason)}, reason

    def _derive(self, cur, new, requested):
        """Side effects of an accepted write (the guide's rules)."""
        if PASSWORD_VAR in requested and new[SETUP_VAR] != 'complete':
            new[SETUP_VAR] = 'complete'
            self.event('setup wizard completed (admin password changed)')
        if cur['network.ipv4.dhcp'] == 'true' and new['network.ipv4.dhcp'] == 'false':
            for name, lease in DHCP_LEASE.items():
                if name not in requested:
                    new[name] = lease
        if new['cloud.registered'] == 'false':
            new['cloud.email'] = ''
            new['cloud.password'] = ''
        if 'system.datetime.current' in requested and new['system.datetime.timeserver.mode'] == 'off':
            wanted = datetime.datetime.strptime(requested['system.datetime.current'], CLOCK_FORMAT).replace(tzinfo=datetime.timezone.utc)
            now = datetime.datetime.now(datetime.timezone.utc).replace(second=0, microsecond=0)
            self.clock_offset = (wanted - now).total_seconds()
        elif new['system.datetime.timeserver.mode'] != 'off':
            self.clock_offset = 0.0

    def delete_all_settings(self):
        with self.lock:
            self.vars = factory_defaults(self.serial)
            self.pairing_state = 'UNPAIRED'
            self.pairing = _blank_pairing()
            self.clock_offset = 0.0
            self.failed_logins = 0
            self.event('all system settings deleted (software version %s and logs kept)' % self.software_version)

    # -- software update [inferred] -------------------------------------------

    def software_update_info(self):
        """General Settings > Software Update > Check for updates (the guide, Manually Update Software)."""
        with self.lock:
            newer = self.available_version if self.available_version and self.available_version != self.software_version else None
            return {'currentVersion': self.software_version, 'availableVersion': newer or '', 'updateAvailable': bool(newer)}

    def software_update(self, body):
        """The Update button: installs the build the check found, then restarts. Returns (status, answer, restart reason)."""
        if not isinstance(body, dict) or body.get('action') != 'update':
            return 400, {'success': False, 'error': 'BAD_REQUEST', 'message': 'expected {"action": "update"}'}, None
        with self.lock:
            info = self.software_update_info()
            if not info['updateAvailable']:
                return 409, {'success': False, 'error': 'NO_UPDATE', 'message': 'software %s is the latest build' % self.software_version}, None
            old = self.software_version
            if self.update_keeps_version:
                self.event('software update to %s failed; restarting with %s' % (info['availableVersion'], old))
                return 200, {'success': True, 'previousVersion': old, 'currentVersion': info['availableVersion']}, 'software update failed'
            self.software_version, self.available_version = info['availableVersion'], None
            self.event('software updated from %s to %s' % (old, self.software_version))
        return 200, {'success': True, 'previousVersion': old, 'currentVersion': info['availableVersion']}, 'software update installed'

    # -- pairing [inferred] ----------------------------------------------------

    def pairing_info(self):
        with self.lock:
            pairing = self.pairing
            pending = pairing['pending']
            return {
                'state': self.pairing_state,
                'address': pairing['address'],
                'user': pairing['user'],
                'videoSystem': dict(pairing['videoSystem']) if pairing['videoSystem'] else None,
                'pending': {'address': pending['address'], 'user': pending['user'], 'videoSystem': dict(pending['videoSystem'])} if pending else None,
                'content': pairing['content'],
            }

    def pairing_action(self, body):
        """One button of General Settings > Pairing. Returns (status, answer). Video system calls run outside the lock."""
        action = body.get('action') if isinstance(body, dict) else None
        if action not in PAIRING_ACTIONS:
            return 400, {'success': False, 'error': 'BAD_REQUEST', 'message': 'action must be one of %s' % ', '.join(PAIRING_ACTIONS)}
        try:
            return getattr(self, '_pairing_' + action)(body)
        except VideoSystemError as exc:
            self.event('pairing %s failed: %s' % (action, exc.message))
            return exc.status, {'success': False, 'error': exc.error, 'message': exc.message, 'state': self.pairing_state}

    def _answer(self):
        answer = self.pairing_info()
        answer['success'] = True
        return 200, answer

    def _pairing_connect(self, body):
        address, user, password = body.get('address'), body.get('user'), body.get('password', '')
        if not isinstance(address, str) or not address.strip() or not isinstance(user, str) or not user or not isinstance(password, str):
            return 400, {'success': False, 'error': 'BAD_REQUEST', 'message': 'connect needs "address", "user" and "password" (may be empty)'}
        try:
            system = video_system_session(address, user, password, lambda request: request('GET', '/rest/system')[1])
            problem = pairable(system)
            if problem:
                raise VideoSystemError(422, 'VIDEO_SYSTEM_UNSUPPORTED', problem)
        except VideoSystemError:
            with self.lock:  # the Pair/Update button does not appear; a connection not yet paired is forgotten
                self.pairing['pending'] = None
                if self.pairing_state == 'CONNECTED':
                    self.pairing_state = 'UNPAIRED'
                    self.pairing = _blank_pairing()
            raise
        identity = dict((key, system.get(key)) for key in ('model', 'serialNumber', 'softwareVersion', 'systemName'))
        with self.lock:
            self.pairing['pending'] = {'address': address, 'user': user, 'password': password, 'videoSystem': identity}
            if self.pairing_state == 'UNPAIRED':
                self.pairing_state = 'CONNECTED'
            self.event('pairing: connected to %s at %s' % (identity['model'], address))
        return self._answer()

    def _pairing_pair(self, _body):
        with self.lock:
            if self.pairing_state == 'PAIRED':
                return 409, {'success': False, 'error': 'ALREADY_PAIRED', 'message': 'already paired: connect, then update'}
            if self.pairing_state != 'CONNECTED' or not self.pairing['pending']:
                return 409, {'success': False, 'error': 'NOT_CONNECTED', 'message': 'connect to the video system first'}
            if self.vars['system.visualboard.enabled'] == 'true':
                return 409, {'success': False, 'error': 'VISUALBOARD_ENABLED',
                             'message': 'disable the VisualBoard application first (system.visualboard.enabled=false)'}
            self._take_pending()
            self.pairing_state = 'PAIRED'
            self.event('pairing: paired with %s' % self.pairing['address'])
        return self._answer()

    def _pairing_update(self, _body):
        with self.lock:
            if self.pairing_state != 'PAIRED':
                return 409, {'success': False, 'error': 'NOT_PAIRED', 'message': 'not paired: connect, then pair'}
            if not self.pairing['pending']:
                return 409, {'success': False, 'error': 'NOT_CONNECTED', 'message': 'connect to the video system first'}
            if self.vars['system.visualboard.enabled'] == 'true':
                return 409, {'success': False, 'error': 'VISUALBOARD_ENABLED',
                             'message': 'disable the VisualBoard application first (system.visualboard.enabled=false)'}
            self._take_pending()
            self.event('pairing: updated to %s' % self.pairing['address'])
        return self._answer()

    def _take_pending(self):
        pending = self.pairing['pending']
        self.pairing.update(address=pending['address'], user=pending['user'], password=pending['password'],
                            videoSystem=pending['videoSystem'], pending=None, content='STOPPED')

    def _pairing_unpair(self, _body):
        with self.lock:
            if self.pairing_state == 'UNPAIRED':
                return 409, {'success': False, 'error': 'NOT_PAIRED', 'message': 'no video system is paired'}
            old = dict(self.pairing)
            self.pairing_state = 'UNPAIRED'
            self.pairing = _blank_pairing()
            self.event('pairing: unpaired from %s' % (old['address'] or '(connected only)'))
        if old['content'] == 'STARTED' and old['address']:
            try:
                self._content_call(old, 'stop')
            except VideoSystemError:
                pass
        return self._answer()

    def _content_call(self, pairing, action):
        source = self.vars['system.info.devicename']
        return video_system_session(pairing['address'], pairing['user'], pairing['password'],
                                    lambda request: request('POST', '/rest/media/content', {'action': action, 'source': source}))

    def _pairing_content(self, action):
        with self.lock:
            if self.pairing_state != 'PAIRED':
                return 409, {'success': False, 'error': 'NOT_PAIRED', 'message': 'pair with a video system first'}
            pairing = dict(self.pairing)
        status, answer = self._content_call(pairing, action)
        if status != 200:
            raise VideoSystemError(502, 'VIDEO_SYSTEM_ERROR', 'the video system answered content %s with HTTP %d %s' % (action, status, answer))
        with self.lock:
            self.pairing['content'] = 'STARTED' if action == 'start' else 'STOPPED'
            self.event('pairing: content %s' % self.pairing['content'].lower())
        return self._answer()

    def _pairing_startContent(self, _body):  # pylint: disable=invalid-name
        return self._pairing_content('start')

    def _pairing_stopContent(self, _body):  # pylint: disable=invalid-name
        return self._pairing_content('stop')

    # -- logs ---------------------------------------------------------------

    def logs_archive(self):
        with self.lock:
            header = [
                'Polycom Pano system log',
                'model: Polycom Pano',
                'serialNumber: %s' % self.serial,
                'softwareVersion: %s' % self.software_version,
                'hardwareVersion: %s' % self.hardware_version,
                'macAddress: %s' % self.mac,
                'restarts: %d' % self.restarts,
                '',
            ]
            files = {
                'system.log': '\n'.join(header + list(self.journal)) + '\n',
                'web.log': '\n'.join(self.weblog) + '\n',
            }
        buf = io.BytesIO()
        now = time.time()
        with tarfile.open(fileobj=buf, mode='w:gz') as tar:
            for fname, text in files.items():
                data = text.encode('utf-8')
                info = tarfile.TarInfo('logs/' + fname)
                info.size = len(data)
                info.mtime = int(now)
                info.mode = 0o644
                tar.addfile(info, io.BytesIO(data))
        return buf.getvalue()


# ---------------------------------------------------------------------------
# HTTP
# ---------------------------------------------------------------------------

class PanoHandler(labkit.DeviceHandler):
    server_version = 'PanoWeb/1.0'
    sys_version = ''
    timeout = 60
    wbufsize = -1
    close_connection = True

    do_PATCH = labkit.DeviceHandler.dispatch

    @property
    def device(self):
        return self.server.device

    # -- plumbing -----------------------------------------------------------

    def _read_body(self):
        length = self.headers.get('Content-Length')
        if self.headers.get('Transfer-Encoding', '').lower() == 'chunked':
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b';')[0].strip() or b'0', 16)
                if size == 0:
                    while self.rfile.readline() not in (b'\r\n', b'\n', b''):
                        pass
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b''.join(chunks)
        if length:
            return self.rfile.read(int(length))
        return b''

    def _send(self, status, body, headers=(), content_type='application/json'):
        data = json.dumps(body).encode('utf-8') if isinstance(body, (dict, list)) else body
        headers = [('Cache-Control', 'no-store')] + list(headers) + ([('Connection', 'close')] if self.close_connection else [])
        labkit.send_body(self, status, data, content_type, headers)

    def read_request(self):
        """(body, bad_json): the routes decide when a body that is not JSON matters; None after an unreadable body."""
        try:
            raw = self._read_body()
        except (ValueError, OSError):
            self.close_connection = True
            return None
        try:
            return labkit.parse_json(raw), None
        except ValueError as exc:
            return None, str(exc)

    def route(self, path):
        if path.startswith('/_lab/') or path == '/_lab':
            return self._lab
        if path.startswith('/rest/') or path == '/rest':
            return self._rest
        return None

    # -- /rest ----------------------------------------------------------------

    def _rest(self, path, body, bad_json):
        device = self.device
        method = self.command
        labkit.drop_while_restarting(device)
        device.count_request(method, path, body)
        device.weblog.append('%s %s %s "%s %s"' % (
            datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ'), self.client_address[0], device.name, method, path))
        fault = device.take_fault(method, path)
        if fault:
            if fault['kind'] == 'drop':
                raise labkit.DropConnection()
            if fault['kind'] == 'drop_answer':  # the device does it, but the answer never leaves
                self.wfile = io.BytesIO()
                self._rest_route(path, method, body, bad_json)
                raise labkit.DropConnection()
            if fault['kind'] == 'status':
                self._send(fault['status'], {'success': False, 'error': 'INJECTED_FAULT', 'message': 'lab fault: HTTP %d' % fault['status']},
                           headers=labkit.retry_after(fault))
                return
            if fault['kind'] == 'slow':
                time.sleep(fault['delay'])
        self._rest_route(path, method, body, bad_json)
        device.after_request(method, path)

    def _restart(self, reason):
        """The device restarts as it answers: mark it down first so that no other request slips in."""
        self.device.restart(reason, keep=self.connection)
        self.close_connection = True

    def _rest_route(self, path, method, body, bad_json):
        """Answer one /rest request."""
        device = self.device
        routes = {
            '/rest/session': ('POST', 'DELETE'),
            '/rest/system': ('GET',),
            '/rest/system/reboot': ('POST',),
            '/rest/system/reset': ('POST',),
            '/rest/system/logs': ('GET',),
            '/rest/config': ('POST',),
            '/rest/pairing': ('GET', 'POST'),
            '/rest/system/softwareupdate': ('GET', 'POST'),
        }
        if not labkit.route_allowed(self._send, routes, path, method):
            return
        if bad_json is not None:
            self._send(400, {'success': False, 'error': 'BAD_REQUEST', 'message': 'the body is not valid JSON: %s' % bad_json})
            return
        if not labkit.session_step(self._send, device, self.headers, path, method, lambda: self._login(body)):
            return
        if path == '/rest/system':
            self._send(200, device.system_info())
        elif path == '/rest/system/logs':
            self._send(200, device.logs_archive(), content_type='application/gzip',
                       headers=[('Content-Disposition', 'attachment; filename="pano-%s-logs.tgz"' % device.serial)])
        elif path == '/rest/system/reboot':
            if not isinstance(body, dict) or body.get('action') != 'reboot':
                self._send(400, {'success': False, 'error': 'BAD_REQUEST', 'message': 'expected {"action": "reboot"}'})
                return
            self._restart('reboot requested')
            self._send(200, {'success': True})
        elif path == '/rest/system/softwareupdate':
            self._software_update(method, body)
        elif path == '/rest/pairing':
            if method == 'GET':
                self._send(200, device.pairing_info())
            else:
                self._send(*device.pairing_action(body))
        elif path == '/rest/system/reset':
            if not isinstance(body, dict) or body.get('action') != 'deleteAllSettings':
                self._send(400, {'success': False, 'error': 'BAD_REQUEST', 'message': 'expected {"action": "deleteAllSettings"}'})
                return
            device.delete_all_settings()
            self._restart('all system settings deleted')
            self._send(200, {'success': True})
        else:
            self._config(body)

    def _software_update(self, method, body):
        if method == 'GET':
            self._send(200, self.device.software_update_info())
            return
        status, answer, restart_reason = self.device.software_update(body)
        if restart_reason:
            self._restart(restart_reason)
        self._send(status, answer)

    def _login(self, body):
        device = self.device
        if not isinstance(body, dict) or body.get('action', 'Login') != 'Login' or not isinstance(body.get('user'), str) \
                or not isinstance(body.get('password'), str):
            with device.lock:
                device.stats['logins'] += 1
                device.stats['failed_logins'] += 1
            self._send(400, {'success': False, 'error': 'BAD_REQUEST', 'message': 'expected {"user": ..., "password": ..., "action": "Login"}'})
            return
        status, answer, sid = device.login(body['user'], body['password'])
        self._send(status, answer, headers=labkit.login_headers(status, sid))

    def _config(self, body):
        device = self.device
        if not isinstance(body, dict) or ('names' in body) == ('vars' in body):
            self._send(400, {'success': False, 'error': 'BAD_REQUEST', 'message': 'expected {"names": [...]} or {"vars": [{"name": ..., "value": ...}]}'})
            return
        if 'names' in body:
            names = body['names']
            if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
                self._send(400, {'success': False, 'error': 'BAD_REQUEST', 'message': '"names" must be a list of strings'})
                return
            self._send(200, device.read_config(names))
            return
        items = body['vars']
        if not isinstance(items, list) or not items or not all(isinstance(i, dict) and isinstance(i.get('name'), str) for i in items):
            self._send(400, {'success': False, 'error': 'BAD_REQUEST', 'message': '"vars" must be a non-empty list of {"name": ..., "value": ...}'})
            return
        status, answer, restart_reason = device.write_config(items)
        if restart_reason:
            self._restart(restart_reason)
        self._send(status, answer)
        return

    # -- /_lab ----------------------------------------------------------------

    def _lab(self, path, body, bad_json):
        if bad_json is not None:
            self._send(400, {'success': False, 'error': 'BAD_REQUEST', 'message': bad_json})
            return
        self.answer_lab(self.device, path, body, parse_faults)


class PanoServer(labkit.TLSDeviceServer):
    """HTTPS server for one device; a restart cuts its open connections."""

    request_queue_size = 64
    tcp_nodelay = True

    def __init__(self, device, ssl_context, host='127.0.0.1'):
        self.device = device
        super().__init__((host, device.port), PanoHandler, ssl_context, device.name, LOG,
                         connections=device.connections, lock=device.lock)


class Emulator:
    """All devices of a lab, each with its own HTTPS server thread, in one process."""

    def __init__(self, device_configs, certfile, keyfile, host='127.0.0.1'):
        context = labkit.make_ssl_context(certfile, keyfile)
        self.devices = {}
        self.servers = []
        self.threads = []
        try:
            for cfg in device_configs:
                device = PanoDevice(cfg)
                self.devices[device.name] = device
                self.servers.append(PanoServer(device, context, host))
        except Exception:
            self.close()
            raise

    def start(self):
        self.threads += [labkit.serve_in_thread(server, 'pano-%s' % server.device.name) for server in self.servers]

    def close(self):
        labkit.stop_servers(self.servers, bool(self.threads))
        for server in self.servers:
            server.device.drop_connections()
        self.servers = []
        self.threads = []


__all__ = ['PanoDevice', 'PanoServer', 'Emulator', 'factory_defaults', 'factory_password']
