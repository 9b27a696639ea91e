"""pano_settings against the lab: convergence, idempotency, check mode, diff, validation, secrets."""
import pytest

from conftest import PASSWORD

SETTINGS = dict(
    initial_password='{{ pano_serial[-6:] }}',
    general=dict(country='DE', device_name='Pano {{ inventory_hostname }}', room_name=u'R\u00e4um 4.12 \u2013 \u4f1a\u8bae\u5ba4'),
    date_time=dict(time_format='24h', time_zone='Europe/Berlin', time_server='manual', primary_time_server='ntp.example.com'),
    network=dict(dns_servers=['192.0.2.53', '192.0.2.54'], icmp_rate_limit=500),
    monitor=dict(mode='manual', resolution='3840x2160p30'),
    wireless=dict(bluetooth=False),
    screen_mirroring=dict(airplay=False),
)
EXPECTED_CHANGES = sorted([
    'local_account.password', 'general.country', 'general.device_name', 'general.room_name', 'date_time.time_format', 'date_time.time_zone',
    'date_time.time_server', 'date_time.primary_time_server', 'network.dns_servers', 'network.icmp_rate_limit', 'monitor.mode',
    'monitor.resolution', 'wireless.bluetooth', 'screen_mirroring.airplay'])


def settings_task(name='settings', **overrides):
    args = dict(SETTINGS)
    args.update(overrides)
    return {'name': name, 'polycom.uc.pano_settings': args}


def test_factory_device_converges_in_one_run_and_the_second_run_changes_nothing(lab):
    first = lab.play([settings_task()])
    assert first.rc == 0, first.output
    for host, result in first.task('settings').items():
        assert result['changed'] and result['setup_completed'] and result['restarted']
        assert result['changes'] == EXPECTED_CHANGES
        state = lab.state(host)
        assert state['setup'] == 'complete' and state['admin_password'] == PASSWORD
        assert state['vars']['system.info.roomname'] == SETTINGS['general']['room_name']
        assert state['vars']['network.dns.servers'] == '192.0.2.53,192.0.2.54'
        assert state['restarts'] == 1, 'network settings restart the device once'
        assert lab.stats(host)['config_writes'] == 1, 'one write per run'

    lab.reset_stats()
    second = lab.play([settings_task()])
    assert second.rc == 0 and second.changed() == 0, second.output
    for host in lab.hosts:
        stats = lab.stats(host)
        assert stats['requests'] <= 3 and stats['config_writes'] == 0, stats


def test_check_mode_predicts_exactly_what_the_real_run_changes_and_writes_nothing(lab):
    before = dict((host, lab.settings(host)) for host in lab.hosts)
    check = lab.play([settings_task()], check=True, diff=True)
    assert check.rc == 0, check.output
    for host in lab.hosts:
        assert lab.stats(host)['config_writes'] == 0
        assert lab.settings(host) == before[host]
    real = lab.play([settings_task()])
    for host in lab.hosts:
        predicted, done = check.task('settings', host), real.task('settings', host)
        assert predicted['changed'] and predicted['changes'] == done['changes']
        assert predicted['after'] == done['after'] and predicted['before'] == done['before']
    assert lab.play([settings_task()], check=True).changed() == 0


def test_diff_shows_the_change_with_passwords_masked(lab):
    run = lab.play([settings_task()], check=True, diff=True)
    result = run.task('settings', lab.hosts[0])
    assert result['diff']['before']['monitor'] == {'mode': 'automatic', 'resolution': '3840x2160p60'}
    assert result['diff']['after']['monitor'] == {'mode': 'manual', 'resolution': '3840x2160p30'}
    assert result['diff']['after']['local_account']['password'] == '<masked: will change>'
    assert '+    resolution: 3840x2160p30' in run.output or 'resolution: 3840x2160p30' in run.output
    assert PASSWORD not in run.output


