# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""RealPresence Group Series: its setting table, monitor profiles, the systems Pano can pair with, and what is known how well.

The one place for the Group Series' interface and its labels (``docs/device-interfaces.md``). Modules
(``group_series_config``, ``group_series_info``) only take options and return results: the table
(``GS_SETTINGS``), the runs (:class:`ConfigRun`, :func:`read_system`, :func:`read_monitors`) and the
REST paths are here, the command verbs behind ``polycom_api.py``.

* **[capture]** REST over HTTPS, as public client code recorded it on a Group 500 (6.2.2.8):
  ``POST /rest/session`` (cookie ``session_id``; 401/403 without a session; few session slots),
  ``GET /rest/system`` (``model``, ``serialNumber``, ``softwareVersion`` like
  ``Release - 6.2.2.8-670021``, ``systemName``, ``rebootNeeded``, ...), ``POST /rest/config`` read
  (``names``) and write (``vars``, a ``result`` per variable), ``POST /rest/system/reboot``,
  ``DELETE /rest/session``. The shared client ``polycom_rest.py`` speaks it. ``POST /rest/config``
  also carries ``group_series_config``'s free-form ``config`` variables (a name the system does not
  answer is unknown: nothing is written).
* **[doc]** the API command channel (Integrator Reference Guide 6.0), over SSH or telnet (port 24):
  ``Password:`` prompt, the ``Hi, my name is : <name>`` banner with ``Model:``, ``Serial Number:``,
  ``Software Version:``, the ``-> `` prompt, ``configpresentation monitor1|monitor2 get|<value>``
  (monitor profiles; ``monitor1``/``monitor2`` alone set the aspect ratio), ``systemname``,
  ``dualmonitor``, ``version``, ``serialnum``, ``whoami``, ``reboot now``, ``exit``, and the error
  lines ``error: command not found`` / ``error: command has illegal parameters``. The client is
  ``polycom_api.py``.
* **[doc]** the Pano Administrator Guide: Pano pairs only with RealPresence Group Series 310, 500,
  550 and 700 and RealPresence Centro, software 6.0 or later; the room setups' monitor profiles
  in the web interface's words (``PROFILES`` below).
* **[inferred]** which ``configpresentation`` value each of those words is (``PROFILES``): neither
  guide maps them, so every row is our reading (``docs/device-interfaces.md``: "Far, then Near" =
  ``near-or-far``, "Content, then Far" = ``content-or-far``, "Content, then Far, then Near" = ``all``).
* **[inferred]** the shape of the ``set`` answers (``configpresentation monitor1 far succeeded``;
  the combined form answers ``... monitor1 far monitor2 content-or-far succeeded``); the client
  reads the values back after a write rather than trusting the answer's wording.
* **[inferred]** ``GET /rest/media/content`` -> ``{"state": "ACTIVE"|"INACTIVE", "source"}`` and
  ``POST /rest/media/content`` ``{"action": "start"|"stop", "source"}``: how the paired Pano starts
  and stops content on the video system and how ``pano_pairing`` confirms a content test. No capture
  or document shows this call; a capture from a real system corrects it here and in
  ``tests/lab/group_series_emulator.py``.
* **Software update: not supported, only checked.** No public document or capture shows a call that
  installs a chosen Group Series software version. The REST client code that recorded the 6.2 REST
  interface (``HL727/Meeting`` ``endpoint/ext_api/poly_group.py``) reads ``softwareVersion`` and leaves
  the upgrade status a to-do; the command table shipped on a Group 500 (same repository,
  ``endpoint/tests/data/group500/polycom/legacyapi/commanddata/legacycommands.txt``) [capture] has
  ``version`` (read) and, for systems managed by a provisioning server, ``provisionserverupdate``
  (asks that server for an update) and ``provisionserverenable|type|address``, but nothing that
  updates from a file or the Polycom server. Public Polycom documents describe updates through a
  management system (CMA / RealPresence Resource Manager: automatic software update polled by a
  dynamically managed endpoint, or scheduled updates) or at the system itself. So this collection
  does not update Group Series software (``SOFTWARE_UPDATE_UNSUPPORTED``); ``group_series_info``
  ``minimum_version`` checks the version ([capture] ``softwareVersion``, [doc] the banner's
  ``Software Version:``) and fails saying so.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible.module_utils.six import string_types
