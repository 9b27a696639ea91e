"""Bad input is rejected before anything is written, naming the field and what is allowed."""
BAD_INPUTS = [
    (dict(general=dict(device_name='x' * 41)), ['general.device_name', 'at most 40 characters']),
    (dict(general=dict(room_name=u'\u00e4' * 41)), ['general.room_name', 'at most 40 characters']),
    (dict(general=dict(system_language='klingon')), ['system_language', 'en_US', 'zh_TW']),
    (dict(general=dict(country='UK')), ['general.country', 'ISO 3166-1 alpha-2 country code in capitals such as DE, US or GB']),
    (dict(network=dict(icmp_rate_limit=1001)), ['network.icmp_rate_limit', 'between 0 and 1000']),
    (dict(network=dict(icmp_rate_limit=-1)), ['network.icmp_rate_limit', 'between 0 and 1000']),
    (dict(network=dict(dns_servers=['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4', '192.0.2.5'])), ['network.dns_servers', 'at most 4']),
    (dict(network=dict(dns_servers=['dns.example.com'])), ['network.dns_servers', 'IPv4 or IPv6 address']),
    (dict(network=dict(ipv4_address='10.0.0.5')), ['network.ipv4_address', 'only with network.dhcp=false']),
    (dict(network=dict(dhcp=False, ipv4_address='999.1.1.1')), ['network.ipv4_address', 'IPv4 address']),
    (dict(network=dict(dhcp=False, ipv4_subnet_mask='255.0.255.0')), ['network.ipv4_subnet_mask', 'netmask']),
    (dict(network=dict(ipv6_global_address='2001:db8::5')), ['network.ipv6_global_address', 'network.dhcp=false']),
    (dict(network=dict(ipv6_enabled=True, ipv6_slaac=False, ipv6_gateway='zz::1')), ['network.ipv6_gateway', 'IPv6 address']),
    (dict(network=dict(lan_speed='10000')), ['lan_speed', '10, 100, 1000']),
    (dict(network=dict(duplex='half')), ['network.duplex', 'autonegotiation=false']),
    (dict(network=dict(host_name='bad_host!')), ['network.host_name', 'RFC 1123']),
    (dict(network=dict(speed='100')), ['speed', 'Supported parameters include']),
    (dict(monitor=dict(resolution='4096x2160p30')), ['resolution', '3840x2160p30', '1280x720p60']),
    (dict(monitor=dict(resolution='1920x1080p60')), ['monitor.resolution', 'only with monitor.mode=manual']),
    (dict(monitor=dict(mode='auto')), ['mode', 'automatic, manual']),
    (dict(date_time=dict(time_format='25h')), ['time_format', '12h, 24h']),
    (dict(date_time=dict(time_server='ntp')), ['time_server', 'auto, manual, off']),
    (dict(date_time=dict(primary_time_server='ntp.example.com')), ['date_time.primary_time_server', 'time_server=manual']),
    (dict(date_time=dict(time_server='off', current_date_time='24.11.2026 10:00')), ['date_time.current_date_time', 'YYYY-MM-DD HH:MM']),
    (dict(date_time=dict(time_zone='Not a zone!')), ['date_time.time_zone', 'IANA time zone']),
    (dict(wireless=dict(bluetooth=False), screen_mirroring=dict(airplay=True)), ['screen_mirroring.airplay', 'needs wireless.bluetooth=true']),
    (dict(wireless=dict(wifi=False), screen_mirroring=dict(miracast=True)), ['screen_mirroring.miracast', 'needs wireless.wifi=true']),
    (dict(software_update=dict(maintenance_begin='25:00')), ['software_update.maintenance_begin', 'HH:MM']),
    (dict(security=dict(security_code='maybe')), ['security_code', 'bool']),
    (dict(cloud=dict(email='not-an-email')), ['cloud.email', 'email address']),
    (dict(cloud=dict(registered=True)), ['cloud', 'needs cloud.email and cloud.password']),
    (dict(local_account=dict(password='{{ pano_serial[-6:] }}')), ['local_account.password', 'factory password must be changed']),
]


def test_bad_inputs_are_rejected_before_any_write(lab):
    host = lab.hosts[0]
    tasks = []
    for index, (args, _fragments) in enumerate(BAD_INPUTS):
        module_args = dict(args, initial_password='{{ pano_serial[-6:] }}')
        tasks.append({'name': 'bad %d' % index, 'polycom.uc.pano_settings': module_args, 'failed_when': False})
    run = lab.play(tasks, hosts=host)
    assert run.rc == 0, run.output[-3000:]
    for index, (args, fragments) in enumerate(BAD_INPUTS):
        result = run.task('bad %d' % index, host)
        assert result.get('changed') is False and 'msg' in result, (args, result)
        for fragment in fragments:
            assert fragment in result['msg'], (args, fragment, result['msg'])
    assert lab.stats(host)['config_writes'] == 0
    assert lab.state(host)['setup'] == 'pending', 'nothing was written, not even the new password'
