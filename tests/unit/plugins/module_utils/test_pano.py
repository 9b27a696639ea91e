import pytest

from ansible_collections.polycom.uc.plugins.module_utils.pano import (
    PANO_SETTINGS, factory_password, plan, restarts, rule_problems,
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
    dict(network={'ipv6_enabled': True, 'ipv6_slaac': False, 'ipv6_global_address': '2001:db8::5'}),
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