from ansible_collections.polycom.uc.plugins.module_utils.firmware import VERSION, compare_versions, parse_version
from ansible_collections.polycom.uc.plugins.module_utils.device import device_facts
from ansible_collections.polycom.uc.plugins.module_utils.polycom_api import ApiError, CHANNEL_SETTINGS, read_settings, write_settings
from ansible_collections.polycom.uc.plugins.module_utils.polycom_rest import PolycomError
from ansible_collections.polycom.uc.plugins.module_utils.settings import Setting, SettingsDiff, SettingTable

FAMILY = 'group_series'
MINIMUM_SOFTWARE = '6.0'
SUPPORTED_MODELS = ('Group 310', 'Group 500', 'Group 550', 'Group 700', 'Centro')
CONTENT_PATH = '/rest/media/content'
REBOOT_PATH = '/rest/system/reboot'  # [capture] body {"action": "reboot"}
CONFIG_PREFIX = 'config.'
VARIABLE_NAME = re.compile(r'^[A-Za-z0-9_.-]+$')
SOFTWARE_UPDATE_UNSUPPORTED = (
    'polycom.uc does not update Group Series software: no public document or capture shows an interface that starts '
    'an update from a file or the Polycom server (see docs/device-interfaces.md); update it at the system or from '
    'RealPresence Resource Manager (a dynamically managed system polls it; provisionserverupdate asks it now)')

# The command channel's monitor profile values [doc], in the order of the Integrator Reference Guide.
PROFILE_VALUES = ('near', 'far', 'content', 'near-or-far', 'content-or-near', 'content-or-far', 'all', 'none')

# The web interface's words (as the Pano guide prints them) [doc] -> command channel value [inferred, every row].
PROFILES = (
    ('Near', 'near', 'inferred'),
    ('Far', 'far', 'inferred'),
    ('Content', 'content', 'inferred'),
    ('Far, then Near', 'near-or-far', 'inferred'),
    ('Content, then Near', 'content-or-near', 'inferred'),
    ('Content, then Far', 'content-or-far', 'inferred'),
    ('Content, then Far, then Near', 'all', 'inferred'),
    ('None', 'none', 'inferred'),
)


def _words(text):
    return ' '.join(re.sub(r'[^a-z0-9-]+', ' ', str(text).lower()).split())


_BY_WORDS = dict((_words(label), value) for label, value, _source in PROFILES)
_LABELS = dict((value, label) for label, value, _source in PROFILES)


def profile_value(text):
    """A monitor profile in the guide's words ("far, then near") or as the raw value ("near-or-far") -> raw value, else None."""
    if text is None:
        return None
    raw = str(text).strip().lower()
    if raw in PROFILE_VALUES:
        return raw
    return _BY_WORDS.get(_words(text))


def profile_label(value):
    """Raw value -> the web interface's words; unknown values come back unchanged."""
    return _LABELS.get(value, value)


def profile_choices():
    """Every accepted spelling, for error messages."""
    return ['"%s" (%s)' % (label, value) for label, value, _source in PROFILES]


def model_key(model):
    """``'RealPresence Group 500'``, ``'Group500'``, ``'GROUP 500'`` -> ``'group500'``; ``'RealPresence Centro'`` -> ``'centro'``."""
    text = re.sub(r'[^a-z0-9]', '', str(model or '').lower())
    text = text.replace('realpresence', '').replace('polycom', '')
    match = re.search(r'group(\d{3})', text)
    if match:
        return 'group' + match.group(1)
    return 'centro' if 'centro' in text else text


SUPPORTED_KEYS = tuple(model_key(model) for model in SUPPORTED_MODELS)


def support_problems(model, software_version):
    """Why Pano cannot pair with this system (the guide's list), or [] when it can."""
    problems = []
    if model_key(model) not in SUPPORTED_KEYS:
        problems.append('model %r is not one Pano pairs with (RealPresence %s)' % (
            model, ', '.join(SUPPORTED_MODELS[:-1]) + ' or ' + SUPPORTED_MODELS[-1]))
    if not parse_version(software_version):
        problems.append('software version %r cannot be read (6.0 or later is required)' % (software_version,))
    elif compare_versions(software_version, MINIMUM_SOFTWARE) < 0:
        problems.append('software %s is older than %s, the oldest Pano pairs with' % (parse_version(software_version), MINIMUM_SOFTWARE))
    return problems


