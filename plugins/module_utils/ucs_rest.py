# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The REST API of Polycom UC Software phones (5.x and later): the one place for its calls, fields and codes.

What is known, and how well (labels as in docs/device-interfaces.md; a capture from a real phone corrects
this file and tests/lab/phone_rest_emulator.py, nothing else):

* [doc] *Polycom UC Software REST API Reference Manual* (5.9.2 for Trio, 6.1.0 / 6.4.0 for VVX): HTTP Basic
  authentication, the API is off unless ``apps.restapi.enabled="1"`` (404 then), every answer is
  ``{"Status": "<code>", "data": ...}`` with the codes of :data:`API_STATUS`, ``config/get`` / ``config/set``
  take at most 20 parameters a request, and "Management.Restart" executes a *safe* restart (a phone in a call
  restarts when the call has ended).
* [capture] the paths and answer shapes of :data:`PHONE_API` where the manual's text was not at hand:
  rdbahm/Posh-UCS (``UCS/UcsRest.psm1``: safeRestart, config/get with ``Value``/``Source``, the 20-parameter
  limit; ``UCS/UcsMainUtil.psm1``: the meaning of each Status code), HL727/Meeting
  (``conferencecenter/tests/mock_data``: lineInfo, v2 device/info, config/get answering ``Source`` ``default``,
  ``web`` and ``device``), a TrioSimulator README (v1 device/info and lineInfo answers), PSVVX (lineInfo).
* [inferred] everything :data:`SOURCES` marks so, the answer to a refused ``config/set`` (Status 4000, nothing
  applied) and that a busy phone (4001) takes the same request again later.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import collections
import random
import time

from ansible_collections.polycom.uc.plugins.module_utils import ucs_lync as catalogue
from ansible_collections.polycom.uc.plugins.module_utils.device import device_facts as build_device_facts, reported_mac
from ansible_collections.polycom.uc.plugins.module_utils.masking import MASK_CHANGED
from ansible_collections.polycom.uc.plugins.module_utils.polycom_rest import (
    CONNECTION_ARGSPEC, PolycomAuthError, PolycomError, set_env_fallback,
)

ApiCall = collections.namedtuple('ApiCall', 'method path label source fields')

# name -> (method, path, label, source, fields): the one table of the phone's REST calls.
PHONE_API = {
    'device_info_v1': ApiCall(
        'GET', '/api/v1/mgmt/device/info', 'doc',
        'REST API reference (Management.DeviceInfo); shape [capture] TrioSimulator README, Posh-UCS Get-UcsRestDeviceInfo',
        ('ModelNumber', 'FirmwareRelease', 'MACAddress', 'IPV4Address', 'IPV6Address', 'DeviceVendor', 'DeviceType',
         'UpTimeSinceLastReboot')),
    'device_info_v2': ApiCall(
        'GET', '/api/v2/mgmt/device/info', 'capture',
        'HL727/Meeting poly_trio mock data (UC Software 7.2), vvxme client (6.1): Firmware.Application replaces FirmwareRelease',
        ('ModelNumber', 'Firmware.Application', 'Firmware.BootBlock', 'Firmware.Updater', 'MACAddress', 'IPAddress',
         'DeviceVendor')),
    'line_info': ApiCall(
        'GET', '/api/v1/mgmt/lineInfo', 'capture',
        'HL727/Meeting mock data, TrioSimulator README, PSVVX: data is a list, one entry per line; '
        'RegistrationStatus "registered" / "unregistered"',
        ('LineNumber', 'SIPAddress', 'RegistrationStatus', 'UserID', 'Label', 'LineType', 'Protocol', 'ProxyAddress', 'Port')),
    'config_get': ApiCall(
        'POST', '/api/v1/mgmt/config/get', 'doc',
        'REST API reference (Config.Get, at most 20 names); body {"data": [names]}, answer data.<name>.Value / .Source '
        '[capture] Posh-UCS Get-UcsRestParameter, HL727/Meeting',
        ('Value', 'Source')),
    'config_set': ApiCall(
        'POST', '/api/v1/mgmt/config/set', 'doc',
        'REST API reference (Config.Set, at most 20 parameters); body {"data": {name: value}} [capture] Posh-UCS '
        'Set-UcsRestParameter; the answer to a refused value [inferred]',
        ()),
    'safe_restart': ApiCall(
        'POST', '/api/v1/mgmt/safeRestart', 'doc',
        'REST API reference (Management.Restart: "executes a safeReboot", not during a call); path [capture] '
        'Posh-UCS Restart-UcsRestPhone, HL727/Meeting; the phone re-reads its provisioning server as it starts',
        ()),
}
INFO_CALLS = {'v1': 'device_info_v1', 'v2': 'device_info_v2'}

