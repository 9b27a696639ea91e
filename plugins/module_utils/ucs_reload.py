# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Safe-restart UC Software phones in waves over REST and prove each came back with line 1 registered.

Used by polycom.uc.ucs_phone_restart. The calls, their labels and the Status codes are ucs_rest's (the one place for the
phone's REST API); this file holds the rollout: waves like Ansible's ``serial`` with ``max_fail_percentage`` (a wave in which
more than that share of phones failed stops the rollout, the later waves are left), the phones of a wave concurrently, and
per phone: identity check, safe restart, wait for the phone to go away and come back, line 1 registered.

How a restart is recognised [inferred]: the phone stops answering after the 2000 answer (connections dropped, refused or
503), or its uptime (``UpTimeSinceLastReboot`` of device/info, shape [capture] Posh-UCS) starts again from zero. A phone
in a call answers 2000 and restarts when the call ends ([doc] the safe restart), so it can stay up past the timeout: it
is then reported as not restarted, never as restarted.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
import threading
import time

from ansible_collections.polycom.uc.plugins.module_utils.device import normalise_mac as given_mac
from ansible_collections.polycom.uc.plugins.module_utils.polycom_rest import PolycomAuthError, PolycomClient, PolycomError, scrub
from ansible_collections.polycom.uc.plugins.module_utils.ucs_rest import normalise_mac, read_device, read_lines, safe_restart

UPTIME_TEXT = re.compile(r'^\s*(\d+)\s*Days?\s+(\d+):(\d{2}):(\d{2})\s*$', re.I)  # "0 Day 2:05:09" [capture]
GONE_STATUSES = (None, 502, 503, 504)  # no answer, or the web server answering while the application restarts
MAX_WORKERS = 200  # threads of one run at most: each holds a connection and a stack; a 1,000-phone wave goes in turns


def duplicate_macs(entries):
    """[(mac, [how each was given])] of the MACs ``entries`` name more than once; an entry is a MAC or (MAC, label)."""
    given = {}
    for entry in entries:
        text, label = entry if isinstance(entry, tuple) else (entry, entry)
        given.setdefault(given_mac(text), []).append(label)
    return [(mac, labels) for mac, labels in sorted(given.items()) if mac and len(labels) > 1]


def uptime_seconds(data):
    """Seconds since the phone booted, from device/info (text "D Day H:MM:SS", or 5.7+ {Days, Hours, Minutes, Seconds}); else None."""
    value = (data or {}).get('UpTimeSinceLastReboot')
    if value is None and isinstance((data or {}).get('Uptime'), dict):
        value = data['Uptime']
        try:
            return int(value.get('Days', 0)) * 86400 + int(value.get('Hours', 0)) * 3600 + int(value.get('Minutes', 0)) * 60 + int(value.get('Seconds', 0))
        except (TypeError, ValueError):
            return None
    match = UPTIME_TEXT.match(str(value or ''))
    if not match:
        return None
    days, hours, minutes, seconds = (int(part) for part in match.groups())
    return days * 86400 + hours * 3600 + minutes * 60 + seconds


def make_waves(phones, batch_size):
    return [phones[index:index + batch_size] for index in range(0, len(phones), batch_size)]


def over_limit(failed, size, max_fail_percentage):
    """As Ansible's max_fail_percentage: the rollout stops when *more* than this percentage of a wave failed."""
    return size > 0 and failed * 100 > max_fail_percentage * size


class Timing(object):
    """How long to wait for what; ``sleep`` and ``now`` are replaceable for the unit tests."""

    def __init__(self, restart_timeout=300, registration_timeout=60, poll_interval=2.0, sleep=time.sleep, now=time.time):
        self.restart_timeout, self.registration_timeout, self.poll_interval = restart_timeout, registration_timeout, poll_interval
        self.sleep, self.now = sleep, now


