"""The Pano guide's rules, enforced the same way by the module and by the emulated device.

Each case is named after the guide's section that gives the rule. The emulator is driven directly over its REST
interface (bypassing the module) with the bad value and must refuse it; the module must refuse the same value before
any request that writes. Odd but valid inputs converge and stay converged.
"""
import pytest
import requests

from conftest import PASSWORD

INITIAL = '{{ pano_serial[-6:] }}'
COUNTRY = 'DE'  # the setup wizard asks for it: a factory Pano's setup needs it


def factory_setup(options):
    """The options of a run that also takes a factory Pano through its setup: the factory password and the country."""
    return dict(options, initial_password=INITIAL, general=dict(options.get('general') or {}, country=COUNTRY))


# (guide section: what, module options, emulator vars, device state before (lab /_lab/state vars), module message fragment)
PARITY = [
    ('Configure IP Address Settings: manual IPv6 with Obtain IP address automatically',
     dict(network=dict(ipv6_enabled=True, ipv6_slaac=False, ipv6_global_address='2001:db8::5')),
     {'network.ipv6.enabled': 'true', 'network.ipv6.slaac': 'false', 'network.ipv6.global': '2001:db8::5'}, {},
     ['network.ipv6_global_address', 'Enter IP address manually', 'network.dhcp=false']),
    ('Configure IP Address Settings: netmask as a prefix length',
     dict(network=dict(dhcp=False, ipv4_subnet_mask='24')),
     {'network.ipv4.dhcp': 'false', 'network.ipv4.subnetmask': '24'}, {},
     ['network.ipv4_subnet_mask', 'dotted form such as 255.255.255.0']),
    ('Configure LAN Options: empty host name', dict(network=dict(host_name='')), {'network.hostname': ''}, {},
     ['network.host_name', 'must not be empty']),
    ('Configure LAN Options: domain name with a trailing dot', dict(network=dict(domain_name='lab.example.com.')),
     {'network.domainname': 'lab.example.com.'}, {}, ['network.domain_name', 'RFC 1123 host name labels']),
    ('Set the Date and Time: time server with a trailing dot',
     dict(date_time=dict(time_server='manual', primary_time_server='ntp.example.com.')),
     {'system.datetime.timeserver.mode': 'manual', 'system.datetime.timeserver.primary': 'ntp.example.com.'}, {},
     ['date_time.primary_time_server', 'host name or an IPv4 or IPv6 address']),
    ('Set Device and Room Names: empty device name', dict(general=dict(device_name='')), {'system.info.devicename': ''}, {},
     ['general.device_name', 'must not be empty (1 to 40 characters allowed)']),
    ('Set the Date and Time: unknown time zone', dict(date_time=dict(time_zone='Mars/Olympus_Mons')),
     {'system.datetime.timezone': 'Mars/Olympus_Mons'}, {}, ['date_time.time_zone', 'known IANA time zone name']),
    ('Set the Date and Time: impossible date', dict(date_time=dict(time_server='off', current_date_time='2026-02-30 10:00')),
     {'system.datetime.timeserver.mode': 'off', 'system.datetime.current': '2026-02-30 10:00'}, {},
     ['date_time.current_date_time', 'exists on the calendar']),
    ('Set the Date and Time: clearing a time server outside Manual', dict(date_time=dict(primary_time_server='')),
     {'system.datetime.timeserver.primary': ''}, {'system.datetime.timeserver.primary': 'ntp.example.com'},
     ['date_time.primary_time_server', 'only with date_time.time_server=manual']),
    ('Set the Date and Time: time server with white space', dict(date_time=dict(time_server='manual', primary_time_server='ntp server')),
     {'system.datetime.timeserver.mode': 'manual', 'system.datetime.timeserver.primary': 'ntp server'}, {},
     ['date_time.primary_time_server', 'host name or an IPv4 or IPv6 address']),
    ('Set Local Account Details: empty password', dict(local_account=dict(password='')), {'security.localaccount.password': ''}, {},
     ['local_account.password', 'must not be empty']),
    ('Set Local Account Details: admin ID with white space', dict(local_account=dict(admin_id='pano admin')),
     {'security.localaccount.adminid': 'pano admin'}, {}, ['local_account.admin_id', 'without white space']),
    ('Automatically Update Software: server without automatic updates', dict(software_update=dict(server='updates.example.com')),
     {'softwareupdate.server': 'updates.example.com'}, {}, ['software_update.server', 'only with software_update.automatic=true']),
    ('Automatically Update Software: update server with white space',
     dict(software_update=dict(automatic=True, server='updates example com')),
     {'softwareupdate.automatic': 'true', 'softwareupdate.server': 'updates example com'}, {},
     ['software_update.server', 'without white space']),
    ('Automatically Update Software: maintenance hours without the option',
     dict(software_update=dict(automatic=True, maintenance_begin='01:00')),
     {'softwareupdate.automatic': 'true', 'softwareupdate.maintenance.begin': '01:00'}, {},
     ['software_update.maintenance_begin', 'software_update.maintenance_window=true']),
    ('Register with the Polycom Cloud Service: email without signing in', dict(cloud=dict(email='av@example.com')),
     {'cloud.email': 'av@example.com'}, {}, ['cloud.email', 'only when registering']),
    ('Run the Setup Wizard: a country by its name, not its code', dict(general=dict(country='Germany')), {'system.country': 'Germany'}, {},
     ['general.country', 'ISO 3166-1 alpha-2 country code in capitals', "got 'Germany'"]),
    ('Run the Setup Wizard: no country', dict(general=dict(country='')), {'system.country': ''}, {},
     ['general.country', 'ISO 3166-1 alpha-2 country code in capitals', "got ''"]),
]
IDS = [case[0] for case in PARITY]


