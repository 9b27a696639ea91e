import pytest

from ansible_collections.polycom.uc.plugins.module_utils.pano import (
    PANO_SETTINGS, factory_password, plan, restarts, rule_problems, side_effects,
)

FACTORY = {
    'network.ipv4.dhcp': 'true', 'network.ipv4.address': '127.0.0.1', 'network.ipv6.enabled': 'false', 'network.ipv6.slaac': 'true',
    'network.lan.autonegotiation': 'true', 'network.lan.speed': '1000', 'system.datetime.timeserver.mode': 'auto',
    'monitor.mode': 'automatic', 'monitor.resolution': '3840x2160p60', 'wireless.wifi.enabled': 'true',
    'wireless.bluetooth.enabled': 'true', 'cloud.registered': 'false', 'system.info.roomname': '',
    'security.securitycode.enabled': 'true', 'system.datetime.current': '2026-11-24 10:00',
}


def desired(**sections):
    values, problems = PANO_SETTINGS.desired(sections)
    assert problems == []
    return values


def test_factory_password_is_the_last_six_characters_of_the_serial():
    assert factory_password('82171234A1B2C3') == 'A1B2C3'


@pytest.mark.parametrize('sections, fragment', [
    (dict(network={'ipv4_address': '10.0.0.5'}), 'network.ipv4_address: static IPv4 settings are allowed only with network.dhcp=false'),
    (dict(network={'ipv6_global_address': '2001:db8::5'}), 'network.ipv6_global_address: manual IPv6'),
    (dict(network={'ipv6_enabled': True, 'ipv6_gateway': '2001:db8::1'}), 'network.ipv6_gateway: manual IPv6'),
    (dict(network={'ipv6_enabled': True, 'ipv6_slaac': False, 'ipv6_global_address': '2001:db8::5'}), 'only when "Enter IP address manually"'),
    (dict(network={'dhcp': False, 'ipv6_site_local': 'fec0::5'}), 'network.dhcp=false and network.ipv6_enabled=true'),
    (dict(software_update={'server': 'updates.example.com'}), 'software_update.server: the update server'),
    (dict(software_update={'maintenance_window': True}), 'software_update.maintenance_window: the update server and the maintenance'),
    (dict(software_update={'automatic': True, 'maintenance_end': '05:00'}), 'software_update.maintenance_end: maintenance hours exist only'),
    (dict(network={'lan_speed': '100'}), 'network.lan_speed: LAN speed and duplex are allowed only with network.autonegotiation=false'),
    (dict(date_time={'primary_time_server': 'ntp.example.com'}), 'date_time.primary_time_server: time servers'),
    (dict(date_time={'current_date_time': '2026-01-01 10:00'}), 'date_time.current_date_time: the current date and time'),
    (dict(monitor={'resolution': '1920x1080p60'}), 'monitor.resolution: a resolution is allowed only with monitor.mode=manual'),
    (dict(wireless={'bluetooth': False}, screen_mirroring={'airplay': True}), 'screen_mirroring.airplay: AirPlay needs wireless.bluetooth=true'),
    (dict(wireless={'wifi': False}, screen_mirroring={'miracast': True}), 'screen_mirroring.miracast: Miracast needs wireless.wifi=true'),
])
def test_cross_setting_rules_of_the_guide(sections, fragment):
    problems = rule_problems(FACTORY, desired(**sections))
    assert any(fragment in problem for problem in problems), problems


@pytest.mark.parametrize('sections', [
    dict(network={'dhcp': False, 'ipv4_address': '10.0.0.5'}),
    dict(network={'ipv6_enabled': True, 'dhcp': False, 'ipv6_global_address': '2001:db8::5'}),
    dict(network={'ipv6_enabled': True, 'dhcp': False, 'ipv6_slaac': True, 'ipv6_link_local': 'fe80::5'}),
    dict(software_update={'automatic': True, 'server': 'updates.example.com', 'maintenance_window': True, 'maintenance_begin': '01:00'}),
    dict(cloud={'registered': True, 'email': 'a@example.com', 'password': 'x'}, software_update={'server': 'updates.example.com'}),
    dict(network={'autonegotiation': False, 'lan_speed': '100', 'duplex': 'half'}),
    dict(date_time={'time_server': 'manual', 'primary_time_server': 'ntp.example.com'}),
    dict(date_time={'time_server': 'off', 'current_date_time': '2026-01-01 10:00'}),
    dict(monitor={'mode': 'manual', 'resolution': '3840x2160p30'}),
    dict(network={'ipv4_address': '127.0.0.1'}),  # unchanged value: allowed even with DHCP on
])
def test_rules_allow_what_the_guide_allows(sections):
    assert rule_problems(FACTORY, desired(**sections)) == []


def test_room_name_and_security_code_are_read_only_while_registered():
    registered = dict(FACTORY, **{'cloud.registered': 'true', 'cloud.email': 'a@example.com'})
    problems = rule_problems(registered, desired(general={'room_name': 'X'}, security={'security_code': False}))
    assert len(problems) == 2 and all('read-only while the device is registered' in p for p in problems)
    assert rule_problems(registered, desired(general={'room_name': ''})) == []


def test_registering_needs_email_and_password():
    assert rule_problems(FACTORY, desired(cloud={'registered': True})) == ['cloud: registering needs cloud.email and cloud.password']
    assert rule_problems(FACTORY, desired(cloud={'registered': True, 'email': 'a@example.com', 'password': 'x'})) == []