def system_facts(system):
    """Identity facts from ``GET /rest/system`` (or the command channel's banner, same keys)."""
    model = system.get('model')
    software = system.get('softwareVersion')
    problems = support_problems(model, software)
    return device_facts(
        FAMILY, model, serial=system.get('serialNumber'), software_version=software,
        system_name=system.get('systemName'),
        reboot_needed=bool(system.get('rebootNeeded')) if 'rebootNeeded' in system else None,
        pairing_supported=not problems,
        unsupported_reasons=problems,
    )


# -- the setting table ---------------------------------------------------------------------------

def check_system_name(value):
    if not 1 <= len(value) <= 64 or re.search(r'["\r\n]', value):
        return '1 to 64 characters without double quotes or line breaks'
    return None


def check_profile(value):
    if profile_value(value) is None:
        return 'a monitor profile, one of %s' % ', '.join(profile_choices())
    return None


# Rows named as polycom_api.READERS names them [doc]; the REST config variables join per run (config_rows).
GS_SETTINGS = SettingTable([
    Setting(None, 'system_name', 'system_name', check=check_system_name, check_empty=True, description='System name.'),
    Setting('monitor_profiles', 'monitor1', 'monitor1', check=check_profile, check_empty=True, normalise=profile_value,
            description='Monitor 1 profile.'),
    Setting('monitor_profiles', 'monitor2', 'monitor2', check=check_profile, check_empty=True, normalise=profile_value,
            description='Monitor 2 profile.'),
    Setting(None, 'dual_monitor', 'dual_monitor', 'bool', description='Dual monitor emulation.'),
])


def config_rows(config):
    """REST configuration variables as table rows: (rows, {name: device value}, problems)."""
    rows, values, problems = [], {}, []
    for var, value in sorted((config or {}).items()):
        if not isinstance(var, string_types) or not VARIABLE_NAME.match(var):
            problems.append('config: %r is not a variable name (letters, digits, dots, dashes, underscores)' % (var,))
            continue
        if isinstance(value, bool):
            value = 'true' if value else 'false'
        elif isinstance(value, (string_types, int, float)):
            value = str(value)
        else:
            problems.append('config.%s: must be a string, number or boolean, got %s' % (var, type(value).__name__))
            continue
        rows.append(Setting('config', var, CONFIG_PREFIX + var))
        values[CONFIG_PREFIX + var] = value
    return rows, values, problems


class UnknownVariables(PolycomError):
    """``config`` names the system does not answer; nothing was written."""

    def __init__(self, unknown):
        super(UnknownVariables, self).__init__('config: the system has no readable variable %s; nothing was written' % ', '.join(unknown))
        self.unknown = unknown


class ConfigRun(object):
    """One ``group_series_config`` run: the options checked, one read (channel and REST), the difference, one write."""

    def __init__(self, params):
        rows, config_values, config_problems = config_rows(params.get('config'))
        self.table = SettingTable(GS_SETTINGS.settings + rows)
        want, problems = GS_SETTINGS.desired(params)
        self.want = dict(want, **config_values)
        self.problems = problems + config_problems

    @property
    def channel_want(self):
        return dict((name, value) for name, value in self.want.items() if name in CHANNEL_SETTINGS)

    @property
    def rest_want(self):
        """{variable: value} of the REST configuration variables."""
        return dict((name[len(CONFIG_PREFIX):], value) for name, value in self.want.items() if name.startswith(CONFIG_PREFIX))

    def compare(self, client, session):
        """Read what is managed (REST first, then the channel; either only when needed) -> SettingsDiff."""
        have = {}
        if self.rest_want:
            values = client.read_config(sorted(self.rest_want))
            unknown = sorted(name for name in self.rest_want if name not in values)
            if unknown:
                raise UnknownVariables(unknown)
            have.update((CONFIG_PREFIX + name, value) for name, value in values.items())
        if session is not None:
            session.open()
            have.update(read_settings(session, self.channel_want))
        return SettingsDiff(self.table, have, self.want)

    def write(self, client, session, changes):
        """The one write: REST variables in one request, then the channel's commands, read back. Returns rebootNeeded."""
        rest = dict((name[len(CONFIG_PREFIX):], value) for name, value in changes.items() if name.startswith(CONFIG_PREFIX))
        reboot_needed = bool(client.write_config(rest).get('rebootNeeded')) if rest else False
        channel = dict((name, value) for name, value in changes.items() if name in CHANNEL_SETTINGS)
        if channel:
            shown = write_settings(session, channel)
            wrong = sorted(name for name in channel if shown.get(name) != channel[name])
            if wrong:
                raise ApiError('the system accepted but does not show: %s' % ', '.join(
                    '%s=%r (reads %r)' % (self.table.by_name[n].path, self._user(n, channel[n]), self._user(n, shown.get(n))) for n in wrong))
        return reboot_needed

    def _user(self, name, value):
        return self.table.by_name[name].to_user(value)

    @staticmethod
    def restart(client, session, timeout):
        """``reboot now`` on the channel when a session is open, else ``POST /rest/system/reboot``; wait until it answers."""
        if session is not None:
            session.reboot()
        else:
            client.request('POST', REBOOT_PATH, {'action': 'reboot'})
        client.wait_until_available(timeout)