def set_up(lab, host, state_vars):
    """A device through its setup with the tests' admin password, and the case's starting values."""
    lab.control(host, 'POST', '/_lab/state', {'setup_complete': True, 'admin_password': PASSWORD, 'vars': state_vars})
    lab.reset_stats()


class DeviceSession(object):
    """The emulated Pano's own REST interface, without the collection."""

    def __init__(self, lab, host):
        self.base = 'https://127.0.0.1:%d' % lab.lab.devices[host]['port']
        self.ca = lab.lab.ca
        self.http = requests.Session()
        self.http.trust_env = False

    def __enter__(self):
        answer = self.http.post(self.base + '/rest/session', json={'user': 'admin', 'password': PASSWORD, 'action': 'Login'}, verify=self.ca)
        assert answer.status_code == 200, answer.text
        return self

    def __exit__(self, *exc):
        try:
            self.http.delete(self.base + '/rest/session', verify=self.ca)
        except requests.ConnectionError:  # a device that restarts has dropped its sessions
            pass

    def write(self, values):
        return self.http.post(self.base + '/rest/config', json={'vars': [{'name': n, 'value': v} for n, v in values.items()]}, verify=self.ca)


@pytest.mark.parametrize('case', PARITY, ids=IDS)
def test_the_emulated_device_refuses_what_the_guide_forbids(lab, case):
    _name, _options, values, before, _fragments = case
    host = lab.hosts[0]
    set_up(lab, host, before)
    settings = lab.settings(host)
    with DeviceSession(lab, host) as device:
        answer = device.write(values)
    assert answer.status_code == 400, answer.text
    results = [item['result'] for item in answer.json()['vars']]
    assert set(results) - {'NOERROR'} <= {'INVALID_VALUE', 'DEPENDENCY'} and set(results) != {'NOERROR'}, results
    assert lab.stats(host)['config_writes_applied'] == 0 and lab.settings(host) == settings