def test_secrets_never_appear_even_at_vvvv(lab):
    cloud_password = 'Cloud-Secret-77!'
    new_password = 'Rotated-Pw-2026#'
    task = settings_task(cloud=dict(registered=True, email='av-team@example.com', password=cloud_password),
                         local_account=dict(password=new_password))
    failing = {'name': 'rejected write', 'failed_when': False, 'polycom.uc.pano_settings': dict(
        cloud=dict(registered=False), local_account=dict(password=new_password), network=dict(icmp_rate_limit=5000))}
    rejected = {'name': 'device rejects', 'failed_when': False, 'polycom.uc.pano_settings': dict(
        local_account=dict(password=new_password), cloud=dict(registered=True, email='other@example.com', password='wrong-password'))}
    run = lab.play([task, failing, rejected], check=False, diff=True, verbosity=4)
    assert run.rc == 0, run.output[-4000:]
    assert 'cloud sign-in failed' in run.task('device rejects', lab.hosts[0])['msg']
    for secret in (PASSWORD, cloud_password, new_password, 'wrong-password'):
        assert secret not in run.output
        assert secret not in str(run.results)
    assert lab.state(lab.hosts[0])['admin_password'] == new_password
    again = lab.play([task])
    assert again.changed() == 0, 'a rotated password is recognised on the next run'


def test_password_rotation_is_idempotent(lab):
    assert lab.play([settings_task()]).rc == 0
    rotate = settings_task(local_account=dict(password='Next-Pw-42'))
    first = lab.play([rotate])
    assert first.task('settings', lab.hosts[0])['changes'] == ['local_account.password']
    assert lab.play([rotate]).changed() == 0
    assert lab.state(lab.hosts[0])['admin_password'] == 'Next-Pw-42'


def test_pano_info_returns_identity_and_settings_that_pano_settings_accepts_as_is(lab):
    assert lab.play([settings_task()]).rc == 0
    run = lab.play([{'name': 'info', 'polycom.uc.pano_info': {'gather_settings': True}, 'register': 'info'},
                    {'name': 'feed back', 'polycom.uc.pano_settings': '{{ info.settings }}'}])
    assert run.rc == 0, run.output
    for host in lab.hosts:
        device = run.task('info', host)['device']
        state = lab.state(host)
        assert device['family'] == 'pano' and device['model'] == 'Polycom Pano'
        assert device['serial'] == lab.lab.devices[host]['serial']
        assert device['setup_state'] == 'complete' and device['factory_credentials'] is False
        assert len(device['mac_address']) == 12 and device['firmware_version'][0].isdigit()
        assert run.task('info', host)['settings']['monitor'] == {'mode': 'manual', 'resolution': '3840x2160p30'}
        assert run.task('feed back', host)['changed'] is False
        assert state['vars']['monitor.resolution'] == '3840x2160p30'


def test_two_devices_report_their_own_software_versions(lab):
    run = lab.play([{'name': 'info', 'polycom.uc.pano_info': {'initial_password': '{{ pano_serial[-6:] }}'}}])
    versions = dict((host, result['device']['firmware_version']) for host, result in run.task('info').items())
    assert len(set(versions.values())) == 2, versions
    assert all(result['device']['factory_credentials'] for result in run.task('info').values())


def test_connection_options_fall_back_to_environment_variables(lab):
    host = lab.hosts[0]
    device = lab.lab.devices[host]
    env = dict(POLYCOM_HOST='127.0.0.1', POLYCOM_PORT=str(device['port']), POLYCOM_PASSWORD=device['factory_password'],
               POLYCOM_CA_PATH=lab.lab.ca)
    run = lab.play([{'name': 'info', 'polycom.uc.pano_info': {}}], hosts=host, env=env, module_defaults=False)
    assert run.rc == 0, run.output
    # the factory password is the serial's tail, so no_log masks it inside the serial too
    assert run.task('info', host)['device']['serial'] == device['serial'][:-6] + '********'


@pytest.mark.parametrize('ca, validate, fragment', [
    ('wrong', True, 'TLS verification of https://127.0.0.1'),
    ('right', True, None),
    ('wrong', False, None),
])
def test_certificate_validation(lab, ca, validate, fragment):
    host = lab.hosts[0]
    ca_path = lab.lab.wrong_ca if ca == 'wrong' else lab.lab.ca
    run = lab.play([{'name': 'info', 'polycom.uc.pano_info': {'initial_password': '{{ pano_serial[-6:] }}', 'ca_path': ca_path,
                                                              'validate_certs': validate}}], hosts=host)
    result = run.task('info', host)
    if fragment:
        assert run.rc != 0 and fragment in result['msg']
    else:
        assert run.rc == 0 and result['device']['serial']