# -- facts and the version check -------------------------------------------------------------------

def read_system(client, config_names=()):
    """Identity over REST and, when asked, configuration variables: result keys of group_series_info."""
    result = dict(device=system_facts(client.get_system()))
    if config_names:
        values = client.read_config(config_names)
        result.update(config=values, unreadable=[name for name in config_names if name not in values])
    return result


def read_monitors(session):
    """Monitor profiles (command-channel values and the guide's words) and dual monitor, one ``get`` each."""
    values = read_settings(session, ('monitor1', 'monitor2', 'dual_monitor'))
    profiles = dict((monitor, values[monitor]) for monitor in ('monitor1', 'monitor2'))
    return dict(monitor_profiles=profiles,
                monitor_profile_labels=dict((monitor, profile_label(value)) for monitor, value in profiles.items()),
                dual_monitor=values['dual_monitor'] == 'true')


def build_number(text):
    """The build of a software text (``Release - 6.2.2.2-4711`` -> 4711; [capture] softwareVersion, [doc] the banner), or None."""
    match = VERSION.search(text or '')
    return int(match.group(2)) if match and match.group(2) else None


def version_text(text):
    """``6.2.2.2-4711`` (the version with its build, when there is one) of a software text."""
    build = build_number(text)
    return parse_version(text) + ('-%d' % build if build is not None else '')


def version_problem(device, minimum_version):
    """Why the system's software does not meet ``minimum_version`` (with what to do: updates are not supported), or None.

    A minimum with a build (``6.2.2.2-4711``) is compared to the build: 6.2.2.2-4700 is below it, and a system that
    prints no build cannot be checked against it. Without a build any build of that version meets it."""
    actual = device.get('firmware_version')
    if actual is None:
        return 'the system reported no readable software version (%r); minimum_version %s cannot be checked' % (
            device.get('software_version'), minimum_version)
    order, wanted_build = compare_versions(actual, minimum_version), build_number(minimum_version)
    if order == 0 and wanted_build is not None:
        build = build_number(device.get('software_version'))
        if build is None:
            return 'the system reports software %r without a build number; minimum_version %s cannot be checked to the build' % (
                device.get('software_version'), version_text(minimum_version))
        order = (build > wanted_build) - (build < wanted_build)
    if order >= 0:
        return None
    if wanted_build is None:
        return 'software %s is below minimum_version %s; %s' % (actual, parse_version(minimum_version), SOFTWARE_UPDATE_UNSUPPORTED)
    return 'software %s is below minimum_version %s; %s' % (
        version_text(device.get('software_version')), version_text(minimum_version), SOFTWARE_UPDATE_UNSUPPORTED)


def version_check(device, minimum_version):
    """(version_ok, problem) for ``minimum_version``: (None, why) when no device facts were read, so it could not be made."""
    if device is None:
        return None, 'minimum_version %s could not be checked: the system answered no software version before the failure' % (
            version_text(minimum_version))
    problem = version_problem(device, minimum_version)
    return problem is None, problem