def test_the_module_refuses_the_same_before_any_write(lab):
    host = lab.hosts[0]
    tasks = []
    for index, (_name, options, _values, before, _fragments) in enumerate(PARITY):
        if before:
            continue
        tasks.append({'name': 'bad %d' % index, 'polycom.uc.pano_settings': options, 'failed_when': False})
    set_up(lab, host, {})
    run = lab.play(tasks, hosts=host)
    assert run.rc == 0, run.output[-3000:]
    for index, (name, options, _values, before, fragments) in enumerate(PARITY):
        if before:
            continue
        result = run.task('bad %d' % index, host)
        assert result.get('changed') is False and result['msg'].startswith('invalid settings'), (name, result)
        for fragment in fragments:
            assert fragment in result['msg'], (name, fragment, result['msg'])
    assert lab.stats(host)['config_writes'] == 0


def test_the_module_refuses_clearing_a_time_server_outside_manual(lab):
    name, options, _values, before, fragments = PARITY[IDS.index('Set the Date and Time: clearing a time server outside Manual')]
    host = lab.hosts[0]
    set_up(lab, host, before)
    run = lab.play([{'name': 'clear', 'polycom.uc.pano_settings': options, 'failed_when': False}], hosts=host)
    result = run.task('clear', host)
    assert result['msg'].startswith('invalid settings') and all(fragment in result['msg'] for fragment in fragments), (name, result)
    assert lab.stats(host)['config_writes'] == 0


def converges(lab, host, options, expected_changes, diff_check=None):
    """Check mode predicts the change and writes nothing; the run changes exactly that; the next run changes nothing."""
    task = {'name': 'settings', 'polycom.uc.pano_settings': factory_setup(options)}
    check = lab.play([task], hosts=host, check=True, diff=True)
    assert check.rc == 0, check.output[-3000:]
    assert lab.stats(host)['config_writes'] == 0
    predicted = check.task('settings', host)
    real = lab.play([task], hosts=host)
    assert real.rc == 0, real.output[-3000:]
    done = real.task('settings', host)
    assert sorted(set(expected_changes) | {'local_account.password', 'general.country'}) == done['changes'] == predicted['changes']
    assert predicted['after'] == done['after'] and predicted['diff']['after'] == done['after']
    lab.reset_stats()
    again = lab.play([task], hosts=host)
    assert again.rc == 0 and again.changed() == 0, again.output[-3000:]
    assert lab.stats(host)['config_writes'] == 0
    return done


def test_configure_ip_address_settings_manual_ipv6_with_enter_ip_address_manually(lab):
    host = lab.hosts[0]
    options = dict(network=dict(dhcp=False, ipv4_address='127.0.0.1', ipv4_subnet_mask='255.255.255.0', ipv6_enabled=True,
                                ipv6_slaac=True, ipv6_global_address='2001:DB8:0:0::5', ipv6_gateway='2001:db8::1'))
    converges(lab, host, options, ['network.dhcp', 'network.ipv6_enabled', 'network.ipv6_global_address', 'network.ipv6_gateway'])
    assert lab.state(host)['vars']['network.ipv6.global'] == '2001:DB8:0:0::5'


def test_equal_addresses_in_another_notation_are_no_change_and_no_restart(lab):
    host = lab.hosts[0]
    options = dict(network=dict(dhcp=False, ipv6_enabled=True, ipv6_global_address='2001:db8::5', dns_servers=['2001:db8::53']))
    assert lab.play([{'name': 'set', 'polycom.uc.pano_settings': factory_setup(options)}], hosts=host).rc == 0
    restarts = lab.state(host)['restarts']
    lab.reset_stats()
    other = dict(network=dict(dhcp=False, ipv6_enabled=True, ipv6_global_address='2001:DB8:0:0:0:0:0:5', dns_servers=['2001:0DB8::0053']))
    run = lab.play([{'name': 'same', 'polycom.uc.pano_settings': other}], hosts=host)
    assert run.rc == 0 and run.changed() == 0, run.output[-3000:]
    assert lab.stats(host)['config_writes'] == 0 and lab.state(host)['restarts'] == restarts