# Status codes with their meaning [doc] REST API reference; wording [capture] Posh-UCS Get-UcsStatusCodeString.
API_STATUS = {
    '2000': 'API executed successfully',
    '4000': 'invalid input parameters',
    '4001': 'device busy, try again later',
    '4002': 'line not registered',
    '4003': 'operation not allowed',
    '4004': 'operation not supported',
    '4005': 'line does not exist',
    '4006': 'URLs not configured',
    '4007': 'call does not exist',
    '4008': 'configuration export failed',
    '4009': 'input size limit exceeded (at most 20 parameters a request)',
    '4010': 'the default password is not allowed; change the phone password',
    '5000': 'the phone failed to process the request',
}
OK, BUSY = '2000', '4001'
MAX_PARAMETERS_PER_REQUEST = 20  # [doc] config/get and config/set

# config/get Source values: where the running value comes from.
SOURCES = {
    'default': ('capture', 'no configuration sets it: the firmware default'),
    'web': ('capture', 'the web configuration utility (kept in <mac>-web.cfg); [inferred] also REST config/set'),
    'device': ('capture', "the phone's device settings (device.* parameters)"),
    'config': ('capture', "a file of the master file's CONFIG_FILES (the phone's backup calls it CONFIG_FILES; Posh-UCS)"),
    'configFile': ('inferred', 'a file of the master file\'s CONFIG_FILES on the provisioning server'),
    'sip': ('capture', 'the call server, in-band provisioning (the backup calls it CALL_SERVER; Posh-UCS)'),
    'local': ('inferred', "the phone's own menu (kept in <mac>-phone.cfg)"),
}
REGISTERED = 'registered'  # [capture] lineInfo RegistrationStatus of a registered line
# An empty value is Null: the parameter is not set ("Null" is the default the Lync guide's tables give parameters such as
# reg.x.server.y.address, "0 when Null or not defined" [doc]), so the firmware default applies again. config/set sends
# it like any value (the REST reference gives it no other meaning [doc]); that a phone then answers Value "" (Source web)
# or its default with Source default is [inferred].
CLEARED = ''


def phone_argument_spec(**options):
    """The shared connection options with the phone's own account: user Polycom, and the phone environment variables
    (never POLYCOM_USERNAME / POLYCOM_PASSWORD, the Pano and Group Series admin)."""
    spec = dict(CONNECTION_ARGSPEC)
    spec.update(
        username=dict(type='str', default='Polycom', aliases=['user'], fallback=(set_env_fallback, ['POLYCOM_PHONE_USERNAME'])),
        password=dict(type='str', no_log=True, fallback=(set_env_fallback, ['POLYCOM_PHONE_PASSWORD'])),
    )
    spec.update(options)
    return spec


def status_text(status):
    return API_STATUS.get(status, 'unexpected answer')


