"""What ucs_share_info returns: bounded by default, every phone on request, the firmware of all phones in groups."""
from ansible_collections.polycom.uc.plugins.module_utils.ucs_share import Tally
from ansible_collections.polycom.uc.plugins.module_utils.ucs_share_report import finding_groups, share_report

BASELINE = {'phone': {'minimum': '5.4'}}


def phone(index, ready=True, version='5.5.0', findings=()):
    mac = '0004f2%06x' % index
    lync = dict(ready=ready, reasons=[] if ready else ['transport UDPOnly; Lync needs TLS'])
    return dict(mac_address=mac, model='VVX500', lync=lync, findings=[dict(f, message=f['message'].replace('%s', mac)) for f in findings],
                device=dict(family='phone', model='VVX500', mac_address=mac, firmware_version=version))


MISSING = dict(kind='missing_file', severity='error', message='%s-lync.cfg is listed in CONFIG_FILES of 000000000000.cfg but is not on the share')
SHADOWED = dict(kind='shadowed', severity='info', message='reg.1.address in a.cfg is shadowed by b.cfg, the same value')


def share_result(phones):
    """share_info's result for these phones: its summary is the reader's own Tally."""
    tally = Tally()
    for entry in phones:
        tally.add(entry)
    return dict(phones=phones, macs=[p['mac_address'] for p in phones], summary=tally.report(limit=0))


def test_the_default_is_bounded_whatever_the_share_size():
    phones = [phone(i, ready=i % 2 == 0, findings=[MISSING] if i % 4 == 0 else []) for i in range(10000)]
    report = share_report(share_result(phones), 'summary', 10, BASELINE)
    assert 'phones' not in report and 'macs' not in report
    summary = report['summary']
    assert (summary['phones'], summary['phones_with_errors_count'], summary['not_ready']) == (10000, 2500, 5000)
    assert summary['reasons'] == {'transport UDPOnly; Lync needs TLS': 5000}
    assert summary['phones_with_errors'] == ['0004f2%06x' % i for i in range(0, 40, 4)]
    assert len(summary['phones_not_ready']) == 10 and summary['truncated'] is True and summary['with_firmware'] == 10000
    assert report['findings'] == [dict(kind='missing_file', severity='error', phones=2500, mac_addresses=summary['phones_with_errors'],
                                       message=MISSING['message'] % '[PHONE_MAC_ADDRESS]')]
    assert report['firmware_summary']['ok'] == 10000 and report['firmware_groups'][0]['count'] == 10000
    # the per-phone truth that remains is the firmware groups, ~16 characters a phone
    assert len(str(report)) < 200000


def test_phones_and_full_return_every_phone_and_their_lists_uncut():
    phones = [phone(i, ready=False) for i in range(30)]
    for detail in ('phones', 'full'):
        report = share_report(share_result(phones), detail, 10)
        assert report['phones'] == phones and report['macs'] == [p['mac_address'] for p in phones]
        assert len(report['summary']['phones_not_ready']) == 30 and report['summary']['truncated'] is False
        assert 'firmware_groups' not in report and 'firmware_summary' not in report


def test_findings_group_across_phones_most_severe_and_most_frequent_first():
    warning = dict(kind='unknown_parameter', severity='warning', message='volpProt.x in lync-shared.cfg: did you mean voIpProt.x?')
    phones = [phone(0, findings=[SHADOWED, warning]), phone(1, findings=[warning, MISSING, MISSING]), phone(2, findings=[warning])]
    groups = finding_groups(phones, 2)
    assert [(g['kind'], g['phones'], g['mac_addresses']) for g in groups] == [
        ('missing_file', 1, ['0004f2000001']), ('unknown_parameter', 3, ['0004f2000000', '0004f2000001']), ('shadowed', 1, ['0004f2000000'])]
    report = share_report(share_result(phones), 'summary', 1)
    assert len(report['findings']) == 1 and report['summary']['finding_groups'] == 3 and report['summary']['truncated'] is True


def test_phones_without_a_log_are_counted_not_compared():
    phones = [phone(0, version='4.0.1.13681'), phone(1, version=None), phone(2, version='5.9')]
    report = share_report(share_result(phones), 'summary', 10, BASELINE)
    assert report['firmware_summary'] == dict(ok=1, below_minimum=1, not_exact=0, unknown_model=0, unknown_version=0, compared=2, drift=1,
                                              no_log=1)
    groups = [(g['status'], g['mac_addresses']) for g in report['firmware_groups']]
    assert groups == [('below_minimum', ['0004f2000000']), ('ok', ['0004f2000002'])]