class PhoneRestart(object):
    """One phone: check it is the phone meant, safe-restart it, wait until it is back, read line 1."""

    def __init__(self, phone, timing, require_registration=True):
        self.phone, self.timing, self.require_registration = phone, timing, require_registration
        self.result = dict(name=phone['name'], host=phone['host'], port=phone['port'], mac=phone.get('mac'), restarted=False,
                           registered=None, line=None, seconds=None, error=None, failed=False)

    def client(self, retries=None, timeout=None):
        phone = self.phone
        return PolycomClient(phone['host'], phone['port'], phone['username'], phone['password'], validate_certs=phone['validate_certs'],
                             ca_path=phone['ca_path'], timeout=timeout or phone['timeout'],
                             retries=phone['retries'] if retries is None else retries, auth='basic', hints=phone.get('hints'))

    def run(self):
        started = self.timing.now()
        try:
            with self.client() as client:
                self.restart(client)
                self.verify(client)
        except PolycomError as exc:
            self.fail(str(exc))
        except Exception as exc:  # pylint: disable=broad-except  # one phone's surprise never stops the wave's other phones
            self.fail('%s: %s' % (type(exc).__name__, scrub(exc, [self.phone['password']])))
        self.result['seconds'] = round(self.timing.now() - started, 1)
        return self.result

    def fail(self, message):
        self.result.update(error=scrub(message, [self.phone['password']]), failed=True)

    def restart(self, client):
        version, data = read_device(client)
        mac = normalise_mac(data.get('MACAddress'))
        wanted = self.phone.get('mac')
        if wanted and mac != wanted:
            raise PolycomError('%s:%d answers as %s, not %s: not restarted (is the inventory address right?)' % (
                self.phone['host'], self.phone['port'], mac or 'a phone without a MAC', wanted))
        uptime = uptime_seconds(data)
        asked = self.timing.now()
        lost = None
        try:
            safe_restart(client)
        except PolycomAuthError:
            raise
        except PolycomError as exc:
            if exc.status is not None:
                raise  # the phone answered, and refused: it does not restart
            lost = str(exc)  # the answer was lost: it may restart all the same, which the wait below finds out
        self.wait_for_return(version, uptime, asked, lost)

    def wait_for_return(self, version, uptime, asked, lost):
        """Poll device/info without retries until the phone has been away and answers again (or its uptime restarted)."""
        timing = self.timing
        deadline = asked + timing.restart_timeout
        away, last = False, None
        with self.client(retries=0, timeout=min(self.phone['timeout'], 5)) as probe:
            while timing.now() < deadline:
                try:
                    data = read_device(probe, version, busy_retries=0)[1]
                except PolycomAuthError:
                    raise
                except PolycomError as exc:
                    last = str(exc)
                    away = away or exc.status in GONE_STATUSES
                    timing.sleep(timing.poll_interval)
                    continue
                now_uptime = uptime_seconds(data)
                if away or (uptime is not None and now_uptime is not None and now_uptime < uptime):
                    self.result['restarted'] = True
                    return
                timing.sleep(timing.poll_interval)
        if away:
            raise PolycomError('restarted but did not come back within %d s (last: %s)' % (timing.restart_timeout, last))
        if lost:
            raise PolycomError('the safeRestart request got no answer (%s) and the phone did not restart within %d s' % (lost, timing.restart_timeout))
        raise PolycomError('answered the safeRestart but did not restart within %d s (a phone in a call restarts when the call ends)'
                           % timing.restart_timeout)

    def verify(self, client):
        """Line 1 registered, read live (lineInfo) until it is or the registration timeout passes."""
        timing = self.timing
        deadline = timing.now() + timing.registration_timeout
        line = None
        while True:
            try:
                lines = read_lines(client)
                line = next((entry for entry in lines if entry.get('line') == 1), None)
            except PolycomAuthError:
                raise
            except PolycomError as exc:
                if timing.now() >= deadline:
                    raise PolycomError('back, but lineInfo failed: %s' % exc)
            if line is not None and line.get('registered'):
                break
            if timing.now() >= deadline:
                break
            timing.sleep(timing.poll_interval)
        self.result['line'] = dict((key, line.get(key)) for key in ('line', 'address', 'status')) if line else None
        self.result['registered'] = bool(line and line.get('registered'))
        if self.require_registration and not self.result['registered']:
            self.result['failed'] = True
            self.result['error'] = 'restarted, but line 1 is %s after %d s' % (
                'not reported' if line is None else '%s (%s)' % (line.get('status') or 'without a status', line.get('address') or 'no address'),
                timing.registration_timeout)


def run_wave(wave, restart_phone, workers):
    """The phones of the wave at once, at most ``workers`` (capped at MAX_WORKERS) at a time; results in the wave's order."""
    results = [None] * len(wave)
    pending = list(enumerate(wave))
    lock = threading.Lock()

    def worker():
        while True:
            with lock:
                if not pending:
                    return
                index, phone = pending.pop(0)
            results[index] = restart_phone(phone)
    threads = [threading.Thread(target=worker) for dummy in range(max(1, min(workers, MAX_WORKERS, len(wave))))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def roll_out(phones, restart_phone, batch_size=50, max_fail_percentage=10, workers=50):
    """Restart ``phones`` wave by wave; stop after a wave over the failure limit. Returns (results, waves run, left)."""
    results, waves = [], make_waves(phones, batch_size)
    for number, wave in enumerate(waves, 1):
        done = run_wave(wave, restart_phone, workers)
        for result in done:
            result['wave'] = number
        results.extend(done)
        if over_limit(sum(1 for r in done if r['failed']), len(done), max_fail_percentage):
            left = [phone for later in waves[number:] for phone in later]
            return results, number, left
    return results, len(waves), []