def call(client, name, body=None, busy_retries=3, backoff=0.5, sleep=time.sleep):
    """One API call; a busy phone (4001) is asked again with jittered backoff, 503 and dropped connections are the
    client's (urllib3) retries. Returns the answer's ``data``; raises PolycomError naming the Status and its meaning."""
    api = PHONE_API[name]
    for attempt in range(busy_retries + 1):
        answer = client.request(api.method, api.path, body) or {}
        status = str(answer.get('Status', '')) if isinstance(answer, dict) else ''
        if status == OK:
            return answer.get('data')
        if status == BUSY and attempt < busy_retries:
            sleep(min(backoff * (2 ** attempt), 5.0) + random.uniform(0, backoff))
            continue
        raise PolycomError('%s answered Status %s to %s %s: %s%s' % (
            client.base_url, status or '(none)', api.method, api.path, status_text(status),
            ' (after %d tries)' % (attempt + 1) if status == BUSY else ''), answer=answer)
    raise PolycomError('unreachable')  # pragma: no cover - the loop returns or raises


def read_device(client, api_version='auto', busy_retries=3):
    """(version, data) of the first device/info call that answers; 404 on every one means the API is off."""
    versions = ['v1', 'v2'] if api_version == 'auto' else [api_version]
    for version in versions:
        try:
            return version, call(client, INFO_CALLS[version], busy_retries=busy_retries) or {}
        except PolycomAuthError:
            raise
        except PolycomError as exc:
            if exc.status != 404:
                raise
            if version != versions[-1]:
                continue
            raise PolycomError('%s answers 404 to %s: the REST API is disabled (set apps.restapi.enabled="1" in the phone '
                               'configuration) or the firmware predates UC Software 5.x' % (client.base_url, PHONE_API[INFO_CALLS[version]].path),
                               status=404, answer=exc.answer)
    raise PolycomError('no API version to ask')  # pragma: no cover - versions is never empty


normalise_mac = reported_mac  # the MAC a phone reports (device.py holds the one rule); kept for its importers


def device_facts(version, data, lines=None):
    """The ``device`` shape (device.py) of a phone, with its lines when read."""
    mac = reported_mac(data.get('MACAddress'))
    release = data.get('FirmwareRelease') or (data.get('Firmware') or {}).get('Application')
    facts = build_device_facts(
        'phone', data.get('ModelNumber'), serial=mac or None, mac_address=mac, software_version=release,
        ipv4_address=data.get('IPV4Address') or data.get('IPAddress'),
        ipv6_address=data.get('IPV6Address'),
        vendor=data.get('DeviceVendor'),
        api_version=version,
    )
    if lines is not None:
        facts['lines'] = lines
    return facts


def normalise_line(entry):
    """One lineInfo entry as {'line', 'address', 'status', 'registered', 'user_id', 'label', 'proxy'}."""
    status = str(entry.get('RegistrationStatus') or '').strip()
    try:
        number = int(entry.get('LineNumber'))
    except (TypeError, ValueError):
        number = None
    return dict(line=number, address=entry.get('SIPAddress') or '', status=status.lower(),
                registered=status.lower() == REGISTERED, user_id=entry.get('UserID') or '',
                label=entry.get('Label') or '', proxy=entry.get('ProxyAddress') or '')


def read_lines(client, busy_retries=3):
    """Every line the phone reports (Menu > Status > Lines), normalised, by line number."""
    data = call(client, 'line_info', busy_retries=busy_retries)
    entries = data if isinstance(data, list) else [data] if isinstance(data, dict) else []
    lines = [normalise_line(entry) for entry in entries if isinstance(entry, dict)]
    return sorted(lines, key=lambda line: (line['line'] is None, line['line']))


def chunks(items, size=MAX_PARAMETERS_PER_REQUEST):
    items = list(items)
    return [items[index:index + size] for index in range(0, len(items), size)]


def config_get(client, names, busy_retries=3):
    """{name: {'value': str, 'source': str}} for every name the phone answers, in requests of <= 20 names."""
    values = {}
    for group in chunks(sorted(set(names))):
        data = call(client, 'config_get', {'data': group}, busy_retries=busy_retries) or {}
        for name in group:
            item = data.get(name) if isinstance(data, dict) else None
            if isinstance(item, dict):
                value = item.get('Value')
                values[name] = {'value': '' if value is None else str(value), 'source': str(item.get('Source') or '')}
    return values