def test_disable_wireless_communication_settings_reports_the_mirroring_it_turns_off(lab):
    host = lab.hosts[0]
    done = converges(lab, host, dict(wireless=dict(wifi=False, bluetooth=False)),
                     ['wireless.wifi', 'wireless.bluetooth', 'screen_mirroring.miracast', 'screen_mirroring.airplay'])
    assert done['before']['screen_mirroring'] == {'airplay': True, 'miracast': True}
    assert done['after']['screen_mirroring'] == {'airplay': False, 'miracast': False}
    values = lab.state(host)['vars']
    assert values['system.screenmirroring.miracast'] == values['system.screenmirroring.airplay'] == 'false'


def test_register_with_the_polycom_cloud_service_turns_automatic_updates_on(lab):
    host = lab.hosts[0]
    options = dict(cloud=dict(registered=True, email='av@example.com', password='Cloud-Pw-1'),
                   software_update=dict(server='updates.example.com', maintenance_window=True, maintenance_begin='01:00'))
    done = converges(lab, host, options, ['cloud.registered', 'cloud.email', 'cloud.password', 'software_update.automatic',
                                          'software_update.server', 'software_update.maintenance_window',
                                          'software_update.maintenance_begin'])
    assert done['after']['software_update']['automatic'] is True
    assert lab.state(host)['vars']['softwareupdate.automatic'] == 'true'


def test_disable_system_software_updates_from_the_polycom_cloud_service_in_the_same_run(lab):
    host = lab.hosts[0]
    options = dict(cloud=dict(registered=True, email='av@example.com', password='Cloud-Pw-1'), software_update=dict(automatic=False))
    converges(lab, host, options, ['cloud.registered', 'cloud.email', 'cloud.password'])
    assert lab.state(host)['vars']['softwareupdate.automatic'] == 'false'


def test_manually_update_software_check_for_updates_then_update_only_a_newer_build(lab):
    host = lab.hosts[0]
    set_up(lab, host, {})
    current = lab.state(host)['software_version']
    lab.control(host, 'POST', '/_lab/state', {'available_software_version': '9.9.0.100'})
    task = {'name': 'update', 'polycom.uc.pano_maintenance': {'action': 'update_software', 'restart_timeout': 30}}
    check = lab.play([task], hosts=host, check=True)
    predicted = check.task('update', host)
    assert check.rc == 0 and predicted['changed'], check.output[-3000:]
    assert (predicted['software_version'], predicted['available_version'], predicted['updated_to']) == (current, '9.9.0.100', '')
    assert lab.state(host)['software_version'] == current and 'POST /rest/system/softwareupdate' not in lab.stats(host)['by_endpoint']
    restarts = lab.state(host)['restarts']
    done = lab.play([task], hosts=host).task('update', host)
    assert done['changed'] and done['waited'] and done['updated_to'] == '9.9.0.100', done
    assert lab.state(host)['software_version'] == '9.9.0.100' and lab.state(host)['restarts'] == restarts + 1
    lab.reset_stats()
    again = lab.play([task], hosts=host)
    assert again.rc == 0 and again.changed() == 0 and again.task('update', host)['available_version'] == ''
    assert 'POST /rest/system/softwareupdate' not in lab.stats(host)['by_endpoint']