def test_cloud_password_is_written_only_when_the_registration_changes():
    wanted = desired(cloud={'registered': True, 'email': 'a@example.com', 'password': 'pw'})
    assert plan(FACTORY, wanted) == {'cloud.registered': 'true', 'cloud.email': 'a@example.com', 'cloud.password': 'pw'}
    registered = dict(FACTORY, **{'cloud.registered': 'true', 'cloud.email': 'a@example.com'})
    assert plan(registered, wanted) == {}


def test_clock_within_tolerance_is_no_change():
    off = dict(FACTORY, **{'system.datetime.timeserver.mode': 'off'})
    assert plan(off, desired(date_time={'current_date_time': '2026-11-24 10:01'})) == {}
    assert plan(off, desired(date_time={'current_date_time': '2026-11-24 10:05'})) == {'system.datetime.current': '2026-11-24 10:05'}


def test_network_changes_restart_the_device():
    assert restarts({'network.icmp.ratelimit': '10'})
    assert not restarts({'system.info.roomname': 'x'})


FACTORY_UPDATE = dict(FACTORY, **{'softwareupdate.automatic': 'false', 'system.screenmirroring.airplay': 'true',
                                  'system.screenmirroring.miracast': 'true'})


def test_disabling_the_radios_turns_the_mirroring_off_and_registering_turns_automatic_updates_on():
    assert side_effects(FACTORY_UPDATE, {'wireless.wifi.enabled': 'false'}) == {'system.screenmirroring.miracast': 'false'}
    assert side_effects(FACTORY_UPDATE, {'wireless.bluetooth.enabled': 'false'}) == {'system.screenmirroring.airplay': 'false'}
    assert side_effects(FACTORY_UPDATE, {'cloud.registered': 'true'}) == {'softwareupdate.automatic': 'true'}
    assert side_effects(FACTORY_UPDATE, {'wireless.wifi.enabled': 'true'}) == {}, 'enabling a radio does not turn mirroring on'


def test_a_wanted_value_that_a_switch_would_override_is_written_with_it():
    wanted = desired(cloud={'registered': True, 'email': 'a@example.com', 'password': 'pw'}, software_update={'automatic': False})
    assert plan(FACTORY_UPDATE, wanted)['softwareupdate.automatic'] == 'false'


@pytest.mark.parametrize('name, current, wanted', [
    ('network.ipv6.global', '2001:db8::5', '2001:DB8:0:0::5'),
    ('network.ipv4.address', '10.0.0.5', '10.0.0.5'),
    ('network.dns.servers', '2001:db8::53,192.0.2.53', '2001:DB8::0053,192.0.2.53'),
])
def test_addresses_compare_as_addresses(name, current, wanted):
    assert PANO_SETTINGS.diff({name: current}, {name: wanted}) == {}
    assert PANO_SETTINGS.diff({name: current}, {name: wanted.replace('5', '6')}) != {}


@pytest.mark.parametrize('sections, fragment', [
    (dict(general={'device_name': ''}), 'general.device_name: must not be empty (1 to 40 characters allowed)'),
    (dict(local_account={'password': ''}), 'local_account.password: must not be empty (1 to 64 characters allowed)'),
    (dict(local_account={'admin_id': 'ad min'}), 'local_account.admin_id: must be a value without white space'),
    (dict(network={'ipv4_subnet_mask': '24'}), 'network.ipv4_subnet_mask: must be a contiguous IPv4 netmask in dotted form'),
    (dict(date_time={'time_zone': 'Mars/Olympus_Mons'}), 'date_time.time_zone: must be a known IANA time zone name'),
    (dict(date_time={'current_date_time': '2026-02-30 10:00'}), 'date_time.current_date_time: must be a date and time'),
    (dict(network={'host_name': ''}), 'network.host_name: must not be empty'),
    (dict(software_update={'server': 'updates example com'}), 'software_update.server: must be a server address or URL without white space'),
    (dict(date_time={'primary_time_server': 'ntp server'}), 'date_time.primary_time_server: must be a host name or an IPv4 or IPv6 address'),
    (dict(general={'country': ''}), "general.country: must be an ISO 3166-1 alpha-2 country code in capitals such as DE, US or GB"),
    (dict(general={'country': 'de'}), "general.country: must be an ISO 3166-1 alpha-2 country code in capitals such as DE, US or GB"),
    (dict(general={'country': 'Germany'}), "(the guide lists no values; the codes are inferred), got 'Germany'"),
    (dict(general={'country': 'XK'}), "general.country: must be an ISO 3166-1 alpha-2"),
])
def test_values_the_device_refuses_are_refused_before_any_request(sections, fragment):
    _values, problems = PANO_SETTINGS.desired(sections)
    assert any(fragment in problem for problem in problems), problems


def test_run_the_setup_wizard_the_country_is_an_iso_code():
    assert desired(general={'country': 'DE'}) == {'system.country': 'DE'}
    assert PANO_SETTINGS.argument_spec()['general']['options']['country'] == {'type': 'str'}, 'a check, not 249 choices'
    assert len(PANO_SETTINGS.by_name['system.country'].errors('GB')) == 0 and len(PANO_SETTINGS.by_name['system.country'].errors('UK')) == 1


def test_labels_are_honest_what_the_guide_does_not_give_is_labelled_inferred():
    from ansible_collections.polycom.uc.plugins.module_utils import pano
    inferred = ' '.join(part.split('* **[', 1)[0] for part in pano.__doc__.split('**[inferred]**')[1:])
    for fact in ('language list', '``12h``/``24h``', '``half``/``full``', 'admin ID', 'IANA time zone names',
                 'network changes restart the device', "the country's values", 'ISO 3166-1 alpha-2'):
        assert fact in ' '.join(inferred.split()), fact
    assert 'asks for the language and the country' in pano.__doc__.split('**[inferred]**', maxsplit=1)[0], 'the wizard asking is [doc]'