def config_set(client, values, busy_retries=3):
    """Write {name: text value} in requests of <= 20 parameters; returns the groups written, in order.

    A refusal raises PolycomError naming the parameters of the refused request (values never: they may be secret)
    and how many parameters earlier requests had already applied."""
    written = []
    for group in chunks(sorted(values)):
        try:
            call(client, 'config_set', {'data': dict((name, values[name]) for name in group)}, busy_retries=busy_retries)
        except PolycomAuthError:
            raise
        except PolycomError as exc:
            applied = sum(len(done) for done in written)
            raise PolycomError('%s; the request set %s%s' % (
                exc, ', '.join(group), ' (%d parameters of earlier requests were applied)' % applied if applied else ''),
                status=exc.status, answer=exc.answer)
        written.append(group)
    return written


def safe_restart(client, busy_retries=3):
    """Ask the phone to restart when idle (it re-reads its provisioning server); the answer comes before it goes down."""
    return call(client, 'safe_restart', busy_retries=busy_retries)


# -- idempotent parameters on one phone (ucs_phone_config, the role's direct push) -----------------------------------

def checked_values(values):
    """({name: text value}, problems, warnings) by the Lync catalogue's rules, the same the share's writer and reader apply:
    a value outside a row's choices or range, a malformed host / SIP URI / certificate, or a name that is no plausible
    parameter (ucs_lync.name_problem) is a problem; a plausible name outside the guide's tables is a warning. An empty value
    is CLEARED (Null) for any parameter: the one way to unset a value over REST."""
    checker = catalogue.Checker()
    texts, problems = {}, []
    if not isinstance(values, dict) or not values:
        return texts, ['parameters: give at least one parameter, as {name: value}'], []
    for name in sorted(values, key=str):
        text = cleared(name, problems) if values[name] == CLEARED else checker.value('parameters', name, values[name], problems)
        if text is None:
            continue
        problem = catalogue.name_problem(name)
        if problem:
            problems.append('parameters: %s: %s' % (name, problem))
            continue
        checker.seen_unknown(name, 'parameters')
        texts[name] = text
    return texts, problems, checker.warnings()


def cleared(name, problems):
    """CLEARED for a well-formed name (any parameter may be Null, whatever its kind), else None after a problem."""
    if isinstance(name, str) and catalogue.PARAM_NAME.match(name):
        return CLEARED
    problems.append('parameters: parameter name %r is not a UC Software parameter name (letters, digits, "_", "-", ".")' % (name,))
    return None


def masked_value(name, value, secret_names=()):
    return catalogue.MASK if (name in secret_names or catalogue.is_secret(name)) and value else value


def masked_config(values, secret_names=()):
    """{name: {'value', 'source'}} with every secret's value masked (secret by its name, or listed in secret_names)."""
    return dict((name, dict(item, value=masked_value(name, item['value'], secret_names))) for name, item in values.items())


def meets(wanted, item):
    """Whether a config/get ``item`` ({'value', 'source'}) is what is wanted; CLEARED is met by an empty value or by no
    configuration setting it at all (Source ``default``, whatever default value the firmware answers)."""
    item = item or {}
    if wanted == CLEARED:
        return item.get('value') == CLEARED or item.get('source') == 'default'
    return item.get('value') == wanted


def differences(wanted, current):
    """Sorted names whose running value differs from the wanted one (a name the phone did not answer differs)."""
    return sorted(name for name, value in wanted.items() if name not in current or not meets(value, current[name]))


def config_diff(changes, wanted, current, secret_names=()):
    """Ansible's before/after for the changed parameters; secrets are compared, never shown."""
    before, after = {}, {}
    for name in changes:
        old = (current.get(name) or {}).get('value')
        if name in secret_names or catalogue.is_secret(name):
            before[name] = catalogue.MASK if old else old
            after[name] = MASK_CHANGED
        else:
            before[name], after[name] = old, wanted[name]
    return {'before': before, 'after': after}