def test_run_the_setup_wizard_finish_restarts_and_the_run_waits_before_going_on(lab):
    host = lab.hosts[0]
    setup = {'name': 'setup', 'polycom.uc.pano_settings': factory_setup(dict(general=dict(room_name='Huddle 9')))}
    then = {'name': 'then', 'polycom.uc.pano_settings': dict(monitor=dict(mode='manual', resolution='1920x1080p60'))}
    check = lab.play([setup], hosts=host, check=True)
    assert check.task('setup', host)['restarted'] and check.task('setup', host)['setup_completed']
    assert lab.state(host)['restarts'] == 0 and lab.state(host)['setup'] == 'pending'
    run = lab.play([setup, then], hosts=host)
    assert run.rc == 0, run.output[-3000:]
    result = run.task('setup', host)
    assert result['setup_completed'] and result['restarted']
    assert result['changes'] == ['general.country', 'general.room_name', 'local_account.password']
    state = lab.state(host)
    assert state['setup'] == 'complete' and state['restarts'] == 1, 'Finish restarts the device once'
    assert run.task('then', host)['changed'] and state['vars']['monitor.resolution'] == '1920x1080p60'
    again = lab.play([setup, then], hosts=host)
    assert again.rc == 0 and again.changed() == 0 and lab.state(host)['restarts'] == 1


class FactoryDeviceSession(DeviceSession):
    """The emulated Pano's REST interface, logged in with the factory credentials (setup wizard pending)."""

    def __init__(self, lab, host):
        super(FactoryDeviceSession, self).__init__(lab, host)
        self.factory_password = lab.lab.devices[host]['serial'][-6:]

    def __enter__(self):
        answer = self.http.post(self.base + '/rest/session', json={'user': 'admin', 'password': self.factory_password, 'action': 'Login'},
                                verify=self.ca)
        assert answer.status_code == 200 and answer.json()['passwordChangeRequired'], answer.text
        return self


def test_run_the_setup_wizard_the_emulated_device_does_not_finish_without_a_country(lab):
    host = lab.hosts[0]
    assert lab.state(host)['vars']['system.country'] == '', 'a factory Pano has no country yet'
    with FactoryDeviceSession(lab, host) as device:
        refused = device.write({'security.localaccount.password': PASSWORD, 'system.info.roomname': 'Huddle 9'})
    assert refused.status_code == 409 and refused.json()['error'] == 'SETUP_INCOMPLETE', refused.text
    assert 'select the country where the system is located' in refused.json()['message']
    state = lab.state(host)
    assert state['setup'] == 'pending' and state['restarts'] == 0 and lab.stats(host)['config_writes_applied'] == 0
    with FactoryDeviceSession(lab, host) as device:
        finished = device.write({'security.localaccount.password': PASSWORD, 'system.country': 'DE'})
    assert finished.status_code == 200 and finished.json()['restarting'], finished.text
    state = lab.state(host)
    assert state['setup'] == 'complete' and state['vars']['system.country'] == 'DE' and state['restarts'] == 1, 'Finish restarts'


def test_run_the_setup_wizard_without_a_country_fails_before_any_write_in_check_mode_too(lab):
    host = lab.hosts[0]
    task = {'name': 'setup', 'polycom.uc.pano_settings': dict(initial_password=INITIAL, general=dict(room_name='Huddle 9')),
            'failed_when': False}
    for check in (True, False):
        result = lab.play([task], hosts=host, check=check).task('setup', host)
        assert result.get('changed') is False and result['msg'].startswith('invalid settings: general.country: the setup wizard asks'), result
        assert 'ISO 3166-1 alpha-2' in result['msg'], result['msg']
        assert lab.stats(host)['config_writes'] == 0 and lab.state(host)['setup'] == 'pending' and lab.state(host)['restarts'] == 0
    with_country = dict(task, **{'polycom.uc.pano_settings': factory_setup(dict(general=dict(room_name='Huddle 9')))})
    predicted = lab.play([with_country], hosts=host, check=True).task('setup', host)
    assert predicted['changed'] and predicted['setup_completed'] and predicted['restarted'], predicted
    assert predicted['changes'] == ['general.country', 'general.room_name', 'local_account.password']
    assert lab.stats(host)['config_writes'] == 0 and lab.state(host)['restarts'] == 0
    done = lab.play([with_country], hosts=host).task('setup', host)
    assert (done['changes'], done['setup_completed'], done['restarted']) == (predicted['changes'], True, True), done
    assert lab.state(host)['vars']['system.country'] == COUNTRY and lab.state(host)['restarts'] == 1
