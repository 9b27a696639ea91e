"""A --check --diff review tells the truth: a change that would break phones fails in check mode, naming the phones and
the reason, and the real run fails the same way before writing anything (the share stays byte-identical)."""
import pytest

from lync_helpers import PEM, lync_share, mac, phone, result_of, touched  # noqa: F401 pylint: disable=unused-import

PHONES = [phone(i) for i in range(1, 5)]
HUGE_PEM = PEM.replace('-----END CERTIFICATE-----', ('A' * 76 + '\n') * 140000 + '-----END CERTIFICATE-----')

CASES = {
    'udp transport': (dict(lync_provisioning_shared_params={'voIpProt.server.1.transport': 'UDPOnly'}),
                      [mac(i) for i in range(1, 5)], ['4 of 4 phone(s) would not register with Lync', 'transport UDPOnly; Lync needs TLS (4)']),
    'standard interop': (dict(lync_provisioning_shared_params={'voIpProt.server.1.specialInterop': 'standard'}),
                         [mac(i) for i in range(1, 5)], ['specialInterop standard; Lync 2010 needs lync2010 (4)']),
    'no login credentials': (dict(lync_provisioning_phones=[phone(1), phone(2, params={'reg.1.auth.useLoginCredentials': '0'})] + PHONES[2:]),
                             [mac(2)], ['1 of 4 phone(s) would not register', 'no credentials: neither reg.1.auth.userId']),
    'missing admin file': (dict(lync_provisioning_config_files_last=['site-policy.cfg']),
                           [mac(i) for i in range(1, 5)], ['4 phone(s) would read files with errors',
                                                           'site-policy.cfg is listed in CONFIG_FILES of 000000000000.cfg but is not on the share']),
    'address contradicts its column': (dict(lync_provisioning_phones=[phone(1), phone(2, params={'reg.1.address': 'sip:boss@bor-ee.com'})] + PHONES[2:]),
                                       [mac(2)], ["params sets reg.1.address = 'sip:boss@bor-ee.com', but the phone's address column gives "
                                                  "'sip:user2@bor-ee.com'"]),
    'oversized certificate': (dict(lync_provisioning_ca_certificate=HUGE_PEM), [],
                              ['sec.TLS.customCaCert.1', 'at most 16384 characters (got 1', 'MAX_VALUE_LENGTH']),
}


@pytest.mark.parametrize('case', sorted(CASES))
def test_check_mode_fails_where_the_real_run_would_and_nothing_is_written(lync_share, case):
    change, macs, expected = CASES[case]
    assert lync_share.apply().rc == 0
    before = lync_share.snapshot()
    for check in (True, False):
        run = lync_share.apply(check=check, diff=True, **change)
        assert run.rc == 2, run.output[-3000:]
        result = result_of(run)
        assert 'nothing was written' in result['msg'], result['msg'][:2000]
        for text in expected:
            assert text in result['msg'], (text, result['msg'][:2000])
        for address in macs:
            assert address in result['msg']
        assert touched(before, lync_share.snapshot()) == [], 'check mode %s wrote something' % check
        assert len(result['msg']) < 5000
    assert lync_share.snapshot() == before


def test_the_opt_out_provisions_non_lync_lines_and_says_how_many(lync_share):
    change = dict(lync_provisioning_shared_params={'voIpProt.server.1.transport': 'UDPOnly'}, lync_provisioning_require_lync=False)
    check = lync_share.apply(check=True, **change)
    assert check.rc == 0, check.output[-3000:]
    predicted = result_of(check)
    assert predicted['share']['not_ready'] == 4 and predicted['share']['reasons'] == {'transport UDPOnly; Lync needs TLS': 4}
    real = lync_share.apply(**change)
    assert real.rc == 0 and result_of(real)['counts'] == predicted['counts']
    assert lync_share.params('lync-shared.cfg')['voIpProt.server.1.transport'] == 'UDPOnly'
    assert '4 phones, 6 files: 6 created, 0 unchanged; 0 of 4 phones ready for Lync' in real.output


def test_a_phone_upload_that_breaks_its_line_is_named_before_writing(lync_share):
    """The check reads what phones uploaded (their override files) as they will: one phone's user set UDP at the phone."""
    assert lync_share.apply().rc == 0
    with open(lync_share.path('overrides', '%s-web.cfg' % mac(3)), 'w') as handle:
        handle.write('<PHONE_CONFIG><OVERRIDES voIpProt.server.1.transport="UDPOnly"/></PHONE_CONFIG>')
    before = lync_share.snapshot()
    run = lync_share.apply(check=True, lync_provisioning_shared_params={'pres.idleTimeout.offHours.period': 30})
    assert run.rc == 2
    message = result_of(run)['msg']
    assert '1 of 4 phone(s) would not register' in message and mac(3) in message and mac(1) not in message
    assert lync_share.snapshot() == before
