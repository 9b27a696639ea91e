"""ucs_phone_restart without a phone (issue 13, N5): a cap on concurrent restarts, duplicate MACs refused before any request."""
import threading
import time

from ansible_collections.polycom.uc.plugins.module_utils import ucs_reload
from ansible_collections.polycom.uc.plugins.module_utils.polycom_rest import credential_hints
from ansible_collections.polycom.uc.plugins.modules import ucs_phone_restart


def params(phones, **options):
    """The module's parameters as Ansible would fill them in (defaults of its argument spec)."""
    values = dict((name, spec.get('default')) for name, spec in ucs_phone_restart.argument_spec().items())
    filled = [dict(dict.fromkeys(ucs_phone_restart.PHONE_OPTIONS), **phone) for phone in phones]
    values.update(phones=filled, host='10.0.0.1', **options)
    return values


def test_a_wave_never_runs_more_phones_at_once_than_max_workers():
    busy, peak, lock = [0], [0], threading.Lock()

    def restart(phone):
        with lock:
            busy[0] += 1
            peak[0] = max(peak[0], busy[0])
        time.sleep(0.01)
        with lock:
            busy[0] -= 1
        return dict(name=phone, failed=False)
    wave = ['phone-%d' % number for number in range(60)]
    results, waves_run, left = ucs_reload.roll_out(wave, restart, batch_size=60, max_fail_percentage=10, workers=7)
    assert peak[0] == 7 and [r['name'] for r in results] == wave and waves_run == 1 and left == []


def test_the_threads_of_a_wave_are_capped_even_when_more_workers_are_asked(monkeypatch):
    started = []
    real_thread = threading.Thread

    def counting_thread(target):
        started.append(1)
        return real_thread(target=target)
    monkeypatch.setattr(ucs_reload.threading, 'Thread', counting_thread)
    ucs_reload.run_wave(list(range(1000)), lambda phone: dict(name=phone, failed=False), workers=1000)
    assert len(started) == ucs_reload.MAX_WORKERS == 200


def test_max_workers_is_an_option_with_a_sane_default_and_a_range():
    spec = ucs_phone_restart.argument_spec()
    assert spec['max_workers'] == dict(type='int', default=50)
    problems = ucs_phone_restart.input_problems(params([dict(name='a', mac='0004f2000001')], max_workers=1000))
    assert problems == ['max_workers: 1000 must be from 1 to 200']


def test_duplicate_macs_in_phones_and_in_macs_are_refused_naming_them():
    phones = [dict(name='desk-1', mac='00:04:F2:00:00:01'), dict(name='desk-2', mac='0004f2000001'), dict(name='desk-3', mac='0004f2000003')]
    problems = ucs_phone_restart.input_problems(params(phones, macs=['0004f2000003', '0004.f200.0003', '0004f2000001']))
    assert problems == [
        'macs: 0004f2000003 is given 2 times (as 0004f2000003, 0004.f200.0003); give each phone once',
        'phones: 0004f2000001 is the mac of desk-1, desk-2; a phone is restarted once, give it once',
    ]
    assert ucs_phone_restart.input_problems(params(phones[1:], macs='all')) == []


def test_a_refused_login_names_the_option_the_variable_and_the_credential_field():
    spec = ucs_phone_restart.argument_spec()
    hints = credential_hints(spec)
    phones = ucs_phone_restart.selected_phones(params([dict(name='desk-1', mac='0004f2000001'),
                                                      dict(name='desk-2', mac='0004f2000002', password='own')]), hints)
    shared, own = phones[0]['hints']['refused'], phones[1]['hints']['refused']
    assert 'the password option or POLYCOM_PHONE_PASSWORD' in shared and "'Phone REST API password'" in shared
    assert own.startswith('check phones[1].password and phones[1].username (desk-2)')
    assert ucs_reload.PhoneRestart(phones[0], ucs_reload.Timing()).client().hints is hints
