"""pano_maintenance action=update_software driven to a version (issue 12): the guide's Manually Update Software,
Check for updates then Update, with the restart waited for and the version read again afterwards.

The emulator's check/update is driven directly too (bypassing the module): Update installs the build the check found
and restarts into it; with the lab's update_keeps_version it restarts into the old version.
"""
import time

import requests

from conftest import PASSWORD

NEWER = '9.9.0.100'


def set_up(lab, host, available=None, keeps_version=False):
    lab.control(host, 'POST', '/_lab/state', {'setup_complete': True, 'admin_password': PASSWORD,
                                              'available_software_version': available, 'update_keeps_version': keeps_version})
    lab.reset_stats()
    return lab.state(host)['software_version']


def update(version=None, **options):
    args = dict(action='update_software', restart_timeout=30, **options)
    if version is not None:
        args['version'] = version
    return {'name': 'update', 'polycom.uc.pano_maintenance': args}


def posted_updates(lab, host):
    return lab.stats(host)['by_endpoint'].get('POST /rest/system/softwareupdate', 0)


class Device(object):
    """The emulated Pano's own REST interface, without the collection."""

    def __init__(self, lab, host):
        self.base = 'https://127.0.0.1:%d' % lab.lab.devices[host]['port']
        self.http = requests.Session()
        self.http.trust_env = False
        self.http.verify = lab.lab.ca

    def login(self):
        answer = self.http.post(self.base + '/rest/session', json={'user': 'admin', 'password': PASSWORD, 'action': 'Login'}, timeout=5)
        assert answer.status_code == 200, answer.text
        self.http.cookies.set('session_id', answer.json()['session']['sessionId'])

    def wait_until_back(self, seconds=30):
        deadline = time.time() + seconds
        while time.time() < deadline:
            try:
                self.http.get(self.base + '/rest/system', timeout=2)
                return
            except requests.RequestException:
                time.sleep(0.3)
        raise AssertionError('the emulated Pano did not come back')

    def check(self):
        return self.http.get(self.base + '/rest/system/softwareupdate', timeout=5).json()

    def update(self):
        try:
            return self.http.post(self.base + '/rest/system/softwareupdate', json={'action': 'update'}, timeout=5)
        except requests.ConnectionError:  # the device restarts as it answers
            return None


def test_the_emulated_pano_checks_then_updates_and_restarts_into_the_new_version(lab):
    host = lab.hosts[0]
    current = set_up(lab, host, NEWER)
    device = Device(lab, host)
    device.login()
    assert device.check() == {'currentVersion': current, 'availableVersion': NEWER, 'updateAvailable': True}
    answer = device.update()
    assert answer is None or answer.json()['currentVersion'] == NEWER
    device.wait_until_back()
    assert lab.state(host)['software_version'] == NEWER and lab.state(host)['restarts'] == 1
    device.login()
    assert device.check() == {'currentVersion': NEWER, 'availableVersion': '', 'updateAvailable': False}
    refused = device.update()
    assert refused.status_code == 409 and refused.json()['error'] == 'NO_UPDATE'
    device.http.delete(device.base + '/rest/session', timeout=5)


def test_the_emulated_pano_whose_install_fails_restarts_into_its_old_version(lab):
    host = lab.hosts[0]
    current = set_up(lab, host, NEWER, keeps_version=True)
    device = Device(lab, host)
    device.login()
    device.update()
    device.wait_until_back()
    state = lab.state(host)
    assert state['software_version'] == current and state['restarts'] == 1 and state['available_software_version'] == NEWER


def test_already_at_the_version_is_no_change_and_installs_nothing(lab):
    host = lab.hosts[0]
    current = set_up(lab, host, NEWER)
    run = lab.play([update(current)], hosts=host)
    result = run.task('update', host)
    assert run.rc == 0 and run.changed() == 0, run.output[-3000:]
    assert result['software_version'] == current and 'at or above version %s' % current in result['msg']
    lower = lab.play([update('1.0')], hosts=host).task('update', host)
    assert not lower['changed'] and posted_updates(lab, host) == 0 and lab.state(host)['restarts'] == 0


def test_check_mode_says_from_what_to_what_and_the_run_does_exactly_that(lab):
    host = lab.hosts[0]
    current = set_up(lab, host, NEWER)
    check = lab.play([update('9.9')], hosts=host, check=True)
    predicted = check.task('update', host)
    assert check.rc == 0 and predicted['changed'], check.output[-3000:]
    assert predicted['msg'] == 'would update software %s -> %s' % (current, NEWER)
    assert (predicted['software_version'], predicted['target_version'], predicted['updated_to'], predicted['waited']) == (current, '9.9', '', False)
    assert posted_updates(lab, host) == 0 and lab.state(host)['software_version'] == current and lab.state(host)['restarts'] == 0

    done = lab.play([update('9.9')], hosts=host).task('update', host)
    assert done['changed'] and done['waited'] and done['updated_to'] == NEWER and done['msg'] == 'updated software %s -> %s' % (current, NEWER)
    assert lab.state(host)['software_version'] == NEWER and lab.state(host)['restarts'] == 1 and posted_updates(lab, host) == 1

    again = lab.play([update('9.9')], hosts=host)
    assert again.rc == 0 and again.changed() == 0 and posted_updates(lab, host) == 1


def test_a_pano_that_comes_back_with_its_old_version_fails_clearly(lab):
    host = lab.hosts[0]
    current = set_up(lab, host, NEWER, keeps_version=True)
    run = lab.play([update(NEWER)], hosts=host)
    result = run.task('update', host)
    assert run.rc != 0 and result['changed'] and result['waited'], run.output[-3000:]
    assert result['msg'] == 'installed %s and restarted, but the device runs %s, below %s' % (NEWER, current, NEWER)
    assert result['updated_to'] == current and lab.state(host)['restarts'] == 1


def test_a_target_the_server_does_not_offer_fails_before_anything_is_installed_in_check_mode_too(lab):
    host = lab.hosts[0]
    current = set_up(lab, host, NEWER)
    for check in (True, False):
        run = lab.play([update('10.0')], hosts=host, check=check)
        result = run.task('update', host)
        assert run.rc != 0 and not result['changed'], run.output[-3000:]
        assert result['msg'] == 'runs %s, below version 10.0, and the update server offers %s; nothing was installed' % (current, NEWER)
    nothing = set_up(lab, host, None)
    result = lab.play([update('10.0')], hosts=host).task('update', host)
    assert result['msg'].endswith('offers no newer build; nothing was installed') and nothing == current
    assert posted_updates(lab, host) == 0 and lab.state(host)['restarts'] == 0


def test_bad_version_options_are_refused_before_any_request(lab):
    host = lab.hosts[0]
    set_up(lab, host, NEWER)
    cases = [
        (update('latest'), "version: 'latest' is not a version such as 1.1.2.1007"),
        (update('9.9', wait=False), 'version: the version is checked after the restart, so it needs wait=true'),
        ({'name': 'update', 'polycom.uc.pano_maintenance': {'action': 'restart', 'version': '9.9'}},
         'version: only with action=update_software (got action=restart)'),
    ]
    for task, message in cases:
        run = lab.play([task], hosts=host)
        assert run.rc != 0 and run.task('update', host)['msg'] == message, run.output[-2000:]
    assert lab.stats(host)['requests'] == 0
