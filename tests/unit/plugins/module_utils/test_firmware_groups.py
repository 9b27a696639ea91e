"""Many devices against one baseline in one pass: the groups keep every device, firmware_status decides."""
import json

from ansible_collections.polycom.uc.plugins.module_utils.firmware import (
    GROUP_KEYS, firmware_groups, firmware_status, firmware_summary, group_statuses, merge_groups,
)

BASELINE = {'phone': {'minimum': '5.4', 'models': {'VVX 500': {'exact': '5.9.7'}}}, 'pano': {'minimum': '1.1.2'}}


def phone(index, model, version):
    return dict(family='phone', model=model, mac_address='0004f2%06x' % index, firmware_version=version)


def test_every_device_lands_in_the_group_of_its_own_firmware_status():
    devices = [phone(0, 'VVX500', '5.9.7.3480'), phone(1, 'SPIP650', '4.0.1.13681'), phone(2, 'VVX500', '4.0.1.13681'),
               phone(3, 'VVX500', '5.9.7.3480'), phone(4, 'SPIP650', '5.5.0'), phone(5, 'SSIP5000', '5.4'),
               dict(family='pano', model='Polycom Pano', serial='8217', firmware_version='1.0.0.46'),
               dict(family='group_series', model='RealPresence Group 500', serial='GS1', firmware_version='6.2')]
    groups = firmware_groups(devices, BASELINE)
    by_device = dict((name, group) for group in groups for name in group['mac_addresses'] + group['serials'])
    assert sorted(by_device) == sorted(d.get('mac_address') or d['serial'] for d in devices)
    for device in devices:
        single = firmware_status(device, BASELINE)
        group = by_device[device.get('mac_address') or device['serial']]
        assert dict((k, group[k]) for k in GROUP_KEYS + ('message',)) == dict((k, single[k]) for k in GROUP_KEYS + ('message',))
    assert sum(g['count'] for g in groups) == len(devices)
    assert [g['mac_addresses'] for g in groups if g['status'] == 'ok' and g['model'] == 'VVX500'] == [['0004f2000000', '0004f2000003']]


def test_groups_off_the_baseline_come_first_and_versions_sort_as_versions():
    devices = [phone(0, 'VVX500', '5.9.7'), phone(1, 'VVX500', '5.10.0'), phone(2, 'VVX500', '5.9.0'), phone(3, 'SPIP650', '5.3')]
    groups = firmware_groups(devices, BASELINE)
    assert [(g['status'], g['model'], g['actual']) for g in groups] == [
        ('below_minimum', 'SPIP650', '5.3'), ('not_exact', 'VVX500', '5.9.0'), ('not_exact', 'VVX500', '5.10.0'), ('ok', 'VVX500', '5.9.7')]


def test_summary_counts_every_status():
    groups = firmware_groups([phone(i, 'VVX500', '5.9.7' if i % 3 else '5.8') for i in range(30)] + [phone(99, None, '5.9')], {})
    summary = firmware_summary(groups)
    assert summary == dict(ok=0, below_minimum=0, not_exact=0, unknown_model=31, unknown_version=0, compared=31, drift=31)
    summary = firmware_summary(firmware_groups([phone(i, 'VVX500', '5.9.7' if i % 3 else '5.8') for i in range(30)], BASELINE))
    assert (summary['ok'], summary['not_exact'], summary['drift'], summary['compared']) == (20, 10, 10, 30)


def test_ten_thousand_phones_fit_far_below_the_runner_event_limit():
    """ansible-runner drops a result whose str() exceeds MAX_EVENT_RES (700,000); the groups cost ~16 characters a phone."""
    versions = ('5.9.7.3480', '5.9.7.4213', '4.0.1.13681', '5.8.0.12345')
    devices = [phone(i, ('VVX500', 'SPIP650')[i % 2], versions[i % 4]) for i in range(10000)]
    groups = firmware_groups(devices, BASELINE)
    assert sum(g['count'] for g in groups) == 10000 and len(groups) == 4
    assert len(str(groups)) < 200000 and len(json.dumps(groups)) < 200000


def test_statuses_group_like_devices_and_groups_merge():
    statuses = [firmware_status(phone(i, 'VVX500', '5.8'), BASELINE) for i in range(3)]
    statuses.append(firmware_status(dict(family='pano', model='Polycom Pano', serial='S1', firmware_version='1.0'), BASELINE))
    groups = group_statuses(statuses)
    assert [(g['status'], g['count'], g['mac_addresses'], g['serials']) for g in groups] == [
        ('below_minimum', 1, [], ['S1']), ('not_exact', 3, ['0004f2000000', '0004f2000001', '0004f2000002'], [])]
    more = firmware_groups([phone(7, 'VVX500', '5.8'), phone(8, 'VVX500', '5.9.7')], BASELINE)
    merged = merge_groups(groups + more)
    assert [(g['status'], g['count']) for g in merged] == [('below_minimum', 1), ('not_exact', 4), ('ok', 1)]
    assert merged[1]['mac_addresses'][-1] == '0004f2000007'
